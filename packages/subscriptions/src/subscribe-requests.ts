import { type Db, groupWrites, type Prisma } from '@paperboy/db';
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

export interface BatchOutcome<T> {
  /** Rows this batch locked; fewer than the limit means the table held no more past `afterId`. */
  claimed: number;
  lastId: bigint;
  handled: number;
  /** What the handling of the handled requests returned. */
  results: T[];
  failures: unknown[];
}

type Handle<T> = (tx: Prisma.TransactionClient, requests: SubscribeRequest[]) => Promise<T>;

/** Runs `handle` inside a savepoint: if it fails, what it did is undone and the transaction goes on. */
async function inSavepoint<T>(
  tx: Prisma.TransactionClient,
  handle: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  await tx.$executeRaw`SAVEPOINT handling`;
  try {
    const value = await handle();
    await tx.$executeRaw`RELEASE SAVEPOINT handling`;
    return { ok: true, value };
  } catch (error) {
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT handling`;
    return { ok: false, error };
  }
}

/**
 * Handles the batch in one go; if that fails, one request at a time, so that a request that cannot
 * be handled holds back only itself (it stays for the next drain), not the batch.
 */
async function handleBatch<T>(tx: Prisma.TransactionClient, requests: SubscribeRequest[], handle: Handle<T>) {
  if (requests.length === 0) return { handled: [], results: [], failures: [] };
  const whole = await inSavepoint(tx, () => handle(tx, requests));
  if (whole.ok) return { handled: requests.map((request) => request.id), results: [whole.value], failures: [] };
  const handled: bigint[] = [];
  const results: T[] = [];
  const failures: unknown[] = [];
  for (const request of requests) {
    const one = await inSavepoint(tx, () => handle(tx, [request]));
    if (one.ok) {
      handled.push(request.id);
      results.push(one.value);
    } else failures.push(one.error);
  }
  return { handled, results, failures };
}

/**
 * Locks up to `limit` waiting requests after `afterId` that no other drainer holds, oldest first,
 * hands them to `handle`, and deletes those handled, in one transaction: what a request changes and
 * its removal from the table commit together, and if the process dies midway nothing of the batch
 * is done and every row comes back for the next drain. A request whose handling failed stays for
 * the next drain.
 */
export async function drainSubscribeRequestBatch<T>(db: Db, afterId: bigint, limit: number, handle: Handle<T>): Promise<BatchOutcome<T>> {
  return db.$transaction(
    async (tx) => {
      const requests = await tx.$queryRaw<SubscribeRequest[]>`
        SELECT id, email, topic_ids AS "topicIds", keywords, authors, coalesce(seed_papers, '{}') AS "seedPapers", interests, timezone, delivery_hour AS "deliveryHour",
               frequency::text AS frequency, papers_per_email AS "papersPerEmail", ip
        FROM subscribe_requests WHERE id > ${afterId} ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
      const { handled, results, failures } = await handleBatch(tx, requests, handle);
      if (handled.length > 0) await tx.$executeRaw`DELETE FROM subscribe_requests WHERE id = ANY(${handled}::bigint[])`;
      return { claimed: requests.length, lastId: requests.at(-1)?.id ?? afterId, handled: handled.length, results, failures };
    },
    // Prisma's default 5 s limit could cut a slow batch short and have it handled again.
    { timeout: 120_000 },
  );
}
