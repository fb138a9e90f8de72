import { readFile } from 'node:fs/promises';
import type { Db } from '@paperboy/db';
import { z } from 'zod';
import { InputError } from './input.ts';

const topicsFileSchema = z.array(
  z.object({
    slug: z.string().regex(/^[a-z0-9-]{1,40}$/),
    name: z.string().min(1),
    description: z.string(),
    terms: z.record(z.string(), z.unknown()).optional(),
  }),
);

/**
 * Makes the topics table match the taxonomy file (insert new slugs, update names, descriptions
 * and terms). Idempotent; topics missing from the file are kept so nobody loses a subscription.
 * Returns the slugs whose matching terms changed, so papers can be reclassified for them.
 */
export async function loadTopicsFile(db: Db, file: string): Promise<{ topics: number; changedTerms: string[] }> {
  const topics = topicsFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  const before = new Map((await db.topic.findMany({ select: { slug: true, terms: true } })).map((t) => [t.slug, JSON.stringify(t.terms)]));
  await db.$transaction(
    topics.map((topic, position) => {
      const data = { name: topic.name, description: topic.description, position, terms: (topic.terms ?? {}) as object };
      return db.topic.upsert({ where: { slug: topic.slug }, create: { slug: topic.slug, ...data }, update: data });
    }),
  );
  const changedTerms = topics.filter((topic) => before.get(topic.slug) !== JSON.stringify(topic.terms ?? {})).map((topic) => topic.slug);
  return { topics: topics.length, changedTerms };
}

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
