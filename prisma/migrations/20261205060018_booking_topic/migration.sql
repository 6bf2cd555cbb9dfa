-- AlterTable
ALTER TABLE "booking" ADD COLUMN     "topic" TEXT;
