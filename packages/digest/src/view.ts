import type { Db } from '@paperboy/db';
import type { EmailTemplates } from '@paperboy/mail';
import { findRelatedPapers } from '@paperboy/papers';
import { type ComposeConfig, composeDigest, describeReasons, loadPapers, toDigestPaper } from './compose.ts';
import { loadBatchTopics } from './topics.ts';

/**
 * The HTML of a delivered digest, for its "view in browser" link, with each paper's related papers
 * (which the email leaves out, to stay short); null if there is none.
 */
export async function renderDeliveredDigest(deps: { db: Db; templates: EmailTemplates; config: ComposeConfig }, deliveryId: string) {
  const delivery = await deps.db.delivery.findUnique({
    where: { id: deliveryId },
    include: { subscriber: { select: { email: true } }, papers: { orderBy: { position: 'asc' } } },
  });
  if (!delivery || delivery.papers.length === 0) return null;
  const paperIds = delivery.papers.map((p) => p.paperId);
  const [rows, topics, related] = await Promise.all([
    loadPapers(deps.db, paperIds),
    loadBatchTopics(deps.db, [deliveryId]),
    findRelatedPapers(deps.db, paperIds),
  ]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const papers = delivery.papers.flatMap((placed) => {
    const row = byId.get(placed.paperId);
    return row ? [{ ...toDigestPaper(row, describeReasons(placed.reasons, topics.names)), related: related.get(placed.paperId) }] : [];
  });
  const recipient = {
    deliveryId,
    subscriberId: delivery.subscriberId,
    email: delivery.subscriber.email,
    digestDate: delivery.digestDate.toISOString().slice(0, 10),
  };
  return composeDigest(deps.config, deps.templates, recipient, papers, topics.forSubscriber(delivery.subscriberId)).html;
}
