-- AlterTable
ALTER TABLE "payout_method" ADD COLUMN     "verificationSentAt" TIMESTAMP(3),
ADD COLUMN     "verifiedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "payout_account" (
    "id" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "detailsSubmitted" BOOLEAN NOT NULL DEFAULT false,
    "payoutsEnabled" BOOLEAN NOT NULL DEFAULT false,
    "currentlyDue" TEXT[],
    "statusAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "payout_account_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "payout_account_mentorId_provider_key" ON "payout_account"("mentorId", "provider");

-- CreateIndex
CREATE UNIQUE INDEX "payout_account_provider_providerAccountId_key" ON "payout_account"("provider", "providerAccountId");
