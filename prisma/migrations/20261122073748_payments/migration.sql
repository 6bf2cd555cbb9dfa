-- CreateEnum
CREATE TYPE "PaymentPurpose" AS ENUM ('BOOKING', 'TOP_UP');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED', 'EXPIRED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RefundStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "RefundDestination" AS ENUM ('ORIGINAL', 'WALLET');

-- CreateEnum
CREATE TYPE "WebhookEventStatus" AS ENUM ('RECEIVED', 'PROCESSED', 'FAILED', 'DEAD');

-- CreateTable
CREATE TABLE "payment" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" "PaymentPurpose" NOT NULL,
    "bookingId" TEXT,
    "mentorId" TEXT,
    "feeBasisPoints" INTEGER NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "walletAmountMinor" INTEGER NOT NULL,
    "gatewayAmountMinor" INTEGER NOT NULL,
    "provider" TEXT,
    "providerPaymentId" TEXT,
    "redirectUrl" TEXT,
    "status" "PaymentStatus" NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "returnUsedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "failureReason" TEXT,
    "creditedToWallet" BOOLEAN NOT NULL DEFAULT false,
    "refundedMinor" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refund" (
    "id" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "walletPartMinor" INTEGER NOT NULL,
    "gatewayPartMinor" INTEGER NOT NULL,
    "destination" "RefundDestination" NOT NULL,
    "status" "RefundStatus" NOT NULL,
    "reason" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "requestedById" TEXT,
    "providerRefundId" TEXT,
    "failureReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "refund_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_event" (
    "id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "rawBody" TEXT NOT NULL,
    "status" "WebhookEventStatus" NOT NULL DEFAULT 'RECEIVED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "webhook_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sandbox_payment" (
    "id" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "refunds" JSONB NOT NULL DEFAULT '[]',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "successUrl" TEXT NOT NULL,
    "cancelUrl" TEXT NOT NULL,
    "webhookUrl" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "sandbox_payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sandbox_payout" (
    "id" TEXT NOT NULL,
    "payoutId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "destination" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "failureReason" TEXT,
    "webhookUrl" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sandbox_payout_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "payment_userId_createdAt_idx" ON "payment"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "payment_status_createdAt_idx" ON "payment"("status", "createdAt");

-- CreateIndex
CREATE INDEX "payment_bookingId_idx" ON "payment"("bookingId");

-- CreateIndex
CREATE UNIQUE INDEX "payment_provider_providerPaymentId_key" ON "payment"("provider", "providerPaymentId");

-- CreateIndex
CREATE UNIQUE INDEX "refund_cause_key" ON "refund"("cause");

-- CreateIndex
CREATE INDEX "refund_paymentId_idx" ON "refund"("paymentId");

-- CreateIndex
CREATE INDEX "refund_status_idx" ON "refund"("status");

-- CreateIndex
CREATE INDEX "webhook_event_status_receivedAt_idx" ON "webhook_event"("status", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_event_provider_eventId_key" ON "webhook_event"("provider", "eventId");

-- CreateIndex
CREATE UNIQUE INDEX "sandbox_payment_idempotencyKey_key" ON "sandbox_payment"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "sandbox_payout_idempotencyKey_key" ON "sandbox_payout"("idempotencyKey");

-- AddForeignKey
ALTER TABLE "payment" ADD CONSTRAINT "payment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment" ADD CONSTRAINT "payment_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "booking"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refund" ADD CONSTRAINT "refund_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "payment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: invariants Prisma cannot express.

-- A payment's parts add up, no part is negative, refunds never exceed what was paid.
ALTER TABLE "payment" ADD CONSTRAINT "payment_amounts_check" CHECK (
  "amountMinor" > 0
  AND "walletAmountMinor" >= 0
  AND "gatewayAmountMinor" >= 0
  AND "walletAmountMinor" + "gatewayAmountMinor" = "amountMinor"
  AND "refundedMinor" >= 0
  AND "refundedMinor" <= "amountMinor"
  AND "feeBasisPoints" BETWEEN 0 AND 10000
);
-- A gateway part needs a gateway; a booking payment names its booking and mentor.
ALTER TABLE "payment" ADD CONSTRAINT "payment_provider_check" CHECK (
  ("gatewayAmountMinor" = 0 OR "provider" IS NOT NULL)
  AND ("purpose" <> 'BOOKING' OR ("bookingId" IS NOT NULL AND "mentorId" IS NOT NULL))
  AND ("purpose" <> 'TOP_UP' OR "walletAmountMinor" = 0)
);
-- At most one open payment per booking: a second start finds the first.
CREATE UNIQUE INDEX "payment_one_pending_per_booking" ON "payment" ("bookingId") WHERE "status" = 'PENDING';

ALTER TABLE "refund" ADD CONSTRAINT "refund_amounts_check" CHECK (
  "amountMinor" > 0
  AND "walletPartMinor" >= 0
  AND "gatewayPartMinor" >= 0
  AND "walletPartMinor" + "gatewayPartMinor" = "amountMinor"
);

ALTER TABLE "sandbox_payment" ADD CONSTRAINT "sandbox_payment_check" CHECK (
  "amountMinor" > 0 AND "status" IN ('pending', 'succeeded', 'failed', 'expired')
);
ALTER TABLE "sandbox_payout" ADD CONSTRAINT "sandbox_payout_check" CHECK (
  "amountMinor" > 0 AND "status" IN ('paid', 'failed')
);
