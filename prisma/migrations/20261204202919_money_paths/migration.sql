-- AlterTable
ALTER TABLE "invitation" ADD COLUMN     "durationMinutes" INTEGER;

-- AlterTable
ALTER TABLE "payout" ADD COLUMN     "methodSetAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "payout_method" ADD COLUMN     "cooldownUntil" TIMESTAMP(3),
ADD COLUMN     "setAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "mentor_block" (
    "mentorId" TEXT NOT NULL,
    "menteeId" TEXT NOT NULL,
    "bookingId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mentor_block_pkey" PRIMARY KEY ("mentorId","menteeId")
);

-- CreateIndex
CREATE INDEX "mentor_block_menteeId_idx" ON "mentor_block"("menteeId");

-- Backfill: an existing invitation is bound to its offering's shortest live option (the price a
-- mentor most likely meant); an existing method's age counts from its last change.
UPDATE "invitation" AS i SET "durationMinutes" = (
    SELECT MIN(o."durationMinutes") FROM "offering_option" AS o
    WHERE o."offeringId" = i."offeringId" AND o."archivedAt" IS NULL
);
UPDATE "payout_method" SET "setAt" = "updatedAt";
