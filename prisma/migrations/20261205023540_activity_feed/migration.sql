-- CreateTable
CREATE TABLE "activity_entry" (
    "id" UUID NOT NULL,
    "feed" TEXT NOT NULL,
    "eventId" UUID NOT NULL,
    "eventType" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "activity_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "activity_entry_feed_occurredAt_id_idx" ON "activity_entry"("feed", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "activity_entry_feed_kind_occurredAt_id_idx" ON "activity_entry"("feed", "kind", "occurredAt" DESC, "id" DESC);
