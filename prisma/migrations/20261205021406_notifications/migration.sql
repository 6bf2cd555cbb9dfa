-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('BOOKING_CONFIRMED', 'BOOKING_CANCELLED', 'BOOKING_MOVED', 'SESSION_STARTING', 'PAYMENT_SUCCEEDED', 'PAYMENT_FAILED', 'REFUND_ISSUED', 'INVOICE_READY', 'NEW_MESSAGE', 'PAYOUT_APPROVED', 'PAYOUT_PAID', 'PAYOUT_FAILED', 'EARNINGS_RELEASED', 'APPLICATION_DECIDED', 'ADMIN_PAYOUT_REQUESTED', 'ADMIN_WEBHOOK_FAILED', 'ADMIN_DISPUTE_OPENED', 'ADMIN_MODERATION');

-- CreateTable
CREATE TABLE "notification" (
    "id" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "subjectId" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "dedupeKey" TEXT NOT NULL,
    "shownInApp" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),
    "emailDueAt" TIMESTAMP(3),
    "emailedAt" TIMESTAMP(3),

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_preference" (
    "userId" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "inApp" BOOLEAN NOT NULL,
    "email" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "notification_preference_pkey" PRIMARY KEY ("userId","kind")
);

-- CreateIndex
CREATE INDEX "notification_recipientId_createdAt_id_idx" ON "notification"("recipientId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "notification_recipientId_readAt_shownInApp_idx" ON "notification"("recipientId", "readAt", "shownInApp");

-- CreateIndex
CREATE INDEX "notification_emailDueAt_idx" ON "notification"("emailDueAt");

-- CreateIndex
CREATE UNIQUE INDEX "notification_recipientId_dedupeKey_key" ON "notification"("recipientId", "dedupeKey");

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_preference" ADD CONSTRAINT "notification_preference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
