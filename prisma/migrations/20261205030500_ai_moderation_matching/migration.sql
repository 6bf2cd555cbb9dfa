-- CreateEnum
CREATE TYPE "ModerationSubject" AS ENUM ('PROFILE_TEXT', 'AVATAR', 'MENTOR_APPLICATION', 'MESSAGE');

-- CreateEnum
CREATE TYPE "ModerationVerdict" AS ENUM ('ALLOW', 'REVIEW', 'BLOCK');

-- CreateEnum
CREATE TYPE "ModerationCaseStatus" AS ENUM ('PENDING', 'BLOCKED', 'APPROVED', 'REJECTED', 'SUPERSEDED');

-- CreateTable
CREATE TABLE "moderation_case" (
    "id" TEXT NOT NULL,
    "subject" "ModerationSubject" NOT NULL,
    "contentRef" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,
    "scores" JSONB NOT NULL DEFAULT '{}',
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "verdict" "ModerationVerdict" NOT NULL,
    "provider" TEXT NOT NULL,
    "status" "ModerationCaseStatus" NOT NULL,
    "withheld" BOOLEAN NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "moderation_case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "match_request" (
    "id" TEXT NOT NULL,
    "menteeId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "budgetMaxMinor" INTEGER,
    "budgetCurrency" TEXT,
    "windowFrom" TIMESTAMP(3),
    "windowTo" TIMESTAMP(3),
    "timeZone" TEXT NOT NULL,
    "results" JSONB NOT NULL DEFAULT '[]',
    "provider" TEXT NOT NULL,
    "notifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "match_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mentor_embedding" (
    "mentorId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "vector" DOUBLE PRECISION[],
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mentor_embedding_pkey" PRIMARY KEY ("mentorId")
);

-- CreateIndex
CREATE INDEX "moderation_case_status_createdAt_idx" ON "moderation_case"("status", "createdAt");

-- CreateIndex
CREATE INDEX "moderation_case_authorId_subject_status_idx" ON "moderation_case"("authorId", "subject", "status");

-- CreateIndex
CREATE INDEX "match_request_menteeId_createdAt_idx" ON "match_request"("menteeId", "createdAt");

-- AddForeignKey
ALTER TABLE "moderation_case" ADD CONSTRAINT "moderation_case_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "match_request" ADD CONSTRAINT "match_request_menteeId_fkey" FOREIGN KEY ("menteeId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentor_embedding" ADD CONSTRAINT "mentor_embedding_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Matching's full-text prescore folds accents away (issue #16): "developpeur" finds "développeur".
CREATE EXTENSION IF NOT EXISTS unaccent;
