-- AlterTable
ALTER TABLE "subscribers" ADD COLUMN     "authors" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "subscribe_requests" ADD COLUMN     "authors" TEXT[] DEFAULT ARRAY[]::TEXT[];
