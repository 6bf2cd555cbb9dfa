-- CreateEnum
CREATE TYPE "MessageAttachmentState" AS ENUM ('PENDING', 'ALLOWED', 'BLOCKED');

-- AlterTable
ALTER TABLE "message" ADD COLUMN     "attachmentState" "MessageAttachmentState";
