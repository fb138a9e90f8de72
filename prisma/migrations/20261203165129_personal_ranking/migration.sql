-- CreateEnum
CREATE TYPE "FeedbackVerdict" AS ENUM ('more', 'less');

-- AlterTable
ALTER TABLE "subscribers" ADD COLUMN     "seed_papers" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "subscribe_requests" ADD COLUMN     "seed_papers" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "paper_feedback" (
    "subscriber_id" UUID NOT NULL,
    "paper_id" UUID NOT NULL,
    "verdict" "FeedbackVerdict" NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "paper_feedback_pkey" PRIMARY KEY ("subscriber_id","paper_id")
);

-- CreateTable
CREATE TABLE "reader_models" (
    "subscriber_id" UUID NOT NULL,
    "text_model" TEXT NOT NULL,
    "weights" BYTEA NOT NULL,
    "likes" INTEGER NOT NULL,
    "dislikes" INTEGER NOT NULL,
    "fitted_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reader_models_pkey" PRIMARY KEY ("subscriber_id")
);

-- CreateTable
CREATE TABLE "seed_lookups" (
    "arxiv_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "checked_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "seed_lookups_pkey" PRIMARY KEY ("arxiv_id")
);

-- CreateIndex
CREATE INDEX "paper_feedback_paper_id_idx" ON "paper_feedback"("paper_id");

-- CreateIndex
CREATE INDEX "seed_lookups_status_idx" ON "seed_lookups"("status");

-- AddForeignKey
ALTER TABLE "paper_feedback" ADD CONSTRAINT "paper_feedback_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscribers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_feedback" ADD CONSTRAINT "paper_feedback_paper_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "papers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reader_models" ADD CONSTRAINT "reader_models_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscribers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
