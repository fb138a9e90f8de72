import type { Db } from '@paperboy/db';
import { recordEvent } from './events.ts';

/**
 * Confirms a pending subscription (the consent moment: time and IP are kept). Confirming twice is
 * harmless. Returns false when there is nothing to confirm (left, bounced or erased meanwhile).
 */
export async function confirmSubscription(db: Db, subscriberId: string, context: { ip?: string } = {}): Promise<boolean> {
  const confirmed = await db.subscriber.updateMany({
    where: { id: subscriberId, status: 'pending' },
    data: { status: 'confirmed', consentedAt: new Date(), consentIp: context.ip ?? null, unsubscribedAt: null },
  });
  if (confirmed.count > 0) {
    await recordEvent(db, subscriberId, 'confirmed', { ip: context.ip ?? null });
    return true;
  }
  return (await db.subscriber.count({ where: { id: subscriberId, status: 'confirmed' } })) > 0;
}

/** The subscriber's status, or null once erased: decides what a confirmation link can still do. */
export async function subscriberStatus(db: Db, subscriberId: string) {
  const subscriber = await db.subscriber.findUnique({ where: { id: subscriberId }, select: { status: true } });
  return subscriber?.status ?? null;
}
