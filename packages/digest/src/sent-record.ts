import { type Db, groupWrites, onePer, queryPrepared } from '@paperboy/db';
import { retryWrite } from './retry-write.ts';

interface Sent {
  deliveryId: string;
  messageId: string;
}

/** Far below Postgres' parameter limit, and small enough that one failed write retries quickly. */
const MAX_GROUP = 200;

/**
 * The record is committed without waiting for the disk (synchronous_commit off for this statement's
 * transaction alone): a record lost in a Postgres crash leaves its delivery `sending`, which the
 * stuck-send sweep records `unknown`, never sent again. The claim, which keeps a digest from going
 * out twice, is committed durably before anything is sent.
 */
async function markSent(db: Db, group: Sent[]) {
  await queryPrepared(db, {
    name: 'paperboy-mark-sent',
    text: `
      UPDATE deliveries d SET status = 'sent', finished_at = now(), message_id = x.message_id, last_error = NULL
      FROM unnest($1::uuid[], $2::text[]) AS x(id, message_id),
           (SELECT set_config('synchronous_commit', 'off', true)) AS without_waiting_for_the_disk
      WHERE d.id = x.id`,
    values: [group.map((sent) => sent.deliveryId), group.map((sent) => sent.messageId)],
  });
  return group.map(() => undefined);
}

const sentRecorderFor = onePer((db: Db) => groupWrites((group: Sent[]) => retryWrite(() => markSent(db, group)), MAX_GROUP));

/** Marks a delivery sent, in a group write shared by every batch of this process (one recorder per client). */
export function recordSent(db: Db, deliveryId: string, messageId: string): Promise<void> {
  return sentRecorderFor(db)({ deliveryId, messageId });
}
