import type { Db } from '@paperboy/db';
import { retryWrite } from './retry-write.ts';

interface Sent {
  deliveryId: string;
  messageId: string;
  done: (error?: unknown) => void;
}

/** Far below Postgres' parameter limit, and small enough that one failed write retries quickly. */
const MAX_GROUP = 200;

async function markSent(db: Db, group: Sent[]) {
  await db.$executeRaw`
    UPDATE deliveries d SET status = 'sent', finished_at = now(), message_id = x.message_id, last_error = NULL
    FROM unnest(${group.map((sent) => sent.deliveryId)}::uuid[], ${group.map((sent) => sent.messageId)}::text[]) AS x(id, message_id)
    WHERE d.id = x.id`;
}

/**
 * Records sent digests like a group commit: a record that arrives while a write is under way
 * waits for the next one, which takes everyone who arrived meanwhile. Alone, a record is written
 * at once (one round trip, as before); under load, one UPDATE and one commit serve many sends
 * instead of one each.
 */
function createSentRecorder(db: Db) {
  let waiting: Sent[] = [];
  let writing = false;
  async function drain() {
    writing = true;
    while (waiting.length > 0) {
      const group = waiting.slice(0, MAX_GROUP);
      waiting = waiting.slice(group.length);
      const error = await retryWrite(() => markSent(db, group)).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      for (const sent of group) sent.done(error);
    }
    writing = false;
  }
  return {
    record(deliveryId: string, messageId: string): Promise<void> {
      return new Promise((resolve, reject) => {
        waiting.push({ deliveryId, messageId, done: (error) => (error === undefined ? resolve() : reject(error)) });
        if (!writing) void drain();
      });
    },
  };
}

const recorders = new WeakMap<Db, ReturnType<typeof createSentRecorder>>();

/** Marks a delivery sent, in a group write shared by every batch of this process (one recorder per client). */
export function recordSent(db: Db, deliveryId: string, messageId: string): Promise<void> {
  let recorder = recorders.get(db);
  if (!recorder) {
    recorder = createSentRecorder(db);
    recorders.set(db, recorder);
  }
  return recorder.record(deliveryId, messageId);
}
