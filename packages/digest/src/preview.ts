import type { Db } from '@paperboy/db';
import type { EmailTemplates } from '@paperboy/mail';
import { type ComposeConfig, composeDigest, describeReasons, loadPapers, toDigestPaper } from './compose.ts';
import { withRollback } from './rollback.ts';
import { selectPapers } from './select.ts';
import { loadBatchTopics } from './topics.ts';

export interface PreviewChoices {
  topicIds: number[];
  keywords: string[];
  authors: string[];
  /** arXiv ids of papers the visitor likes; those in the catalog steer the ranking as likes do. */
  seedPapers: string[];
  interests: string;
  papersPerEmail: number;
  frequency: 'daily' | 'weekly';
}

/** A throwaway subscriber and delivery, so the real selection query can run for a visitor. */
async function insertProbe(tx: Db, choices: PreviewChoices) {
  const subscriber = await tx.subscriber.create({
    data: {
      email: 'preview@paperboy.invalid',
      emailKey: `preview-${crypto.randomUUID()}@paperboy.invalid`,
      status: 'confirmed',
      keywords: choices.keywords,
      authors: choices.authors,
      seedPapers: choices.seedPapers,
      interests: choices.interests,
      papersPerEmail: choices.papersPerEmail,
      frequency: choices.frequency,
      topics: { create: choices.topicIds.map((topicId) => ({ topicId })) },
    },
  });
  return tx.delivery.create({ data: { subscriberId: subscriber.id, digestDate: new Date() }, select: { id: true, subscriberId: true } });
}

/**
 * What today's digest would hold for these choices: the real selection and template, run inside a
 * transaction that is rolled back, so a preview leaves no trace. Null when nothing matches.
 */
export async function previewDigest(deps: { db: Db; templates: EmailTemplates; config: ComposeConfig }, choices: PreviewChoices) {
  return withRollback(deps.db, async (tx) => {
    const probe = await insertProbe(tx, choices);
    const selected = (await selectPapers(tx, [probe.id])).get(probe.id) ?? [];
    const [rows, topics] = await Promise.all([
      loadPapers(
        tx,
        selected.map((s) => s.paperId),
      ),
      loadBatchTopics(tx, [probe.id]),
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const papers = selected.flatMap((s) => {
      const row = byId.get(s.paperId);
      return row ? [toDigestPaper(row, describeReasons(s.reasons, topics.names))] : [];
    });
    if (papers.length === 0) return null;
    const recipient = {
      deliveryId: probe.id,
      subscriberId: probe.subscriberId,
      email: 'you@example.com',
      digestDate: new Date().toISOString().slice(0, 10),
    };
    const mail = composeDigest(deps.config, deps.templates, recipient, papers, topics.forSubscriber(probe.subscriberId), {
      feedback: false,
    });
    return { subject: mail.subject, html: mail.html, count: papers.length };
  });
}
