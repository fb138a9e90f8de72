import type { Db } from '@paperboy/db';
import { InputError } from './input.ts';

export function listTopics(db: Db) {
  return db.topic.findMany({
    orderBy: [{ position: 'asc' }, { slug: 'asc' }],
    select: { id: true, slug: true, name: true, description: true },
  });
}

/** Topic ids for slugs; an unknown slug is an input error naming it. */
export async function resolveTopicIds(db: Db, slugs: string[]): Promise<number[]> {
  if (slugs.length === 0) return [];
  const found = await db.topic.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  const unknown = slugs.filter((slug) => !found.some((topic) => topic.slug === slug));
  if (unknown.length > 0) throw new InputError({ topics: `Unknown topic: ${unknown.join(', ')}` });
  return found.map((topic) => topic.id);
}
