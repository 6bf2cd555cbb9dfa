-- CreateTable
CREATE TABLE "realtime_message" (
    "seq" BIGSERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "realtime_message_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "realtime_message_userId_seq_idx" ON "realtime_message"("userId", "seq");

-- CreateIndex
CREATE INDEX "realtime_message_createdAt_idx" ON "realtime_message"("createdAt");
