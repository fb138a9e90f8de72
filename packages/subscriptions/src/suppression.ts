import { createHash } from 'node:crypto';
import type { Db, Prisma } from '@paperboy/db';

/**
 * Erased addresses are remembered only as a SHA-256 of the lower-cased address: enough to refuse
 * to mail them again, not enough to read them back. Not keyed by APP_SECRET, so it survives a
 * key rotation.
 */
export function emailHash(emailKey: string): string {
  return createHash('sha256').update(emailKey).digest('hex');
}

export async function isSuppressed(db: Db, emailKey: string): Promise<boolean> {
  return (await db.suppression.count({ where: { emailHash: emailHash(emailKey) } })) > 0;
}

export async function suppress(db: Db | Prisma.TransactionClient, emailKey: string, reason: string): Promise<void> {
  const hash = emailHash(emailKey);
  await db.suppression.upsert({ where: { emailHash: hash }, create: { emailHash: hash, reason }, update: {} });
}
