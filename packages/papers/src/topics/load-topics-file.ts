import type { Db } from '@paperboy/db';
import { loadTopicDefinitions } from '../classify/index.ts';

/** JSON with object keys sorted: Postgres stores jsonb with its own key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Makes the topics table match a taxonomy file (insert new slugs, update names, descriptions and
 * terms), after validating every topic's terms so a typo cannot reach the classifier. Idempotent;
 * topics missing from the file are kept so nobody loses a subscription. Returns the slugs whose
 * terms changed, so papers can be reclassified.
 */
export async function loadTopicsFile(db: Db, file: string): Promise<{ topics: number; changedTerms: string[] }> {
  const topics = loadTopicDefinitions(file);
  const stored = await db.topic.findMany({ select: { slug: true, terms: true } });
  const before = new Map(stored.map((topic) => [topic.slug, canonicalJson(topic.terms)]));
  await db.$transaction(
    topics.map((topic, position) => {
      const data = { name: topic.name, description: topic.description, position, terms: topic.terms as object };
      return db.topic.upsert({ where: { slug: topic.slug }, create: { slug: topic.slug, ...data }, update: data });
    }),
  );
  const changedTerms = topics.filter((topic) => before.get(topic.slug) !== canonicalJson(topic.terms)).map((topic) => topic.slug);
  return { topics: topics.length, changedTerms };
}
