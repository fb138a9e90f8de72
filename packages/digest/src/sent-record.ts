import type { Db } from '@paperboy/db';
import { groupWrites, onePer } from './group-writes.ts';
import { retryWrite } from './retry-write.ts';

interface Sent {
  deliveryId: string;
  messageId: string;
}

/** Far below Postgres' parameter limit, and small enough that one failed write retries quickly. */
const MAX_GROUP = 200;

async function markSent(db: Db, group: Sent[]) {
  await db.$executeRaw`
    UPDATE deliveries d SET status = 'sent', finished_at = now(), message_id = x.message_id, last_error = NULL
    FROM unnest(${group.map((sent) => sent.deliveryId)}::uuid[], ${group.map((sent) => sent.messageId)}::text[]) AS x(id, message_id)
    WHERE d.id = x.id`;
  return group.map(() => undefined);
}

const sentRecorderFor = onePer((db: Db) => groupWrites((group: Sent[]) => retryWrite(() => markSent(db, group)), MAX_GROUP));

/** Marks a delivery sent, in a group write shared by every batch of this process (one recorder per client). */
export function recordSent(db: Db, deliveryId: string, messageId: string): Promise<void> {
  return sentRecorderFor(db)({ deliveryId, messageId });
}
