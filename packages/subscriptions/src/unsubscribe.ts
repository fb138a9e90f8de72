import { type Db, Prisma } from '@paperboy/db';
import { changeWithEvent } from './events.ts';
import { suppress } from './suppression.ts';

/** Stops all mail at once; repeating it changes nothing. */
export async function unsubscribe(db: Db, subscriberId: string, source: 'link' | 'one-click' | 'preferences' | 'admin' = 'link') {
  const change = { set: Prisma.sql`status = 'unsubscribed', unsubscribed_at = now()`, condition: Prisma.sql`status <> 'unsubscribed'` };
  return changeWithEvent(db, subscriberId, change, 'unsubscribed', { source });
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
  const change = {
    set: Prisma.sql`status = 'confirmed', unsubscribed_at = NULL`,
    condition: Prisma.sql`status = 'unsubscribed' AND consented_at IS NOT NULL`,
  };
  return changeWithEvent(db, subscriberId, change, 'resubscribed');
}
