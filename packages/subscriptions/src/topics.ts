import type { Db } from '@paperboy/db';
import { InputError } from './input.ts';

export function listTopics(db: Db) {
  return db.topic.findMany({
    orderBy: [{ position: 'asc' }, { slug: 'asc' }],
    select: { id: true, slug: true, name: true, description: true },
  });
}

/** Ids for slugs, looked up in `known` (slug → id); an unknown slug is an input error naming it. */
function idsOf(slugs: string[], known: ReadonlyMap<string, number>): number[] {
  const unknown = slugs.filter((slug) => !known.has(slug));
  if (unknown.length > 0) throw new InputError({ topics: `Unknown topic: ${unknown.join(', ')}` });
  return slugs.map((slug) => known.get(slug) as number);
}

/** Topic ids for slugs, read from Postgres; an unknown slug is an input error naming it. */
export async function resolveTopicIds(db: Db, slugs: string[]): Promise<number[]> {
  if (slugs.length === 0) return [];
  const found = await db.topic.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  return idsOf(slugs, new Map(found.map((topic) => [topic.slug, topic.id])));
}

/** Resolves topic slugs like resolveTopicIds, from a copy of the topics table kept in the process. */
export interface TopicCache {
  resolve(slugs: string[]): Promise<number[]>;
}

// Topics change rarely (an operator's import), and a renamed one may wait this long to show.
const MAX_AGE_MS = 30_000;
// A slug not in the copy re-reads the table (a topic imported a moment ago is accepted at once),
// but at most this often: requests naming made-up topics must not each cost a query.
const MISS_REREAD_MS = 1_000;

export function createTopicCache(db: Db, now: () => number = Date.now): TopicCache {
  let known = new Map<string, number>();
  let readAt = Number.NEGATIVE_INFINITY;
  let reading: Promise<void> | undefined;
  // Requests that find the copy stale at the same moment share one query.
  const reread = () =>
    (reading ??= db.topic
      .findMany({ select: { id: true, slug: true } })
      .then((topics) => {
        known = new Map(topics.map((topic) => [topic.slug, topic.id]));
        readAt = now();
      })
      .finally(() => {
        reading = undefined;
      }));
  return {
    async resolve(slugs) {
      const age = now() - readAt;
      const missing = slugs.some((slug) => !known.has(slug));
      if (age > MAX_AGE_MS || (missing && age > MISS_REREAD_MS)) await reread();
      return idsOf(slugs, known);
    },
  };
}
