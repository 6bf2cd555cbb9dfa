-- CreateEnum
CREATE TYPE "GoogleCalendarStatus" AS ENUM ('CONNECTED', 'BROKEN');

-- CreateTable
CREATE TABLE "calendar_feed_token" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "calendar_feed_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "google_calendar_connection" (
    "mentorId" TEXT NOT NULL,
    "status" "GoogleCalendarStatus" NOT NULL DEFAULT 'CONNECTED',
    "brokenReason" TEXT,
    "busyCalendarIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "targetCalendarId" TEXT,
    "busyFetchedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "google_calendar_connection_pkey" PRIMARY KEY ("mentorId")
);

-- CreateTable
CREATE TABLE "calendar_busy" (
    "id" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "calendar_busy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "google_calendar_event" (
    "sessionId" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,
    "calendarId" TEXT NOT NULL,
    "googleEventId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "google_calendar_event_pkey" PRIMARY KEY ("sessionId")
);

-- CreateIndex
CREATE UNIQUE INDEX "calendar_feed_token_userId_key" ON "calendar_feed_token"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "calendar_feed_token_tokenHash_key" ON "calendar_feed_token"("tokenHash");

-- CreateIndex
CREATE INDEX "calendar_busy_mentorId_startsAt_idx" ON "calendar_busy"("mentorId", "startsAt");

-- CreateIndex
CREATE INDEX "google_calendar_event_mentorId_idx" ON "google_calendar_event"("mentorId");

-- AddForeignKey
ALTER TABLE "calendar_feed_token" ADD CONSTRAINT "calendar_feed_token_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "google_calendar_connection" ADD CONSTRAINT "google_calendar_connection_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calendar_busy" ADD CONSTRAINT "calendar_busy_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "google_calendar_connection"("mentorId") ON DELETE CASCADE ON UPDATE CASCADE;
