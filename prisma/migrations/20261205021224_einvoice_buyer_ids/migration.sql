-- AlterTable
ALTER TABLE "billing_details" ADD COLUMN     "siren" TEXT,
ADD COLUMN     "siret" TEXT;

-- AlterTable
ALTER TABLE "payment" ADD COLUMN     "buyerReference" TEXT;
