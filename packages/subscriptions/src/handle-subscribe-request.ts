import { type Db, Prisma } from '@paperboy/db';
import type { SubscriptionDeps } from './deps.ts';
import { insertEvents } from './events.ts';
import type { SubscribeRequest } from './subscribe-requests.ts';
import { queueSubscriptionMail } from './subscription-mail.job.ts';
import { emailHash } from './suppression.ts';

interface SubscriberState {
  id: string;
  status: string;
}

/**
 * Creates the row if the address is new, in one statement that also checks the suppression list;
 * null for an erased address. Concurrent submissions for one address meet at the unique key: the
 * one that did not insert reads the row in a second statement, which sees the other's commit.
 */
async function ensureSubscriber(db: Db, email: string, emailKey: string): Promise<SubscriberState | null> {
  const [row] = await db.$queryRaw<Array<{ suppressed: boolean; id: string | null; status: string | null }>>`
    WITH allowed AS (
      SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM suppressions WHERE email_hash = ${emailHash(emailKey)})
    ), inserted AS (
      INSERT INTO subscribers (id, email, email_key, updated_at)
      SELECT gen_random_uuid(), ${email}, ${emailKey}, now() FROM allowed
      ON CONFLICT (email_key) DO NOTHING
      RETURNING id, status
    )
    SELECT NOT EXISTS (SELECT 1 FROM allowed) AS suppressed, (SELECT id::text FROM inserted) AS id, (SELECT status::text FROM inserted) AS status`;
  if (!row || row.suppressed) return null;
  if (row.id && row.status) return { id: row.id, status: row.status };
  const [existing] = await db.$queryRaw<SubscriberState[]>`SELECT id::text, status::text FROM subscribers WHERE email_key = ${emailKey}`;
  return existing ?? null;
}

/**
 * Anyone may (re)submit the form for an address that has not confirmed, so the latest
 * submission's choices win; a confirmed subscriber's choices change only via their own link (the
 * statement checks that too, should the address be confirmed meanwhile). The choices, the topics
 * and the audit-trail record change together, in one statement.
 */
async function savePendingChoices(db: Db, subscriberId: string, request: SubscribeRequest) {
  await db.$executeRaw`
    WITH updated AS (
      UPDATE subscribers SET email = ${request.email}, status = 'pending', keywords = ${request.keywords}::text[],
        authors = ${request.authors}::text[], seed_papers = ${request.seedPapers}::text[], interests = ${request.interests},
        timezone = ${request.timezone}, delivery_hour = ${request.deliveryHour}, frequency = ${request.frequency}::"Frequency",
        papers_per_email = ${request.papersPerEmail}, updated_at = now()
      WHERE id = ${subscriberId}::uuid AND status <> 'confirmed'
      RETURNING id
    ), dropped AS (
      DELETE FROM subscriber_topics st USING updated u
      WHERE st.subscriber_id = u.id AND st.topic_id <> ALL(${request.topicIds}::int[])
    ), added AS (
      INSERT INTO subscriber_topics (subscriber_id, topic_id)
      SELECT u.id, topic FROM updated u CROSS JOIN unnest(${request.topicIds}::int[]) AS topic
      ON CONFLICT DO NOTHING
    )
    ${insertEvents(Prisma.sql`updated`, 'subscribe_requested', { ip: request.ip })}`;
}

/**
 * What an accepted subscribe request does, in the worker: nothing for an erased address; a new or
 * pending one gets the request's choices; and the address is mailed a confirmation (or "already
 * subscribed"), at most once per 10 minutes and within the daily cap.
 */
export async function handleSubscribeRequest(deps: SubscriptionDeps, request: SubscribeRequest): Promise<void> {
  const subscriber = await ensureSubscriber(deps.db, request.email, request.email.toLowerCase());
  if (!subscriber) return;
  if (subscriber.status !== 'confirmed') await savePendingChoices(deps.db, subscriber.id, request);
  await queueSubscriptionMail(deps, subscriber.id, deps.config.rateLimit.confirmationsPerAddress);
}
