-- AlterTable
ALTER TABLE "deliveries" ADD COLUMN     "job_id" TEXT;
