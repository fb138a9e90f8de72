-- CreateTable
CREATE TABLE "paper_vectors" (
    "paper_id" UUID NOT NULL,
    "model" TEXT NOT NULL,
    "text_hash" TEXT NOT NULL,
    "vector" BYTEA NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "paper_vectors_pkey" PRIMARY KEY ("paper_id")
);

-- CreateIndex
CREATE INDEX "paper_vectors_model_idx" ON "paper_vectors"("model");

-- AddForeignKey
ALTER TABLE "paper_vectors" ADD CONSTRAINT "paper_vectors_paper_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "papers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
