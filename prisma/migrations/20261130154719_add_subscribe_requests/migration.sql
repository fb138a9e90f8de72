-- CreateTable
CREATE TABLE "subscribe_requests" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "topic_ids" INTEGER[],
    "keywords" TEXT[],
    "timezone" TEXT NOT NULL,
    "delivery_hour" SMALLINT NOT NULL,
    "frequency" "Frequency" NOT NULL,
    "papers_per_email" SMALLINT NOT NULL,
    "ip" TEXT,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscribe_requests_pkey" PRIMARY KEY ("id")
);
