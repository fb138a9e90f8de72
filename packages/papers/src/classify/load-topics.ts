import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { TOPICS_FILE } from './repo-paths.ts';
import { type TopicDefinition, topicTermsSchema } from './terms-schema.ts';

const topicsFileSchema = z.array(
  z.object({
    slug: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and dashes'),
    name: z.string().min(1),
    description: z.string(),
    terms: topicTermsSchema.optional(),
  }),
);

/** The taxonomy file (data/topics.json by default), with each topic's terms validated. */
export function loadTopicDefinitions(path = TOPICS_FILE): TopicDefinition[] {
  return topicsFileSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).map((topic) => ({
    ...topic,
    terms: topic.terms ?? {},
  }));
}
