import { type Db, groupWrites, onePer, queryPrepared } from '@paperboy/db';
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

interface Claim {
  subscriberId: string;
  email: string;
  /** YYYY-MM-DD, the subscriber's local date. */
  digestDate: string;
  papers: SelectedPaper[];
}

interface ClaimRequest {
  deliveryId: string;
  selected: SelectedPaper[];
}

/**
 * Claims pending deliveries for subscribers who are still confirmed (checked now, just before
 * sending) and reserves their papers, in one statement for a whole group of requests: one round
 * trip and one commit. Rows are locked in id order, so workers claiming overlapping groups wait for
 * each other instead of deadlocking, and a delivery another worker claimed first is not claimed
 * again. The unique (paper, subscriber) key drops a paper this subscriber already got from another
 * delivery: it is not sent twice.
 */
const CLAIM_DELIVERIES = `
  WITH locked AS (
    SELECT d.id FROM deliveries d WHERE d.id = ANY($1::uuid[]) AND d.status = 'pending' ORDER BY d.id FOR UPDATE
  ), claimed AS (
    UPDATE deliveries d SET status = 'sending', claimed_at = now(), attempts = d.attempts + 1
    FROM locked l, subscribers s
    WHERE d.id = l.id AND s.id = d.subscriber_id AND s.status = 'confirmed'
    RETURNING d.id, d.subscriber_id, s.email, d.digest_date
  ), reserved AS (
    INSERT INTO delivery_papers (delivery_id, subscriber_id, paper_id, position, reasons)
    SELECT c.id, c.subscriber_id, x.paper_id, x.position, x.reasons
    FROM claimed c
    JOIN jsonb_to_recordset($2::jsonb) AS x(delivery_id uuid, paper_id uuid, position smallint, reasons text[]) ON x.delivery_id = c.id
    ON CONFLICT (paper_id, subscriber_id) DO NOTHING
    RETURNING delivery_id, paper_id
  )
  SELECT c.id::text, c.subscriber_id::text, c.email, c.digest_date::text,
         ARRAY(SELECT r.paper_id::text FROM reserved r WHERE r.delivery_id = c.id) AS kept
  FROM claimed c`;

async function claimDeliveries(db: Db, requests: ClaimRequest[]): Promise<Array<Claim | undefined>> {
  const reservations = requests.flatMap(({ deliveryId, selected }) =>
    selected.map((paper) => ({ delivery_id: deliveryId, paper_id: paper.paperId, position: paper.position, reasons: paper.reasons })),
  );
  const rows = await queryPrepared<{ id: string; subscriber_id: string; email: string; digest_date: string; kept: string[] }>(db, {
    name: 'paperboy-claim-deliveries',
    text: CLAIM_DELIVERIES,
    values: [requests.map((request) => request.deliveryId), JSON.stringify(reservations)],
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return requests.map(({ deliveryId, selected }) => {
    const row = byId.get(deliveryId);
    if (!row) return undefined;
    const kept = new Set(row.kept);
    const papers = selected.filter((paper) => kept.has(paper.paperId));
    return { subscriberId: row.subscriber_id, email: row.email, digestDate: row.digest_date, papers };
  });
}

/** Every waiting claim holds a send slot (see sendSlotsFor), so a group is at most a pool's worth; 100 only caps a misconfiguration. */
const claimerFor = onePer((db: Db) => groupWrites((requests: ClaimRequest[]) => claimDeliveries(db, requests), 100));

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
  const mail = composeDigest(deps.config, deps.templates, recipient, digestPapers, batch.topicsOf(recipient.deliveryId));
  return deps.mailer.send(mail);
}

async function attemptDelivery(
  deps: DeliverDeps,
  deliveryId: string,
  claim: Claim | undefined,
  batch: DigestBatch,
): Promise<DeliveryResult | { sent: SendResult }> {
  if (!claim) return skipIfSubscriberGone(deps.db, deliveryId);
  if (claim.papers.length === 0) {
    await finish(deps.db, deliveryId, 'skipped', { error: 'no new papers matched' });
    return 'skipped';
  }
  const recipient = {
    deliveryId,
    subscriberId: claim.subscriberId,
    email: claim.email,
    digestDate: claim.digestDate,
  };
  try {
    return { sent: await sendClaimed(deps, recipient, claim.papers, batch) };
  } catch (error) {
    const message = (error as Error).message;
    const outcome = error instanceof SendError ? error.outcome : 'transient';
    if (outcome === 'permanent') await recordHardBounce(deps, deliveryId, claim.subscriberId, message);
    else if (outcome === 'unknown') await retryWrite(() => finish(deps.db, deliveryId, 'unknown', { error: message }));
    else await retryWrite(() => releaseForRetry(deps.db, deliveryId, message));
    return outcome === 'permanent' ? 'failed' : outcome === 'unknown' ? 'unknown' : 'retry';
  }
}

/**
 * Claims one delivery (grouped with the claims other sends of this process make at the same moment)
 * and sends it. The message has left once its send returns, so its slot already serves the next
 * send while the record joins a group write. A failure to record it must not be taken for a failed
 * send (released and sent again): if even the retries fail, the delivery stays `sending` and the
 * stuck-send sweep records it `unknown`.
 */
export async function deliverDigest(
  deps: DeliverDeps,
  deliveryId: string,
  selected: SelectedPaper[],
  batch: DigestBatch,
): Promise<DeliveryResult> {
  const slots = sendSlotsFor(deps.mailer, deps.config.mail.poolSize);
  const attempt = await slots.run(async () => {
    const claim = await claimerFor(deps.db)({ deliveryId, selected });
    return attemptDelivery(deps, deliveryId, claim, batch);
  });
  const result = typeof attempt === 'string' ? attempt : 'sent';
  if (typeof attempt !== 'string') await recordSent(deps.db, deliveryId, attempt.sent.messageId);
  deps.metrics?.countDelivery(result);
  return result;
}
