-- AlterTable
ALTER TABLE "webhook_event" ADD COLUMN     "enqueuedAt" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP;

-- Rows stored before the outbox (decision 070) have their job: the default marks them enqueued,
-- and so does it for a web process of the previous release still writing event + job during a
-- rolling deploy. Only the new ingest writes NULL ("stored, job to make").

-- The sweep's work list: only the events not yet enqueued (a handful at any time), in arrival
-- order. Partial, so it stays tiny however many events are kept.
CREATE INDEX "webhook_event_unenqueued_idx" ON "webhook_event" ("receivedAt", "id")
  WHERE "enqueuedAt" IS NULL;
