-- Every invoice issued so far was rendered as a plain PDF: the default keeps it so (its bytes are
-- recorded and re-renders must reproduce them). New invoices and credit notes are issued FACTURX.
-- CreateEnum
CREATE TYPE "InvoiceFormat" AS ENUM ('PDF', 'FACTURX');

-- AlterTable
ALTER TABLE "invoice" ADD COLUMN     "format" "InvoiceFormat" NOT NULL DEFAULT 'PDF';

-- The format is part of the issued document: it never changes either (same function as in
-- 20261201181543_invoices, with "format" in the frozen columns).
CREATE OR REPLACE FUNCTION invoice_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'invoice % is an issued document and cannot be deleted', OLD."number";
  END IF;
  IF (NEW."id", NEW."kind", NEW."series", NEW."year", NEW."sequence", NEW."number",
      NEW."issuedAt", NEW."document", NEW."ownerId", NEW."currency", NEW."totalMinor",
      NEW."paymentId", NEW."refundId", NEW."payoutId", NEW."originalInvoiceId",
      NEW."retentionUntil", NEW."createdAt", NEW."format")
     IS DISTINCT FROM
     (OLD."id", OLD."kind", OLD."series", OLD."year", OLD."sequence", OLD."number",
      OLD."issuedAt", OLD."document", OLD."ownerId", OLD."currency", OLD."totalMinor",
      OLD."paymentId", OLD."refundId", OLD."payoutId", OLD."originalInvoiceId",
      OLD."retentionUntil", OLD."createdAt", OLD."format") THEN
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
