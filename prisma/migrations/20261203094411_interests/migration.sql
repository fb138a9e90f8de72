-- AlterTable
ALTER TABLE "subscribers" ADD COLUMN     "interests" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "subscribe_requests" ADD COLUMN     "interests" TEXT NOT NULL DEFAULT '';
