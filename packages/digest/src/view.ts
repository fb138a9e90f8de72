import type { Db } from '@paperboy/db';
import type { EmailTemplates } from '@paperboy/mail';
import { type ComposeConfig, composeDigest, describeReasons, loadPapers, toDigestPaper } from './compose.ts';
import { loadBatchTopics } from './topics.ts';

/** The HTML of a delivered digest, for its "view in browser" link; null if there is none. */
export async function renderDeliveredDigest(deps: { db: Db; templates: EmailTemplates; config: ComposeConfig }, deliveryId: string) {
  const delivery = await deps.db.delivery.findUnique({
    where: { id: deliveryId },
    include: { subscriber: { select: { email: true } }, papers: { orderBy: { position: 'asc' } } },
  });
  if (!delivery || delivery.papers.length === 0) return null;
  const [rows, topics] = await Promise.all([
    loadPapers(
      deps.db,
      delivery.papers.map((p) => p.paperId),
    ),
    loadBatchTopics(deps.db, [deliveryId]),
  ]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const papers = delivery.papers.flatMap((placed) => {
    const row = byId.get(placed.paperId);
    return row ? [toDigestPaper(row, describeReasons(placed.reasons, topics.names))] : [];
  });
  const recipient = {
    deliveryId,
    subscriberId: delivery.subscriberId,
    email: delivery.subscriber.email,
    digestDate: delivery.digestDate.toISOString().slice(0, 10),
  };
  return composeDigest(deps.config, deps.templates, recipient, papers, topics.forSubscriber(delivery.subscriberId)).html;
}
