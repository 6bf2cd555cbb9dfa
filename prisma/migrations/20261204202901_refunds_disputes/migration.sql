-- CreateEnum
CREATE TYPE "DisputeStatus" AS ENUM ('OPEN', 'WON', 'LOST');

-- CreateEnum
CREATE TYPE "AttendanceReviewStatus" AS ENUM ('PENDING', 'RELEASED', 'REFUNDED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "LedgerAccountKind" ADD VALUE 'MENTOR_RECEIVABLE';
ALTER TYPE "LedgerAccountKind" ADD VALUE 'MENTOR_FROZEN';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "LedgerTransactionKind" ADD VALUE 'DISPUTE_FREEZE';
ALTER TYPE "LedgerTransactionKind" ADD VALUE 'DISPUTE_UNFREEZE';
ALTER TYPE "LedgerTransactionKind" ADD VALUE 'DISPUTE_LOSS';

-- CreateTable
CREATE TABLE "dispute" (
    "id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerDisputeId" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "reason" TEXT,
    "status" "DisputeStatus" NOT NULL DEFAULT 'OPEN',
    "frozenMinor" INTEGER NOT NULL DEFAULT 0,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "dispute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attendance_review" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "status" "AttendanceReviewStatus" NOT NULL DEFAULT 'PENDING',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attendance_review_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "dispute_status_openedAt_idx" ON "dispute"("status", "openedAt");

-- CreateIndex
CREATE INDEX "dispute_paymentId_idx" ON "dispute"("paymentId");

-- CreateIndex
CREATE UNIQUE INDEX "dispute_provider_providerDisputeId_key" ON "dispute"("provider", "providerDisputeId");

-- CreateIndex
CREATE UNIQUE INDEX "attendance_review_sessionId_key" ON "attendance_review"("sessionId");

-- CreateIndex
CREATE INDEX "attendance_review_status_createdAt_idx" ON "attendance_review"("status", "createdAt");
