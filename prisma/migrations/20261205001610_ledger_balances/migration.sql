-- AlterTable
ALTER TABLE "ledger_account" ADD COLUMN     "balanceMinor" BIGINT NOT NULL DEFAULT 0;

-- Decision 028: the balance lives on the account row, so reading it is one row by key.
-- No posting may land between the backfill and the trigger: hold inserts off until commit.
LOCK TABLE "ledger_entry" IN SHARE MODE;

-- Every insert into ledger_entry (postTransaction, seeders, fixtures) moves the balances of the
-- accounts it touches, once per statement. The ledger is append-only (UPDATE and DELETE are
-- refused), so inserts are the only way a balance changes. postTransaction locks the accounts
-- in id order before it inserts, so this UPDATE never waits on a lock taken in another order.
CREATE FUNCTION "ledger_entry_apply_balances"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ledger_account" a
     SET "balanceMinor" = a."balanceMinor" + d.delta
    FROM (SELECT "accountId", sum("amountMinor") AS delta
            FROM new_entries GROUP BY "accountId") d
   WHERE a.id = d."accountId";
  RETURN NULL;
END $$;

CREATE TRIGGER "ledger_entry_apply_balances"
  AFTER INSERT ON "ledger_entry"
  REFERENCING NEW TABLE AS new_entries
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_entry_apply_balances"();

-- Backfill from the entries already posted.
UPDATE "ledger_account" a
   SET "balanceMinor" = s.total
  FROM (SELECT "accountId", sum("amountMinor") AS total FROM "ledger_entry" GROUP BY "accountId") s
 WHERE a.id = s."accountId";
