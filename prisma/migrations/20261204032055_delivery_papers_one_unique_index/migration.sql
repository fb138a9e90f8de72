-- CreateIndex
CREATE UNIQUE INDEX "delivery_papers_paper_id_subscriber_id_key" ON "delivery_papers"("paper_id", "subscriber_id");

-- DropIndex
DROP INDEX "delivery_papers_paper_id_idx";

-- DropIndex
DROP INDEX "delivery_papers_subscriber_id_paper_id_key";
