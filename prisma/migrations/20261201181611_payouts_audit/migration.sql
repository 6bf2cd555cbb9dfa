-- CreateEnum
CREATE TYPE "PayoutMethodKind" AS ENUM ('STRIPE_CONNECT', 'PAYPAL', 'BANK_TRANSFER', 'SANDBOX');

-- CreateEnum
CREATE TYPE "PayoutStatus" AS ENUM ('REQUESTED', 'APPROVED', 'PROCESSING', 'PAID', 'REJECTED', 'CANCELLED');

-- AlterEnum
ALTER TYPE "LedgerAccountKind" ADD VALUE 'MENTOR_PAYOUT_RESERVED';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "LedgerTransactionKind" ADD VALUE 'PAYOUT_RESERVE';
ALTER TYPE "LedgerTransactionKind" ADD VALUE 'PAYOUT_RELEASE';

-- CreateTable
CREATE TABLE "session_completion" (
    "sessionId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "completedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "session_completion_pkey" PRIMARY KEY ("sessionId")
);

-- CreateTable
CREATE TABLE "payout_method" (
    "mentorId" TEXT NOT NULL,
    "kind" "PayoutMethodKind" NOT NULL,
    "destination" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "payout_method_pkey" PRIMARY KEY ("mentorId")
);

-- CreateTable
CREATE TABLE "payout" (
    "id" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "feeMinor" INTEGER NOT NULL DEFAULT 0,
    "method" "PayoutMethodKind" NOT NULL,
    "destination" JSONB NOT NULL,
    "gatewayId" TEXT,
    "gatewayKey" TEXT NOT NULL,
    "providerPayoutId" TEXT,
    "status" "PayoutStatus" NOT NULL,
    "reserved" BOOLEAN NOT NULL DEFAULT true,
    "reservations" INTEGER NOT NULL DEFAULT 1,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastFailure" TEXT,
    "lastFailedAt" TIMESTAMP(3),
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "processingAt" TIMESTAMP(3),
    "paidAt" TIMESTAMP(3),
    "reference" TEXT,
    "rejectedById" TEXT,
    "rejectedAt" TIMESTAMP(3),
    "rejectionReason" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "payout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" TEXT NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "ip" TEXT,
    "userAgent" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "payout_mentorId_createdAt_idx" ON "payout"("mentorId", "createdAt");

-- CreateIndex
CREATE INDEX "payout_status_updatedAt_idx" ON "payout"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "payout_createdAt_idx" ON "payout"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "payout_gatewayId_providerPayoutId_key" ON "payout"("gatewayId", "providerPayoutId");

-- CreateIndex
CREATE INDEX "audit_log_createdAt_idx" ON "audit_log"("createdAt");

-- CreateIndex
CREATE INDEX "audit_log_actorId_createdAt_idx" ON "audit_log"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "audit_log_action_createdAt_idx" ON "audit_log"("action", "createdAt");

-- CreateIndex
CREATE INDEX "audit_log_targetType_targetId_idx" ON "audit_log"("targetType", "targetId");
