-- CreateEnum
CREATE TYPE "MentorStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "OfferingKind" AS ENUM ('ONE_TO_ONE', 'GROUP');

-- CreateEnum
CREATE TYPE "OfferingStatus" AS ENUM ('ACTIVE', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "OverrideKind" AS ENUM ('UNAVAILABLE', 'AVAILABLE');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('SCHEDULED', 'CANCELLED', 'COMPLETED');

-- CreateEnum
CREATE TYPE "BookingStatus" AS ENUM ('PENDING_PAYMENT', 'CONFIRMED', 'COMPLETED', 'CANCELLED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "CancelledBy" AS ENUM ('MENTEE', 'MENTOR', 'ADMIN', 'SYSTEM');

-- AlterTable
ALTER TABLE "user" ADD COLUMN     "avatarVersion" TEXT,
ADD COLUMN     "bio" TEXT,
ADD COLUMN     "headline" TEXT,
ADD COLUMN     "languages" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "skill" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "skill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_skill" (
    "userId" TEXT NOT NULL,
    "skillId" TEXT NOT NULL,

    CONSTRAINT "user_skill_pkey" PRIMARY KEY ("userId","skillId")
);

-- CreateTable
CREATE TABLE "mentor_profile" (
    "userId" TEXT NOT NULL,
    "status" "MentorStatus" NOT NULL DEFAULT 'PENDING',
    "acceptingBookings" BOOLEAN NOT NULL DEFAULT true,
    "bufferMinutes" INTEGER NOT NULL DEFAULT 15,
    "minNoticeMinutes" INTEGER NOT NULL DEFAULT 240,
    "horizonDays" INTEGER NOT NULL DEFAULT 60,
    "appliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "decisionNote" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mentor_profile_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "offering" (
    "id" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "kind" "OfferingKind" NOT NULL,
    "capacity" INTEGER NOT NULL DEFAULT 1,
    "status" "OfferingStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "offering_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "offering_option" (
    "id" TEXT NOT NULL,
    "offeringId" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "priceMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "offering_option_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "availability_rule" (
    "id" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "endMinute" INTEGER NOT NULL,

    CONSTRAINT "availability_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "availability_override" (
    "id" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "kind" "OverrideKind" NOT NULL,
    "startMinute" INTEGER,
    "endMinute" INTEGER,

    CONSTRAINT "availability_override_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mentoring_session" (
    "id" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,
    "offeringId" TEXT NOT NULL,
    "optionId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "blockedUntil" TIMESTAMP(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "status" "SessionStatus" NOT NULL DEFAULT 'SCHEDULED',
    "cancelledAt" TIMESTAMP(3),
    "cancelReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mentoring_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "booking" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "menteeId" TEXT NOT NULL,
    "status" "BookingStatus" NOT NULL,
    "holdExpiresAt" TIMESTAMP(3),
    "offeringTitle" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "priceMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "note" TEXT,
    "invitationId" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "cancelledBy" "CancelledBy",
    "cancelledById" TEXT,
    "cancelReason" TEXT,
    "scheduleVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "booking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "booking_skill" (
    "bookingId" TEXT NOT NULL,
    "skillId" TEXT NOT NULL,

    CONSTRAINT "booking_skill_pkey" PRIMARY KEY ("bookingId","skillId")
);

-- CreateTable
CREATE TABLE "invitation" (
    "id" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,
    "offeringId" TEXT NOT NULL,
    "email" TEXT,
    "tokenHash" TEXT NOT NULL,
    "priceMinor" INTEGER,
    "currency" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invitation_use" (
    "invitationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitation_use_pkey" PRIMARY KEY ("invitationId","userId")
);

-- CreateTable
CREATE TABLE "booking_reminder" (
    "bookingId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "scheduleVersion" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "booking_reminder_pkey" PRIMARY KEY ("bookingId","kind","scheduleVersion")
);

-- CreateIndex
CREATE UNIQUE INDEX "skill_slug_key" ON "skill"("slug");

-- CreateIndex
CREATE INDEX "user_skill_skillId_idx" ON "user_skill"("skillId");

-- CreateIndex
CREATE INDEX "mentor_profile_status_idx" ON "mentor_profile"("status");

-- CreateIndex
CREATE INDEX "offering_mentorId_status_idx" ON "offering"("mentorId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "offering_option_offeringId_durationMinutes_key" ON "offering_option"("offeringId", "durationMinutes");

-- CreateIndex
CREATE INDEX "availability_rule_mentorId_idx" ON "availability_rule"("mentorId");

-- CreateIndex
CREATE INDEX "availability_override_mentorId_date_idx" ON "availability_override"("mentorId", "date");

-- CreateIndex
CREATE INDEX "mentoring_session_mentorId_startsAt_idx" ON "mentoring_session"("mentorId", "startsAt");

-- CreateIndex
CREATE INDEX "mentoring_session_optionId_startsAt_idx" ON "mentoring_session"("optionId", "startsAt");

-- CreateIndex
CREATE INDEX "booking_menteeId_status_idx" ON "booking"("menteeId", "status");

-- CreateIndex
CREATE INDEX "booking_sessionId_status_idx" ON "booking"("sessionId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "invitation_tokenHash_key" ON "invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "invitation_mentorId_idx" ON "invitation"("mentorId");

-- CreateIndex
CREATE UNIQUE INDEX "invitation_use_bookingId_key" ON "invitation_use"("bookingId");

-- AddForeignKey
ALTER TABLE "user_skill" ADD CONSTRAINT "user_skill_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_skill" ADD CONSTRAINT "user_skill_skillId_fkey" FOREIGN KEY ("skillId") REFERENCES "skill"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentor_profile" ADD CONSTRAINT "mentor_profile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offering" ADD CONSTRAINT "offering_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offering_option" ADD CONSTRAINT "offering_option_offeringId_fkey" FOREIGN KEY ("offeringId") REFERENCES "offering"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "availability_rule" ADD CONSTRAINT "availability_rule_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "availability_override" ADD CONSTRAINT "availability_override_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentoring_session" ADD CONSTRAINT "mentoring_session_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentoring_session" ADD CONSTRAINT "mentoring_session_offeringId_fkey" FOREIGN KEY ("offeringId") REFERENCES "offering"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentoring_session" ADD CONSTRAINT "mentoring_session_optionId_fkey" FOREIGN KEY ("optionId") REFERENCES "offering_option"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "mentoring_session"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_menteeId_fkey" FOREIGN KEY ("menteeId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "invitation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking_skill" ADD CONSTRAINT "booking_skill_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking_skill" ADD CONSTRAINT "booking_skill_skillId_fkey" FOREIGN KEY ("skillId") REFERENCES "skill"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_offeringId_fkey" FOREIGN KEY ("offeringId") REFERENCES "offering"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitation_use" ADD CONSTRAINT "invitation_use_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitation_use" ADD CONSTRAINT "invitation_use_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitation_use" ADD CONSTRAINT "invitation_use_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: what Prisma's schema language cannot say.

-- A mentor's scheduled sessions never overlap (buffer included: blocked_until = ends_at +
-- buffer). Concurrent holds on one slot: exactly one insert wins, the others fail with 23P01.
-- Prisma stores DateTime as UTC timestamp(3) without zone, hence tsrange (immutable).
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE "mentoring_session"
  ADD CONSTRAINT "mentoring_session_no_overlap"
  EXCLUDE USING gist ("mentorId" WITH =, tsrange("startsAt", "blockedUntil", '[)') WITH &&)
  WHERE ("status" = 'SCHEDULED');

ALTER TABLE "mentoring_session"
  ADD CONSTRAINT "mentoring_session_times" CHECK ("startsAt" < "endsAt" AND "endsAt" <= "blockedUntil"),
  ADD CONSTRAINT "mentoring_session_capacity" CHECK ("capacity" BETWEEN 1 AND 50);

-- One live place per participant and session.
CREATE UNIQUE INDEX "booking_live_participant"
  ON "booking" ("sessionId", "menteeId")
  WHERE "status" IN ('PENDING_PAYMENT', 'CONFIRMED');

ALTER TABLE "offering"
  ADD CONSTRAINT "offering_capacity" CHECK (
    ("kind" = 'ONE_TO_ONE' AND "capacity" = 1) OR ("kind" = 'GROUP' AND "capacity" BETWEEN 2 AND 50)
  );
ALTER TABLE "offering_option"
  ADD CONSTRAINT "offering_option_price" CHECK ("priceMinor" >= 0 AND "durationMinutes" BETWEEN 5 AND 480),
  ADD CONSTRAINT "offering_option_currency" CHECK ("currency" ~ '^[A-Z]{3}$');
ALTER TABLE "availability_rule"
  ADD CONSTRAINT "availability_rule_interval" CHECK (
    "weekday" BETWEEN 1 AND 7 AND "startMinute" >= 0 AND "endMinute" <= 1440 AND "startMinute" < "endMinute"
  );
ALTER TABLE "booking"
  ADD CONSTRAINT "booking_price" CHECK ("priceMinor" >= 0);
