import type { Db, Prisma } from '@paperboy/db';
/** At most one confirmation (or "already subscribed") email per address per this interval. */
export const RESEND_INTERVAL_MINUTES = 10;

export type OutboxOutcome = 'sent' | 'skipped' | 'failed' | 'pending';

/** An email recorded in the outbox, and whom it is for. */
export interface OutboxEmail {
  outboxId: string;
  subscriberId: string;
}

/**
 * Claims the right to mail each subscriber (at most once per RESEND_INTERVAL_MINUTES) and records
 * the emails to send, in one statement: there is never a claim without its email, nor an email
 * without its claim. Returns the emails recorded; a subscriber mailed within the interval gets none.
 */
export async function recordSubscriptionMails(db: Db | Prisma.TransactionClient, subscriberIds: string[]): Promise<OutboxEmail[]> {
  if (subscriberIds.length === 0) return [];
  const rows = await db.$queryRaw<Array<{ id: bigint; subscriber_id: string }>>`
    WITH claimed AS (
      UPDATE subscribers SET confirmation_sent_at = now()
      WHERE id = ANY(${subscriberIds}::uuid[])
        AND (confirmation_sent_at IS NULL OR confirmation_sent_at < now() - make_interval(mins => ${RESEND_INTERVAL_MINUTES}))
      RETURNING id
    )
    INSERT INTO outbox_emails (subscriber_id) SELECT id FROM claimed RETURNING id, subscriber_id::text`;
  return rows.map((row) => ({ outboxId: String(row.id), subscriberId: row.subscriber_id }));
}

/** A claimed outbox email and its subscriber, as they are when it is sent (which email it is depends on them). */
export interface OutboxRecipient {
  outboxId: string;
  id: string;
  email: string;
  status: string;
}

/** Takes pending emails for sending, with their recipients; one that is gone, sent, or being sent by another worker is left out. */
export async function claimOutboxEmails(db: Db, outboxIds: string[]): Promise<OutboxRecipient[]> {
  return db.$queryRaw<OutboxRecipient[]>`
    UPDATE outbox_emails o SET status = 'sending', claimed_at = now(), attempts = o.attempts + 1
    FROM subscribers s
    WHERE o.id = ANY(${outboxIds.map(BigInt)}::bigint[]) AND o.status = 'pending' AND s.id = o.subscriber_id
    RETURNING o.id::text AS "outboxId", s.id::text AS id, s.email, s.status::text AS status`;
}

/**
 * Records sent emails and each one's event (`eventType`) in its subscriber's audit trail, together.
 * The events' foreign key locks each subscriber; those locks are taken first, in id order, as erasing
 * subscribers takes their rows before their outbox emails: taken after the outbox rows, an erasure
 * at the same moment would deadlock with this record.
 */
export async function recordOutboxEmailsSent(db: Db, sent: Array<{ outboxId: string; eventType: string }>): Promise<void> {
  if (sent.length === 0) return;
  const ids = sent.map((email) => BigInt(email.outboxId));
  await db.$transaction([
    db.$queryRaw`
      SELECT 1 FROM subscribers s JOIN outbox_emails o ON o.subscriber_id = s.id
      WHERE o.id = ANY(${ids}::bigint[]) ORDER BY s.id FOR KEY SHARE OF s`,
    db.$executeRaw`
      WITH finished AS (
        UPDATE outbox_emails o SET status = 'sent', last_error = NULL, finished_at = now()
        FROM unnest(${ids}::bigint[], ${sent.map((email) => email.eventType)}::text[]) AS x(id, type)
        WHERE o.id = x.id
        RETURNING o.subscriber_id, x.type
      )
      INSERT INTO subscriber_events (subscriber_id, type, data) SELECT subscriber_id, type, '{}'::jsonb FROM finished`,
  ]);
}

/** Records how claimed emails ended, the same for all; 'pending' puts them back for their retry (or the sweep). */
export async function finishOutboxEmails(db: Db, outboxIds: string[], outcome: OutboxOutcome, error?: string): Promise<void> {
  await db.$executeRaw`
    UPDATE outbox_emails
    SET status = ${outcome}::"OutboxStatus", last_error = ${error?.slice(0, 500) ?? null},
        finished_at = CASE WHEN ${outcome} = 'pending' THEN NULL ELSE now() END
    WHERE id = ANY(${outboxIds.map(BigInt)}::bigint[])`;
}

/**
 * Pending emails whose wake-up was queued more than `afterSeconds` ago (Redis may have lost it, or the
 * queueing failed), marked as queued again; and emails a worker claimed and never finished (it
 * died) put back to pending. A confirmation sent twice is harmless; one never sent locks the
 * visitor out, so an unfinished send is retried rather than given up.
 */
export async function takeStaleOutboxEmails(db: Db, afterSeconds: number, stuckAfterSeconds: number, limit = 1000): Promise<string[]> {
  await db.$executeRaw`
    UPDATE outbox_emails SET status = 'pending', queued_at = now() - make_interval(secs => ${afterSeconds + 1})
    WHERE status = 'sending' AND claimed_at < now() - make_interval(secs => ${stuckAfterSeconds})`;
  const rows = await db.$queryRaw<Array<{ id: bigint }>>`
    UPDATE outbox_emails SET queued_at = now()
    WHERE id IN (SELECT id FROM outbox_emails WHERE status = 'pending' AND queued_at < now() - make_interval(secs => ${afterSeconds})
                 ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  return rows.map((row) => String(row.id));
}

/** What the admin page and /metrics show of the outbox. */
export async function summarizeOutbox(db: Db): Promise<{ waiting: number; oldestWaitingSeconds: number; failed: number }> {
  const [row] = await db.$queryRaw<Array<{ waiting: number; oldest: number | null; failed: number }>>`
    SELECT count(*) FILTER (WHERE status IN ('pending', 'sending'))::int AS waiting,
           extract(epoch FROM now() - min(created_at) FILTER (WHERE status IN ('pending', 'sending')))::float8 AS oldest,
           count(*) FILTER (WHERE status = 'failed')::int AS failed
    FROM outbox_emails`;
  return { waiting: row?.waiting ?? 0, oldestWaitingSeconds: row?.oldest ?? 0, failed: row?.failed ?? 0 };
}
