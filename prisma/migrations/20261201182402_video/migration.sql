-- CreateEnum
CREATE TYPE "VideoRoomState" AS ENUM ('OPEN', 'COMPLETED');

-- CreateEnum
CREATE TYPE "AttendanceVerdict" AS ENUM ('ATTENDED', 'MENTOR_NO_SHOW', 'MENTEE_NO_SHOW', 'NO_ATTENDANCE');

-- CreateTable
CREATE TABLE "video_room" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "roomSid" TEXT NOT NULL,
    "uniqueName" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "maxParticipants" INTEGER NOT NULL,
    "state" "VideoRoomState" NOT NULL DEFAULT 'OPEN',
    "verdict" "AttendanceVerdict",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "video_room_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "video_connection" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "roomSid" TEXT NOT NULL,
    "participantSid" TEXT NOT NULL,
    "connectedAt" TIMESTAMP(3) NOT NULL,
    "disconnectedAt" TIMESTAMP(3),
    "durationSeconds" INTEGER,

    CONSTRAINT "video_connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "video_callback_event" (
    "id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "WebhookEventStatus" NOT NULL DEFAULT 'RECEIVED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "video_callback_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "local_video_room" (
    "sid" TEXT NOT NULL,
    "uniqueName" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "maxParticipants" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "local_video_room_pkey" PRIMARY KEY ("sid")
);

-- CreateIndex
CREATE UNIQUE INDEX "video_room_sessionId_key" ON "video_room"("sessionId");

-- CreateIndex
CREATE INDEX "video_room_state_idx" ON "video_room"("state");

-- CreateIndex
CREATE UNIQUE INDEX "video_connection_participantSid_key" ON "video_connection"("participantSid");

-- CreateIndex
CREATE INDEX "video_connection_sessionId_userId_idx" ON "video_connection"("sessionId", "userId");

-- CreateIndex
CREATE INDEX "video_connection_connectedAt_idx" ON "video_connection"("connectedAt");

-- CreateIndex
CREATE INDEX "video_callback_event_status_receivedAt_idx" ON "video_callback_event"("status", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "video_callback_event_provider_eventId_key" ON "video_callback_event"("provider", "eventId");

-- CreateIndex
CREATE INDEX "local_video_room_uniqueName_idx" ON "local_video_room"("uniqueName");

-- AddForeignKey
ALTER TABLE "video_room" ADD CONSTRAINT "video_room_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "mentoring_session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "video_connection" ADD CONSTRAINT "video_connection_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "mentoring_session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Like Twilio: a unique name belongs to at most one in-progress room, so two concurrent
-- ensureRoom calls of the local provider share one room.
CREATE UNIQUE INDEX "local_video_room_in_progress_name" ON "local_video_room"("uniqueName")
  WHERE "status" = 'in-progress';
