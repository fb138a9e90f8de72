import { describe, expect, it } from 'vitest';
import { loadTopicDefinitions } from './load-topics.ts';
import { topicTermsSchema } from './terms-schema.ts';

describe('topicTermsSchema', () => {
  it('accepts {} (the DB default) and fills in empty phrase and category maps', () => {
    expect(topicTermsSchema.parse({})).toEqual({ phrases: {}, categories: {} });
  });

  it('accepts weighted phrases, stems, negative weights, categories and a minScore', () => {
    const terms = {
      phrases: { 'speech separation': 5, 'quantiz*': 4, 'hate speech': -6 },
      categories: { 'eess.AS': 5, 'q-bio': 3 },
      minScore: 6,
    };
    expect(topicTermsSchema.parse(terms)).toEqual(terms);
  });

  it.each<[unknown, string]>([
    [{ phrases: { 'sp*eech': 1 } }, '"*" inside a word'],
    [{ phrases: { 'ab*': 1 } }, 'a stem too short to index'],
    [{ phrases: { '--': 1 } }, 'a phrase without letters'],
    [{ phrases: { speech: Number.NaN } }, 'a weight that is not a number'],
    [{ categories: { 'not a category': 1 } }, 'a malformed category'],
    [{ minScore: 0 }, 'a minScore that is not positive'],
    [{ phrase: { speech: 1 } }, 'an unknown key (a typo must not silently match nothing)'],
  ])('rejects %j: %s', (terms, _reason) => {
    expect(topicTermsSchema.safeParse(terms).success).toBe(false);
  });

  it('validates the shipped taxonomy, where every topic has phrases to match', () => {
    const topics = loadTopicDefinitions();
    expect(topics).toHaveLength(16);
    for (const topic of topics) {
      expect(Object.keys(topicTermsSchema.parse(topic.terms).phrases).length, topic.slug).toBeGreaterThan(10);
    }
  });
});
