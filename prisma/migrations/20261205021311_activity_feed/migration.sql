-- CreateTable
CREATE TABLE "activity_entry" (
    "id" UUID NOT NULL,
    "userId" TEXT,
    "eventId" UUID NOT NULL,
    "eventType" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "activity_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "activity_entry_userId_occurredAt_id_idx" ON "activity_entry"("userId", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "activity_entry_userId_kind_occurredAt_id_idx" ON "activity_entry"("userId", "kind", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "activity_entry_eventId_idx" ON "activity_entry"("eventId");
