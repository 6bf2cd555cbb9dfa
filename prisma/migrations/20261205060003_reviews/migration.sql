-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'REVIEW_RECEIVED';
ALTER TYPE "NotificationKind" ADD VALUE 'REVIEW_ANSWERED';
ALTER TYPE "NotificationKind" ADD VALUE 'REVIEW_REMINDER';

-- CreateTable
CREATE TABLE "review" (
    "id" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "text" TEXT,
    "answer" TEXT,
    "answeredAt" TIMESTAMP(3),
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "hiddenReason" TEXT,
    "hiddenAt" TIMESTAMP(3),
    "hiddenById" TEXT,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "flagReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "review_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "review_bookingId_key" ON "review"("bookingId");

-- CreateIndex
CREATE INDEX "review_mentorId_hidden_createdAt_id_idx" ON "review"("mentorId", "hidden", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "review_flagged_createdAt_idx" ON "review"("flagged", "createdAt");

-- CreateIndex
CREATE INDEX "review_authorId_idx" ON "review"("authorId");

-- A rating is a whole number of stars, 1 to 5 (Prisma has no CHECK: added by hand).
ALTER TABLE "review" ADD CONSTRAINT "review_rating_range" CHECK ("rating" BETWEEN 1 AND 5);
