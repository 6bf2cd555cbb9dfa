-- CreateEnum
CREATE TYPE "LedgerAccountKind" AS ENUM ('USER_WALLET', 'USER_WALLET_RESERVED', 'GATEWAY_CLEARING', 'MENTOR_PENDING', 'MENTOR_AVAILABLE', 'PLATFORM_FEES', 'REFUNDS_PAYABLE');

-- CreateEnum
CREATE TYPE "LedgerTransactionKind" AS ENUM ('TOP_UP', 'RESERVE', 'RELEASE', 'PAYMENT', 'REFUND', 'REFUND_PAID', 'EARNINGS_RELEASE', 'PAYOUT', 'ADJUSTMENT');

-- CreateTable
CREATE TABLE "ledger_account" (
    "id" TEXT NOT NULL,
    "kind" "LedgerAccountKind" NOT NULL,
    "owner" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_transaction" (
    "id" TEXT NOT NULL,
    "kind" "LedgerTransactionKind" NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "paymentId" TEXT,
    "bookingId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_transaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_entry" (
    "id" TEXT NOT NULL,
    "transactionId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,

    CONSTRAINT "ledger_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ledger_account_owner_idx" ON "ledger_account"("owner");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_account_kind_owner_currency_key" ON "ledger_account"("kind", "owner", "currency");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_account_id_currency_key" ON "ledger_account"("id", "currency");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_transaction_idempotencyKey_key" ON "ledger_transaction"("idempotencyKey");

-- CreateIndex
CREATE INDEX "ledger_transaction_paymentId_idx" ON "ledger_transaction"("paymentId");

-- CreateIndex
CREATE INDEX "ledger_transaction_bookingId_idx" ON "ledger_transaction"("bookingId");

-- CreateIndex
CREATE INDEX "ledger_entry_transactionId_idx" ON "ledger_entry"("transactionId");

-- CreateIndex
CREATE INDEX "ledger_entry_accountId_idx" ON "ledger_entry"("accountId");

-- AddForeignKey
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_transactionId_fkey" FOREIGN KEY ("transactionId") REFERENCES "ledger_transaction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_accountId_currency_fkey" FOREIGN KEY ("accountId", "currency") REFERENCES "ledger_account"("id", "currency") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: what Prisma's schema language cannot say.

ALTER TABLE "ledger_account"
  ADD CONSTRAINT "ledger_account_currency" CHECK ("currency" ~ '^[A-Z]{3}$'),
  ADD CONSTRAINT "ledger_account_owner" CHECK (
    ("kind" = 'PLATFORM_FEES' AND "owner" = '') OR ("kind" <> 'PLATFORM_FEES' AND "owner" <> '')
  );
ALTER TABLE "ledger_transaction"
  ADD CONSTRAINT "ledger_transaction_idempotency_key" CHECK ("idempotencyKey" <> '');
ALTER TABLE "ledger_entry"
  ADD CONSTRAINT "ledger_entry_amount" CHECK ("amountMinor" <> 0);

-- Double entry, guarded by the database too: at commit, every ledger transaction written in
-- the database transaction has at least two entries and its entries sum to zero per currency.
-- Deferred, so a transaction and its entries can be inserted in any order within one commit.
CREATE FUNCTION "ledger_assert_balanced"(tx_id TEXT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  entry_count INTEGER;
  unbalanced RECORD;
BEGIN
  SELECT count(*) INTO entry_count FROM "ledger_entry" WHERE "transactionId" = tx_id;
  IF entry_count < 2 THEN
    RAISE EXCEPTION 'ledger transaction % has % entries; at least 2 are required', tx_id, entry_count
      USING ERRCODE = '23514', CONSTRAINT = 'ledger_transaction_balanced';
  END IF;
  SELECT "currency", sum("amountMinor") AS total INTO unbalanced
    FROM "ledger_entry" WHERE "transactionId" = tx_id
    GROUP BY "currency" HAVING sum("amountMinor") <> 0 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % is unbalanced: its % entries sum to %', tx_id, unbalanced."currency", unbalanced.total
      USING ERRCODE = '23514', CONSTRAINT = 'ledger_transaction_balanced';
  END IF;
END $$;

CREATE FUNCTION "ledger_transaction_check_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "ledger_assert_balanced"(NEW."id");
  RETURN NULL;
END $$;

CREATE FUNCTION "ledger_entry_check_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "ledger_assert_balanced"(NEW."transactionId");
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "ledger_transaction_balanced"
  AFTER INSERT ON "ledger_transaction" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "ledger_transaction_check_balanced"();
CREATE CONSTRAINT TRIGGER "ledger_entry_balanced"
  AFTER INSERT ON "ledger_entry" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "ledger_entry_check_balanced"();

-- The ledger is append-only: a correction is a new transaction, never an edit.
CREATE FUNCTION "ledger_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: post a correcting transaction instead', TG_TABLE_NAME
    USING ERRCODE = '55000';
END $$;

CREATE TRIGGER "ledger_transaction_append_only"
  BEFORE UPDATE OR DELETE ON "ledger_transaction"
  FOR EACH ROW EXECUTE FUNCTION "ledger_append_only"();
CREATE TRIGGER "ledger_entry_append_only"
  BEFORE UPDATE OR DELETE ON "ledger_entry"
  FOR EACH ROW EXECUTE FUNCTION "ledger_append_only"();
