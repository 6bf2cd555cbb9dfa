-- CreateTable
CREATE TABLE "failure_event" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "failure_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "failure_alert_state" (
    "key" TEXT NOT NULL,
    "lastAlertAt" TIMESTAMP(3),

    CONSTRAINT "failure_alert_state_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "failure_event_key_occurredAt_idx" ON "failure_event"("key", "occurredAt");
