import type { Db } from '@paperboy/db';
import { type EmailTemplates, type Mailer, SendError, type SendResult } from '@paperboy/mail';
import type { DigestBatch } from './batch.ts';
import { type ComposeConfig, composeDigest, type DigestRecipient } from './compose.ts';
import { retryWrite } from './retry-write.ts';
import type { SelectedPaper } from './select.ts';
import { sendSlotsFor } from './send-slots.ts';
import { recordSent } from './sent-record.ts';

export interface DeliverDeps {
  db: Db;
  mailer: Mailer;
  templates: EmailTemplates;
  config: ComposeConfig & { mail: { hardBounceLimit: number; poolSize: number } };
  /** Told every delivery's result (the worker counts them for /metrics). */
  metrics?: { countDelivery(result: DeliveryResult): void };
}

/** sent/skipped/failed/unknown are final; retry goes back to pending; not-claimed: someone else has it. */
export type DeliveryResult = 'sent' | 'skipped' | 'failed' | 'unknown' | 'retry' | 'not-claimed';

/**
 * Claims a pending delivery for a subscriber who is still confirmed (checked now, just before
 * sending) and reserves its papers, in one statement (so one round trip, atomic like a
 * transaction). The unique (subscriber, paper) key means a paper already given to this subscriber
 * by another delivery is dropped here, not sent twice.
 */
async function claimDelivery(db: Db, deliveryId: string, selected: SelectedPaper[]) {
  const [claim] = await db.$queryRaw<Array<{ subscriber_id: string; email: string; digest_date: Date; kept: string[] }>>`
    WITH claimed AS (
      UPDATE deliveries d SET status = 'sending', claimed_at = now(), attempts = d.attempts + 1
      FROM subscribers s
      WHERE d.id = ${deliveryId}::uuid AND d.status = 'pending' AND s.id = d.subscriber_id AND s.status = 'confirmed'
      RETURNING d.subscriber_id, s.email, d.digest_date
    ), reserved AS (
      INSERT INTO delivery_papers (delivery_id, subscriber_id, paper_id, position, reasons)
      SELECT ${deliveryId}::uuid, c.subscriber_id, x.paper_id, x.position, x.reasons
      FROM claimed c, jsonb_to_recordset(${JSON.stringify(selected.map((p) => ({ paper_id: p.paperId, position: p.position, reasons: p.reasons })))}::jsonb)
        AS x(paper_id uuid, position smallint, reasons text[])
      ON CONFLICT (subscriber_id, paper_id) DO NOTHING
      RETURNING paper_id
    )
    SELECT c.subscriber_id::text, c.email, c.digest_date, ARRAY(SELECT paper_id::text FROM reserved) AS kept FROM claimed c`;
  if (!claim) return null;
  const kept = new Set(claim.kept);
  return { ...claim, papers: selected.filter((paper) => kept.has(paper.paperId)) };
}

async function finish(
  db: Db,
  deliveryId: string,
  status: 'sent' | 'skipped' | 'failed' | 'unknown',
  details: { messageId?: string; error?: string } = {},
) {
  await db.$executeRaw`
    UPDATE deliveries SET status = ${status}::"DeliveryStatus", finished_at = now(),
      message_id = ${details.messageId ?? null}, last_error = ${details.error?.slice(0, 500) ?? null}
    WHERE id = ${deliveryId}::uuid`;
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

async function sendClaimed(deps: DeliverDeps, recipient: DigestRecipient, papers: SelectedPaper[], batch: DigestBatch) {
  const digestPapers = papers.flatMap((selected) => batch.digestPaper(selected) ?? []);
  const mail = composeDigest(deps.config, deps.templates, recipient, digestPapers, batch.topicsOf(recipient.subscriberId));
  return deps.mailer.send(mail);
}

async function attemptDelivery(
  deps: DeliverDeps,
  deliveryId: string,
  selected: SelectedPaper[],
  batch: DigestBatch,
): Promise<DeliveryResult | { sent: SendResult }> {
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
    return { sent: await sendClaimed(deps, recipient, claim.papers, batch) };
  } catch (error) {
    const message = (error as Error).message;
    const outcome = error instanceof SendError ? error.outcome : 'transient';
    if (outcome === 'permanent') await recordHardBounce(deps, deliveryId, claim.subscriber_id, message);
    else if (outcome === 'unknown') await retryWrite(() => finish(deps.db, deliveryId, 'unknown', { error: message }));
    else await retryWrite(() => releaseForRetry(deps.db, deliveryId, message));
    return outcome === 'permanent' ? 'failed' : outcome === 'unknown' ? 'unknown' : 'retry';
  }
}

export async function deliverDigest(
  deps: DeliverDeps,
  deliveryId: string,
  selected: SelectedPaper[],
  batch: DigestBatch,
): Promise<DeliveryResult> {
  const slots = sendSlotsFor(deps.mailer, deps.config.mail.poolSize);
  const attempt = await slots.run(() => attemptDelivery(deps, deliveryId, selected, batch));
  let result: DeliveryResult;
  if (typeof attempt === 'string') result = attempt;
  else {
    // The message has left, so its slot already serves the next send while the record joins a
    // group write. A failure to record it must not be taken for a failed send (released and sent
    // again): if even the retries fail, the delivery stays `sending` and the stuck-send sweep
    // records it `unknown`.
    await recordSent(deps.db, deliveryId, attempt.sent.messageId);
    result = 'sent';
  }
  deps.metrics?.countDelivery(result);
  return result;
}
