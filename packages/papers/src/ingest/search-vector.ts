import type { Prisma } from '@paperboy/db';

/**
 * Keeps the full-text vector that subscribers' keywords are matched against: title weighs most
 * (A), then HF's keywords (B), then the abstract (C). English stemming, so "separating" finds
 * "separation", while phrase queries still require the words in order.
 */
export async function refreshSearchVectors(tx: Prisma.TransactionClient, paperIds: string[]): Promise<void> {
  if (paperIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE papers SET search_vector =
      setweight(to_tsvector('english', title), 'A') ||
      setweight(to_tsvector('english', array_to_string(ai_keywords, ' ')), 'B') ||
      setweight(to_tsvector('english', summary), 'C')
    WHERE id = ANY(${paperIds}::uuid[])`;
}
