import type { Db } from '@paperboy/db';
import { recordEvent } from './events.ts';
import { suppress } from './suppression.ts';

/** Stops all mail at once; repeating it changes nothing. */
export async function unsubscribe(db: Db, subscriberId: string, source: 'link' | 'one-click' | 'preferences' | 'admin' = 'link') {
  const changed = await db.subscriber.updateMany({
    where: { id: subscriberId, status: { not: 'unsubscribed' } },
    data: { status: 'unsubscribed', unsubscribedAt: new Date() },
  });
  if (changed.count > 0) await recordEvent(db, subscriberId, 'unsubscribed', { source });
  return changed.count > 0;
}

/**
 * Erases the subscriber and everything tied to them (topics, events, deliveries); only a hash of
 * the address is kept so it is never mailed again.
 */
export async function deleteSubscriberData(db: Db, subscriberId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const subscriber = await tx.subscriber.findUnique({ where: { id: subscriberId }, select: { emailKey: true } });
    if (!subscriber) return false;
    await suppress(tx, subscriber.emailKey, 'erased_on_request');
    await tx.subscriber.delete({ where: { id: subscriberId } });
    return true;
  });
}

/** Undoes an unsubscribe from the subscriber's own link (their consent stands; no new email). */
export async function resubscribe(db: Db, subscriberId: string): Promise<boolean> {
  const changed = await db.subscriber.updateMany({
    where: { id: subscriberId, status: 'unsubscribed', consentedAt: { not: null } },
    data: { status: 'confirmed', unsubscribedAt: null },
  });
  if (changed.count > 0) await recordEvent(db, subscriberId, 'resubscribed');
  return changed.count > 0;
}
