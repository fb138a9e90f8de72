import { type Db, groupWrites } from '@paperboy/db';
import type { Subscription } from './input.ts';

/** A subscribe request as the API accepted it: validated, topics resolved, waiting for the worker. */
export interface SubscribeRequest {
  id: bigint;
  email: string;
  topicIds: number[];
  keywords: string[];
  authors: string[];
  seedPapers: string[];
  interests: string;
  timezone: string;
  deliveryHour: number;
  frequency: Subscription['frequency'];
  papersPerEmail: number;
  ip: string | null;
}

/** A request as the API stores it. */
export type NewSubscribeRequest = Omit<SubscribeRequest, 'id'>;

async function insertSubscribeRequests(db: Db, requests: NewSubscribeRequest[]): Promise<void> {
  await db.$executeRaw`
    INSERT INTO subscribe_requests (email, topic_ids, keywords, authors, seed_papers, interests, timezone, delivery_hour, frequency, papers_per_email, ip)
    SELECT email, "topicIds", keywords, authors, "seedPapers", interests, timezone, "deliveryHour", frequency, "papersPerEmail", ip
    FROM jsonb_to_recordset(${JSON.stringify(requests)}::jsonb) AS r(email text, "topicIds" int[], keywords text[], authors text[], "seedPapers" text[], interests text, timezone text,
      "deliveryHour" smallint, frequency "Frequency", "papersPerEmail" smallint, ip text)`;
}

// Well within what one statement should carry; more waiting rows go in the next group.
const MAX_GROUP = 500;

/**
 * Stores accepted requests, each committed before its caller goes on (the API answers after it, so
 * nothing is lost if Redis or the worker is down). Grouped (see groupWrites): under load one
 * statement and one commit serve many requests instead of Prisma's per-statement cost for each;
 * alone, a request is written at once. If a group fails, its callers get the error.
 */
export function createSubscribeRequestWriter(db: Db): (request: NewSubscribeRequest) => Promise<void> {
  return groupWrites(async (group: NewSubscribeRequest[]) => {
    await insertSubscribeRequests(db, group);
    return group.map(() => undefined);
  }, MAX_GROUP);
}

/** Requests accepted and not handled yet (the backlog the worker drains). */
export async function countSubscribeRequests(db: Db): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ waiting: bigint }>>`SELECT count(*) AS waiting FROM subscribe_requests`;
  return Number(row?.waiting ?? 0);
}

export interface BatchOutcome {
  /** Rows this batch locked; fewer than the limit means the table held no more past `afterId`. */
  claimed: number;
  lastId: bigint;
  handled: number;
  failures: unknown[];
}

// Handled side by side, each on its own pooled connection (the worker's pool holds 10, one of them
// the batch's transaction).
const PARALLEL_ADDRESSES = 8;

/** Runs `handle` on every request: one address's requests in order (its latest choices win), addresses side by side. */
async function handleInOrderPerAddress(requests: SubscribeRequest[], handle: (request: SubscribeRequest) => Promise<void>) {
  const byAddress = new Map<string, SubscribeRequest[]>();
  for (const request of requests) {
    const key = request.email.toLowerCase();
    const group = byAddress.get(key);
    if (group) group.push(request);
    else byAddress.set(key, [request]);
  }
  const waiting = [...byAddress.values()];
  const handled: bigint[] = [];
  const failures: unknown[] = [];
  const lane = async () => {
    for (let group = waiting.shift(); group; group = waiting.shift()) {
      for (const request of group) {
        await handle(request).then(
          () => handled.push(request.id),
          (error: unknown) => failures.push(error),
        );
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_ADDRESSES }, lane));
  return { handled, failures };
}

/**
 * Locks up to `limit` waiting requests after `afterId` that no other drainer holds, oldest first,
 * hands them to `handle`, and deletes those handled, in one transaction: if the process dies
 * midway, every row of the batch comes back for the next drain (handling a request twice mails
 * nobody twice: the 10-minute claim holds). A request whose handling failed stays for the next
 * drain.
 */
export async function drainSubscribeRequestBatch(
  db: Db,
  afterId: bigint,
  limit: number,
  handle: (request: SubscribeRequest) => Promise<void>,
): Promise<BatchOutcome> {
  return db.$transaction(
    async (tx) => {
      const requests = await tx.$queryRaw<SubscribeRequest[]>`
        SELECT id, email, topic_ids AS "topicIds", keywords, authors, coalesce(seed_papers, '{}') AS "seedPapers", interests, timezone, delivery_hour AS "deliveryHour",
               frequency::text AS frequency, papers_per_email AS "papersPerEmail", ip
        FROM subscribe_requests WHERE id > ${afterId} ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
      const { handled, failures } = await handleInOrderPerAddress(requests, handle);
      if (handled.length > 0) await tx.$executeRaw`DELETE FROM subscribe_requests WHERE id = ANY(${handled}::bigint[])`;
      return { claimed: requests.length, lastId: requests.at(-1)?.id ?? afterId, handled: handled.length, failures };
    },
    // The batch's handling runs inside the transaction; Prisma's default 5 s limit could cut a
    // slow one short and have it handled again.
    { timeout: 120_000 },
  );
}
