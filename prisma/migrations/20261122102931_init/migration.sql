-- CreateEnum
CREATE TYPE "SubscriberStatus" AS ENUM ('pending', 'confirmed', 'unsubscribed', 'bounced');

-- CreateEnum
CREATE TYPE "Frequency" AS ENUM ('daily', 'weekly');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'sending', 'sent', 'skipped', 'failed', 'unknown');

-- CreateTable
CREATE TABLE "topics" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "terms" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "topics_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscribers" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "email_key" TEXT NOT NULL,
    "status" "SubscriberStatus" NOT NULL DEFAULT 'pending',
    "keywords" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "delivery_hour" SMALLINT NOT NULL DEFAULT 8,
    "frequency" "Frequency" NOT NULL DEFAULT 'daily',
    "papers_per_email" SMALLINT NOT NULL DEFAULT 10,
    "consented_at" TIMESTAMP(3),
    "consent_ip" TEXT,
    "unsubscribed_at" TIMESTAMP(3),
    "bounced_at" TIMESTAMP(3),
    "hard_bounces" INTEGER NOT NULL DEFAULT 0,
    "confirmation_sent_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "subscribers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscriber_topics" (
    "subscriber_id" UUID NOT NULL,
    "topic_id" INTEGER NOT NULL,

    CONSTRAINT "subscriber_topics_pkey" PRIMARY KEY ("subscriber_id","topic_id")
);

-- CreateTable
CREATE TABLE "subscriber_events" (
    "id" BIGSERIAL NOT NULL,
    "subscriber_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscriber_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "suppressions" (
    "email_hash" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suppressions_pkey" PRIMARY KEY ("email_hash")
);

-- CreateTable
CREATE TABLE "papers" (
    "id" UUID NOT NULL,
    "arxiv_id" TEXT,
    "title_key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "ai_summary" TEXT,
    "ai_keywords" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "authors" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "authors_count" INTEGER,
    "categories" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "published_at" TIMESTAMP(3),
    "listed_on" DATE,
    "upvotes" INTEGER NOT NULL DEFAULT 0,
    "comments" INTEGER NOT NULL DEFAULT 0,
    "github_repo" TEXT,
    "github_stars" INTEGER,
    "project_page" TEXT,
    "source_url" TEXT,
    "source" TEXT NOT NULL,
    "trending_score" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "search_vector" tsvector,
    "first_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "papers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "paper_topics" (
    "paper_id" UUID NOT NULL,
    "topic_id" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "paper_topics_pkey" PRIMARY KEY ("paper_id","topic_id")
);

-- CreateTable
CREATE TABLE "ingest_runs" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "ingest_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deliveries" (
    "id" UUID NOT NULL,
    "subscriber_id" UUID NOT NULL,
    "digest_date" DATE NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "message_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_papers" (
    "delivery_id" UUID NOT NULL,
    "subscriber_id" UUID NOT NULL,
    "paper_id" UUID NOT NULL,
    "position" SMALLINT NOT NULL,
    "reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "delivery_papers_pkey" PRIMARY KEY ("delivery_id","paper_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "topics_slug_key" ON "topics"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "subscribers_email_key_key" ON "subscribers"("email_key");

-- CreateIndex
CREATE INDEX "subscribers_status_idx" ON "subscribers"("status");

-- CreateIndex
CREATE INDEX "subscriber_topics_topic_id_idx" ON "subscriber_topics"("topic_id");

-- CreateIndex
CREATE INDEX "subscriber_events_subscriber_id_created_at_idx" ON "subscriber_events"("subscriber_id", "created_at");

-- CreateIndex
CREATE INDEX "subscriber_events_type_created_at_idx" ON "subscriber_events"("type", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "papers_arxiv_id_key" ON "papers"("arxiv_id");

-- CreateIndex
CREATE UNIQUE INDEX "papers_title_key_key" ON "papers"("title_key");

-- CreateIndex
CREATE INDEX "papers_first_seen_at_idx" ON "papers"("first_seen_at");

-- CreateIndex
CREATE INDEX "papers_search_vector_idx" ON "papers" USING GIN ("search_vector");

-- CreateIndex
CREATE INDEX "paper_topics_topic_id_score_idx" ON "paper_topics"("topic_id", "score");

-- CreateIndex
CREATE INDEX "ingest_runs_source_started_at_idx" ON "ingest_runs"("source", "started_at");

-- CreateIndex
CREATE INDEX "deliveries_status_created_at_idx" ON "deliveries"("status", "created_at");

-- CreateIndex
CREATE INDEX "deliveries_digest_date_idx" ON "deliveries"("digest_date");

-- CreateIndex
CREATE UNIQUE INDEX "deliveries_subscriber_id_digest_date_key" ON "deliveries"("subscriber_id", "digest_date");

-- CreateIndex
CREATE INDEX "delivery_papers_paper_id_idx" ON "delivery_papers"("paper_id");

-- CreateIndex
CREATE UNIQUE INDEX "delivery_papers_subscriber_id_paper_id_key" ON "delivery_papers"("subscriber_id", "paper_id");

-- AddForeignKey
ALTER TABLE "subscriber_topics" ADD CONSTRAINT "subscriber_topics_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscribers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriber_topics" ADD CONSTRAINT "subscriber_topics_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriber_events" ADD CONSTRAINT "subscriber_events_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscribers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_topics" ADD CONSTRAINT "paper_topics_paper_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "papers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_topics" ADD CONSTRAINT "paper_topics_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscribers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_papers" ADD CONSTRAINT "delivery_papers_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_papers" ADD CONSTRAINT "delivery_papers_paper_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "papers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
