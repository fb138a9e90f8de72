-- DropIndex
DROP INDEX "deliveries_status_created_at_idx";

-- CreateIndex
CREATE INDEX "deliveries_open_idx" ON "deliveries"("created_at") WHERE (finished_at IS NULL);

-- CreateIndex
CREATE INDEX "deliveries_finished_with_error_idx" ON "deliveries"("finished_at") WHERE (last_error IS NOT NULL);

-- Hand-added (Prisma's schema has no storage parameters): room on every page for a row's next
-- versions, so the tick's job id and the claim are HOT updates (no index names what they change).
ALTER TABLE "deliveries" SET (fillfactor = 50);
