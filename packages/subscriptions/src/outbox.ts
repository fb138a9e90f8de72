import { type Db, Prisma } from '@paperboy/db';
import { insertEvents } from './events.ts';
/** At most one confirmation (or "already subscribed") email per address per this interval. */
export const RESEND_INTERVAL_MINUTES = 10;

export type OutboxOutcome = 'sent' | 'skipped' | 'failed' | 'pending';

/**
 * Claims the right to mail the subscriber (at most once per RESEND_INTERVAL_MINUTES) and records
 * the email to send, in one statement: there is never a claim without its email, nor an email
 * without its claim. Returns the email's id, or null when the interval has not passed.
 */
export async function recordSubscriptionMail(db: Db, subscriberId: string): Promise<string | null> {
  const [row] = await db.$queryRaw<Array<{ id: bigint }>>`
    WITH claimed AS (
      UPDATE subscribers SET confirmation_sent_at = now()
      WHERE id = ${subscriberId}::uuid
        AND (confirmation_sent_at IS NULL OR confirmation_sent_at < now() - make_interval(mins => ${RESEND_INTERVAL_MINUTES}))
      RETURNING id
    )
    INSERT INTO outbox_emails (subscriber_id) SELECT id FROM claimed RETURNING id`;
  return row ? String(row.id) : null;
}

/** The subscriber an outbox email is for, as they are when it is sent (which email it is depends on them). */
export interface OutboxRecipient {
  id: string;
  email: string;
  status: string;
}

/** Takes a pending email for sending, with its recipient; null when it is gone, sent, or being sent by another worker. */
export async function claimOutboxEmail(db: Db, outboxId: string): Promise<OutboxRecipient | null> {
  const [recipient] = await db.$queryRaw<OutboxRecipient[]>`
    UPDATE outbox_emails o SET status = 'sending', claimed_at = now(), attempts = o.attempts + 1
    FROM subscribers s
    WHERE o.id = ${BigInt(outboxId)} AND o.status = 'pending' AND s.id = o.subscriber_id
    RETURNING s.id::text AS id, s.email, s.status::text AS status`;
  return recipient ?? null;
}

/** Records a sent email and, in the same statement, `eventType` in its subscriber's audit trail. */
export async function recordOutboxEmailSent(db: Db, outboxId: string, eventType: string): Promise<void> {
  await db.$executeRaw`
    WITH finished AS (
      UPDATE outbox_emails SET status = 'sent', last_error = NULL, finished_at = now()
      WHERE id = ${BigInt(outboxId)}
      RETURNING subscriber_id AS id
    )
    ${insertEvents(Prisma.sql`finished`, eventType)}`;
}

/** Records how a claimed email ended; 'pending' puts it back for its retry (or the sweep). */
export async function finishOutboxEmail(db: Db, outboxId: string, outcome: OutboxOutcome, error?: string): Promise<void> {
  await db.$executeRaw`
    UPDATE outbox_emails
    SET status = ${outcome}::"OutboxStatus", last_error = ${error?.slice(0, 500) ?? null},
        finished_at = CASE WHEN ${outcome} = 'pending' THEN NULL ELSE now() END
    WHERE id = ${BigInt(outboxId)}`;
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
