-- CreateTable
CREATE TABLE "directory_slot" (
    "mentorId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "directory_slot_pkey" PRIMARY KEY ("mentorId","startsAt")
);

-- CreateTable
CREATE TABLE "directory_slot_refresh" (
    "mentorId" TEXT NOT NULL,
    "refreshedAt" TIMESTAMP(3) NOT NULL,
    "firstStartsAt" TIMESTAMP(3),
    "lastStartsAt" TIMESTAMP(3),

    CONSTRAINT "directory_slot_refresh_pkey" PRIMARY KEY ("mentorId")
);

-- CreateIndex
CREATE INDEX "directory_slot_refresh_refreshedAt_idx" ON "directory_slot_refresh"("refreshedAt");

-- CreateIndex
CREATE INDEX "directory_slot_refresh_firstStartsAt_idx" ON "directory_slot_refresh"("firstStartsAt");
