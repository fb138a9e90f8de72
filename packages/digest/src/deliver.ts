import type { Db } from '@paperboy/db';
import { type EmailTemplates, type Mailer, SendError } from '@paperboy/mail';
import { type ComposeConfig, composeDigest, type DigestRecipient, describeReasons, loadPapers, toDigestPaper } from './compose.ts';
import type { SelectedPaper } from './select.ts';

export interface DeliverDeps {
  db: Db;
  mailer: Mailer;
  templates: EmailTemplates;
  config: ComposeConfig & { mail: { hardBounceLimit: number } };
}

/** sent/skipped/failed/unknown are final; retry goes back to pending; not-claimed: someone else has it. */
export type DeliveryResult = 'sent' | 'skipped' | 'failed' | 'unknown' | 'retry' | 'not-claimed';

/**
 * Claims a pending delivery for a subscriber who is still confirmed (checked now, just before
 * sending) and reserves its papers, in one transaction. The unique (subscriber, paper) key means a
 * paper already given to this subscriber by another delivery is dropped here, not sent twice.
 */
async function claimDelivery(db: Db, deliveryId: string, selected: SelectedPaper[]) {
  return db.$transaction(async (tx) => {
    const [claim] = await tx.$queryRaw<Array<{ subscriber_id: string; email: string; digest_date: Date }>>`
      UPDATE deliveries d SET status = 'sending', claimed_at = now(), attempts = d.attempts + 1
      FROM subscribers s
      WHERE d.id = ${deliveryId}::uuid AND d.status = 'pending' AND s.id = d.subscriber_id AND s.status = 'confirmed'
      RETURNING d.subscriber_id::text, s.email, d.digest_date`;
    if (!claim) return null;
    const reserved = await tx.$queryRaw<Array<{ paper_id: string }>>`
      INSERT INTO delivery_papers (delivery_id, subscriber_id, paper_id, position, reasons)
      SELECT ${deliveryId}::uuid, ${claim.subscriber_id}::uuid, x.paper_id, x.position, x.reasons
      FROM jsonb_to_recordset(${JSON.stringify(selected.map((p) => ({ paper_id: p.paperId, position: p.position, reasons: p.reasons })))}::jsonb)
        AS x(paper_id uuid, position smallint, reasons text[])
      ON CONFLICT (subscriber_id, paper_id) DO NOTHING
      RETURNING paper_id::text`;
    const kept = new Set(reserved.map((row) => row.paper_id));
    return { ...claim, papers: selected.filter((paper) => kept.has(paper.paperId)) };
  });
}

async function finish(
  db: Db,
  deliveryId: string,
  status: 'sent' | 'skipped' | 'failed' | 'unknown',
  details: { messageId?: string; error?: string } = {},
) {
  await db.delivery.update({
    where: { id: deliveryId },
    data: { status, finishedAt: new Date(), messageId: details.messageId, lastError: details.error?.slice(0, 500) },
  });
}

/** A delivery that can never be claimed (the subscriber left or bounced) is closed as skipped. */
async function skipIfSubscriberGone(db: Db, deliveryId: string): Promise<DeliveryResult> {
  const closed = await db.$executeRaw`
    UPDATE deliveries d SET status = 'skipped', finished_at = now(), last_error = 'subscriber is ' || s.status
    FROM subscribers s
    WHERE d.id = ${deliveryId}::uuid AND d.status = 'pending' AND s.id = d.subscriber_id AND s.status <> 'confirmed'`;
  return closed > 0 ? 'skipped' : 'not-claimed';
}

/** Puts a transiently failed delivery back for a retry, releasing its papers. */
async function releaseForRetry(db: Db, deliveryId: string, error: string) {
  await db.$transaction([
    db.deliveryPaper.deleteMany({ where: { deliveryId } }),
    db.delivery.update({ where: { id: deliveryId }, data: { status: 'pending', lastError: error.slice(0, 500) } }),
  ]);
}

/** A permanent refusal: the papers were not received; repeated refusals mark the address bounced. */
async function recordHardBounce(deps: DeliverDeps, deliveryId: string, subscriberId: string, error: string) {
  await deps.db.deliveryPaper.deleteMany({ where: { deliveryId } });
  await finish(deps.db, deliveryId, 'failed', { error });
  await deps.db.$executeRaw`
    UPDATE subscribers SET hard_bounces = hard_bounces + 1,
      status = CASE WHEN hard_bounces + 1 >= ${deps.config.mail.hardBounceLimit} THEN 'bounced'::"SubscriberStatus" ELSE status END,
      bounced_at = CASE WHEN hard_bounces + 1 >= ${deps.config.mail.hardBounceLimit} THEN now() ELSE bounced_at END
    WHERE id = ${subscriberId}::uuid`;
}

async function sendClaimed(
  deps: DeliverDeps,
  recipient: DigestRecipient,
  papers: SelectedPaper[],
  topicNames: Map<string, string>,
  subscriberTopics: string[],
) {
  const rows = new Map(
    (
      await loadPapers(
        deps.db,
        papers.map((p) => p.paperId),
      )
    ).map((row) => [row.id, row]),
  );
  const digestPapers = papers.flatMap((selected) => {
    const row = rows.get(selected.paperId);
    return row ? [toDigestPaper(row, describeReasons(selected.reasons, topicNames))] : [];
  });
  const mail = composeDigest(deps.config, deps.templates, recipient, digestPapers, subscriberTopics);
  return deps.mailer.send(mail);
}

export async function deliverDigest(
  deps: DeliverDeps,
  deliveryId: string,
  selected: SelectedPaper[],
  topics: { names: Map<string, string>; forSubscriber: (subscriberId: string) => string[] },
): Promise<DeliveryResult> {
  const claim = await claimDelivery(deps.db, deliveryId, selected);
  if (!claim) return skipIfSubscriberGone(deps.db, deliveryId);
  if (claim.papers.length === 0) {
    await finish(deps.db, deliveryId, 'skipped', { error: 'no new papers matched' });
    return 'skipped';
  }
  const recipient = {
    deliveryId,
    subscriberId: claim.subscriber_id,
    email: claim.email,
    digestDate: claim.digest_date.toISOString().slice(0, 10),
  };
  try {
    const result = await sendClaimed(deps, recipient, claim.papers, topics.names, topics.forSubscriber(claim.subscriber_id));
    await finish(deps.db, deliveryId, 'sent', { messageId: result.messageId });
    return 'sent';
  } catch (error) {
    const message = (error as Error).message;
    const outcome = error instanceof SendError ? error.outcome : 'transient';
    if (outcome === 'permanent') await recordHardBounce(deps, deliveryId, claim.subscriber_id, message);
    else if (outcome === 'unknown') await finish(deps.db, deliveryId, 'unknown', { error: message });
    else await releaseForRetry(deps.db, deliveryId, message);
    return outcome === 'permanent' ? 'failed' : outcome === 'unknown' ? 'unknown' : 'retry';
  }
}
