-- CreateEnum
CREATE TYPE "InvoiceKind" AS ENUM ('INVOICE', 'CREDIT_NOTE', 'PAYOUT_STATEMENT');

-- CreateTable
CREATE TABLE "invoice" (
    "id" TEXT NOT NULL,
    "kind" "InvoiceKind" NOT NULL,
    "series" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "document" JSONB NOT NULL,
    "ownerId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "totalMinor" INTEGER NOT NULL,
    "paymentId" TEXT,
    "refundId" TEXT,
    "payoutId" TEXT,
    "originalInvoiceId" TEXT,
    "fileKey" TEXT,
    "sha256" TEXT,
    "byteSize" INTEGER,
    "renderedAt" TIMESTAMP(3),
    "retentionUntil" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoice_counter" (
    "series" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "invoice_counter_pkey" PRIMARY KEY ("series","year")
);

-- CreateTable
CREATE TABLE "billing_details" (
    "userId" TEXT NOT NULL,
    "name" TEXT,
    "addressLines" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "country" TEXT,
    "vatNumber" TEXT,
    "isBusiness" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "billing_details_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "invoice_number_key" ON "invoice"("number");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_paymentId_key" ON "invoice"("paymentId");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_refundId_key" ON "invoice"("refundId");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_payoutId_key" ON "invoice"("payoutId");

-- CreateIndex
CREATE INDEX "invoice_ownerId_issuedAt_idx" ON "invoice"("ownerId", "issuedAt");

-- CreateIndex
CREATE INDEX "invoice_originalInvoiceId_idx" ON "invoice"("originalInvoiceId");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_series_year_sequence_key" ON "invoice"("series", "year", "sequence");

-- AddForeignKey
ALTER TABLE "invoice" ADD CONSTRAINT "invoice_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice" ADD CONSTRAINT "invoice_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "payment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice" ADD CONSTRAINT "invoice_refundId_fkey" FOREIGN KEY ("refundId") REFERENCES "refund"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice" ADD CONSTRAINT "invoice_originalInvoiceId_fkey" FOREIGN KEY ("originalInvoiceId") REFERENCES "invoice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_details" ADD CONSTRAINT "billing_details_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Issued documents never change and are never deleted (kept 10 years, corrected by credit
-- notes): only the rendered file's record may be filled in, once.
CREATE FUNCTION invoice_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'invoice % is an issued document and cannot be deleted', OLD."number";
  END IF;
  IF (NEW."id", NEW."kind", NEW."series", NEW."year", NEW."sequence", NEW."number",
      NEW."issuedAt", NEW."document", NEW."ownerId", NEW."currency", NEW."totalMinor",
      NEW."paymentId", NEW."refundId", NEW."payoutId", NEW."originalInvoiceId",
      NEW."retentionUntil", NEW."createdAt")
     IS DISTINCT FROM
     (OLD."id", OLD."kind", OLD."series", OLD."year", OLD."sequence", OLD."number",
      OLD."issuedAt", OLD."document", OLD."ownerId", OLD."currency", OLD."totalMinor",
      OLD."paymentId", OLD."refundId", OLD."payoutId", OLD."originalInvoiceId",
      OLD."retentionUntil", OLD."createdAt") THEN
    RAISE EXCEPTION 'invoice % is an issued document and cannot change', OLD."number";
  END IF;
  IF OLD."fileKey" IS NOT NULL AND
     (NEW."fileKey", NEW."sha256", NEW."byteSize", NEW."renderedAt")
     IS DISTINCT FROM (OLD."fileKey", OLD."sha256", OLD."byteSize", OLD."renderedAt") THEN
    RAISE EXCEPTION 'invoice % already has its rendered file recorded', OLD."number";
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER invoice_immutable
  BEFORE UPDATE OR DELETE ON "invoice"
  FOR EACH ROW EXECUTE FUNCTION invoice_immutable();
