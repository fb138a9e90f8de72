import type { Config } from '@paperboy/config';
import type { Db } from '@paperboy/db';
import { composeDigest } from '@paperboy/digest';
import { createMessageBuilder, type EmailTemplates, type OutgoingMail } from '@paperboy/mail';
import { loadDigestBatch } from '../../packages/digest/src/batch.ts';

export interface TimeSplit {
  batches: number;
  batchSize: number;
  /** Wall ms per batch for the batch's reads: selection query, topics, papers. */
  selectionMs: number;
  /** CPU µs per digest. */
  renderUs: number;
  mimeUs: number;
}

class RollBack extends Error {}

type MessageBuilder = ReturnType<typeof createMessageBuilder>;

const cpuUs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return used.user + used.system;
};

interface DeliveryRow {
  id: string;
  subscriber_id: string;
  email: string;
  digest_date: Date;
}

/** One batch read as the worker reads it, then each digest rendered and built (not sent). */
async function measureBatch(tx: Db, config: Config, templates: EmailTemplates, build: MessageBuilder, group: DeliveryRow[]) {
  const begun = performance.now();
  const batch = await loadDigestBatch(
    tx,
    group.map((row) => row.id),
  );
  const totals = { selectionMs: performance.now() - begun, renderUs: 0, mimeUs: 0, digests: 0 };
  for (const row of group) {
    const papers = (batch.selection.get(row.id) ?? []).flatMap((selected) => batch.digestPaper(selected) ?? []);
    if (papers.length === 0) continue;
    const recipient = {
      deliveryId: row.id,
      subscriberId: row.subscriber_id,
      email: row.email,
      digestDate: row.digest_date.toISOString().slice(0, 10),
    };
    let since = process.cpuUsage();
    const mail: OutgoingMail = composeDigest(config, templates, recipient, papers, batch.topicsOf(row.id));
    totals.renderUs += cpuUs(since);
    since = process.cpuUsage();
    build({ ...mail, messageId: mail.messageId ?? `<${row.id}@bench>` });
    totals.mimeUs += cpuUs(since);
    totals.digests += 1;
  }
  return totals;
}

/** Which readers a time split is measured on: those who chose topics and keywords only, or those with a profile. */
export type Readers = 'plain' | 'profiled';

/**
 * The worker's steps one at a time, on this run's data, in the benchmark process: deliveries for
 * one warm-up batch (JIT, caches; not counted) and `batches` measured ones are planned inside a
 * transaction that is rolled back, then measured batch by batch with measureBatch.
 */
export async function measureTimeSplit(
  db: Db,
  config: Config,
  templates: EmailTemplates,
  readers: Readers,
  batches = 5,
): Promise<TimeSplit> {
  const batchSize = config.digest.batchSize;
  const sums = { batches: 0, selectionMs: 0, renderUs: 0, mimeUs: 0, digests: 0 };
  // One builder for every batch, as a worker keeps one: lines shared between digests are encoded once.
  const build = createMessageBuilder(config.mail);
  await db
    .$transaction(
      async (tx) => {
        await tx.$executeRaw`
          INSERT INTO deliveries (id, subscriber_id, digest_date, status)
          SELECT gen_random_uuid(), id, current_date, 'pending' FROM subscribers
          WHERE status = 'confirmed' AND (interests <> '') = ${readers === 'profiled'} LIMIT ${(batches + 1) * batchSize}`;
        const rows = await tx.$queryRaw<DeliveryRow[]>`
          SELECT d.id::text, d.subscriber_id::text, s.email, d.digest_date FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
          WHERE d.status = 'pending' ORDER BY d.id`;
        for (let start = 0; start < rows.length; start += batchSize) {
          const totals = await measureBatch(tx as Db, config, templates, build, rows.slice(start, start + batchSize));
          if (start === 0) continue;
          sums.batches += 1;
          sums.selectionMs += totals.selectionMs;
          sums.renderUs += totals.renderUs;
          sums.mimeUs += totals.mimeUs;
          sums.digests += totals.digests;
        }
        throw new RollBack();
      },
      { timeout: 300_000, maxWait: 10_000 },
    )
    .catch((error) => {
      if (!(error instanceof RollBack)) throw error;
    });
  return {
    batches: sums.batches,
    batchSize,
    selectionMs: sums.selectionMs / sums.batches,
    renderUs: sums.renderUs / sums.digests,
    mimeUs: sums.mimeUs / sums.digests,
  };
}
