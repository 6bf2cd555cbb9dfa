-- AlterTable
ALTER TABLE "webhook_event" ADD COLUMN     "enqueuedAt" TIMESTAMP(3);

-- Events stored before the outbox (decision 070) were stored with their job: already enqueued.
UPDATE "webhook_event" SET "enqueuedAt" = "receivedAt";

-- The sweep's work list: only the events not yet enqueued (a handful at any time), in arrival
-- order. Partial, so it stays tiny however many events are kept.
CREATE INDEX "webhook_event_unenqueued_idx" ON "webhook_event" ("receivedAt", "id")
  WHERE "enqueuedAt" IS NULL;
