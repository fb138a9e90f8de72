import type { Prisma } from '@paperboy/db';
import { type OutboxEmail, recordSubscriptionMails } from './outbox.ts';
import type { SubscribeRequest } from './subscribe-requests.ts';
import { emailHash } from './suppression.ts';

type Tx = Prisma.TransactionClient;

/** Per address, the last of its requests in the batch: its whole set of choices wins, never a mix. */
function latestPerAddress(requests: SubscribeRequest[]): Map<string, SubscribeRequest> {
  const latest = new Map<string, SubscribeRequest>();
  for (const request of requests) {
    const key = request.email.toLowerCase();
    const seen = latest.get(key);
    if (!seen || seen.id < request.id) latest.set(key, request);
  }
  return latest;
}

/**
 * Subscriber ids and statuses by address key, creating the rows of new addresses, in one statement
 * that also checks the suppression list: an erased address gets no entry. An address another
 * drainer inserted while this statement ran is not in its snapshot: a second read finds it.
 */
async function ensureSubscribers(tx: Tx, latest: Map<string, SubscribeRequest>): Promise<Map<string, { id: string; status: string }>> {
  const keys = [...latest.keys()].sort();
  const emails = keys.map((key) => latest.get(key)?.email ?? key);
  const rows = await tx.$queryRaw<Array<{ key: string; id: string | null; status: string | null }>>`
    WITH allowed AS (
      SELECT i.email, i.key FROM unnest(${emails}::text[], ${keys}::text[], ${keys.map(emailHash)}::text[]) AS i(email, key, hash)
      WHERE NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.email_hash = i.hash)
    ), inserted AS (
      INSERT INTO subscribers (id, email, email_key, updated_at)
      SELECT gen_random_uuid(), email, key, now() FROM allowed ORDER BY key
      ON CONFLICT (email_key) DO NOTHING
      RETURNING id, email_key, status
    )
    SELECT a.key, coalesce(n.id, s.id)::text AS id, coalesce(n.status, s.status)::text AS status
    FROM allowed a LEFT JOIN inserted n ON n.email_key = a.key LEFT JOIN subscribers s ON s.email_key = a.key`;
  const unseen = rows.filter((row) => !row.id).map((row) => row.key);
  const seenLater = unseen.length
    ? await tx.$queryRaw<Array<{ key: string; id: string; status: string }>>`
        SELECT email_key AS key, id::text, status::text FROM subscribers WHERE email_key = ANY(${unseen}::text[])`
    : [];
  return new Map([...rows, ...seenLater].flatMap((row) => (row.id && row.status ? [[row.key, { id: row.id, status: row.status }]] : [])));
}

/**
 * Anyone may (re)submit the form for an address that has not confirmed, so the latest submission's
 * choices win; a confirmed subscriber's choices change only via their own link (the statement
 * checks that too, should the address be confirmed meanwhile). The choices, the topics and one
 * audit-trail record per request change together, in one statement for the whole batch.
 */
async function savePendingChoices(tx: Tx, chosen: Array<{ subscriberId: string; request: SubscribeRequest }>, all: SubscribeRequest[]) {
  const choices = chosen.map(({ subscriberId, request }) => ({ subscriber_id: subscriberId, ...request, id: undefined }));
  const events = all.map((request) => ({ key: request.email.toLowerCase(), ip: request.ip }));
  await tx.$executeRaw`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(choices)}::jsonb) AS x(subscriber_id uuid, email text, "topicIds" int[], keywords text[],
        authors text[], "seedPapers" text[], interests text, timezone text, "deliveryHour" smallint, frequency "Frequency", "papersPerEmail" smallint)
    ), updated AS (
      UPDATE subscribers s SET email = i.email, status = 'pending', keywords = i.keywords, authors = i.authors, seed_papers = i."seedPapers",
        interests = i.interests, timezone = i.timezone, delivery_hour = i."deliveryHour", frequency = i.frequency,
        papers_per_email = i."papersPerEmail", updated_at = now()
      FROM input i
      WHERE s.id = i.subscriber_id AND s.status <> 'confirmed'
      RETURNING s.id, s.email_key, i."topicIds"
    ), dropped AS (
      DELETE FROM subscriber_topics st USING updated u WHERE st.subscriber_id = u.id AND st.topic_id <> ALL(u."topicIds")
    ), added AS (
      INSERT INTO subscriber_topics (subscriber_id, topic_id)
      SELECT u.id, topic FROM updated u CROSS JOIN unnest(u."topicIds") AS topic
      ON CONFLICT DO NOTHING
    )
    INSERT INTO subscriber_events (subscriber_id, type, data)
    SELECT u.id, 'subscribe_requested', jsonb_build_object('ip', e.ip)
    FROM jsonb_to_recordset(${JSON.stringify(events)}::jsonb) AS e(key text, ip text) JOIN updated u ON u.email_key = e.key`;
}

/**
 * What accepted subscribe requests do, set-based for a batch inside its transaction: nothing for an
 * erased address; a new or pending one gets its latest request's choices; and each address is
 * given a confirmation (or "already subscribed") email in the outbox, at most once per 10 minutes.
 * Returns those emails, to be woken (within the daily cap) once the transaction has committed.
 */
export async function handleSubscribeRequests(tx: Tx, requests: SubscribeRequest[]): Promise<OutboxEmail[]> {
  const latest = latestPerAddress(requests);
  const subscribers = await ensureSubscribers(tx, latest);
  const chosen = [...latest].flatMap(([key, request]) => {
    const subscriber = subscribers.get(key);
    return subscriber && subscriber.status !== 'confirmed' ? [{ subscriberId: subscriber.id, request }] : [];
  });
  if (chosen.length > 0) await savePendingChoices(tx, chosen, requests);
  return recordSubscriptionMails(
    tx,
    [...subscribers.values()].map((subscriber) => subscriber.id),
  );
}
