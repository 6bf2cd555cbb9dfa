-- AlterTable
ALTER TABLE "ledger_entry" ADD COLUMN     "shard" SMALLINT;

-- CreateTable
CREATE TABLE "ledger_balance_shard" (
    "accountId" TEXT NOT NULL,
    "shard" SMALLINT NOT NULL,
    "balanceMinor" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ledger_balance_shard_pkey" PRIMARY KEY ("accountId","shard")
);

-- AddForeignKey
ALTER TABLE "ledger_balance_shard" ADD CONSTRAINT "ledger_balance_shard_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ledger_account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_shard" CHECK ("shard" IS NULL OR "shard" >= 0);
ALTER TABLE "ledger_balance_shard" ADD CONSTRAINT "ledger_balance_shard_shard" CHECK ("shard" >= 0);

-- Decision 060: a house account's postings (postTransaction sets the entry's shard) move one of
-- its balance shards instead of its row, so concurrent payments do not queue on one row lock.
-- Entries with no shard (people's accounts, seeders, fixtures, history) still move the row, so
-- a house account's balance is its row plus its shards and nothing already posted moves.
-- postTransaction has locked (or created) the shard rows before it inserts; the upsert covers
-- any other writer, in (account, shard) order.
CREATE OR REPLACE FUNCTION "ledger_entry_apply_balances"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ledger_account" a
     SET "balanceMinor" = a."balanceMinor" + d.delta
    FROM (SELECT "accountId", sum("amountMinor") AS delta
            FROM new_entries WHERE "shard" IS NULL GROUP BY "accountId") d
   WHERE a.id = d."accountId";
  INSERT INTO "ledger_balance_shard" AS s ("accountId", "shard", "balanceMinor")
  SELECT "accountId", "shard", sum("amountMinor")
    FROM new_entries WHERE "shard" IS NOT NULL
   GROUP BY "accountId", "shard"
   ORDER BY "accountId", "shard"
  ON CONFLICT ("accountId", "shard")
  DO UPDATE SET "balanceMinor" = s."balanceMinor" + excluded."balanceMinor";
  RETURN NULL;
END $$;
