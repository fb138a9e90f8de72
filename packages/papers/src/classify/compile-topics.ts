import { type TopicDefinition, topicTermsSchema } from './terms-schema.ts';
import { type PatternWord, tokenizePattern } from './tokenize.ts';

export interface CompiledPhrase {
  id: number;
  topic: number;
  weight: number;
  words: PatternWord[];
}

/** Stems are at least this long (the schema requires it), so this many letters key them. */
export const STEM_KEY_LENGTH = 3;

export interface CompiledTopic {
  slug: string;
  minScore: number | undefined;
}

/**
 * Topic definitions turned into lookup tables, so a paper is scanned once for all topics instead
 * of once per phrase. Build it once per batch with compileTopics() and pass it to classifyPaper().
 */
export interface CompiledTopics {
  topics: CompiledTopic[];
  phrases: CompiledPhrase[];
  /** Phrases by their first word, when that word is exact. */
  byFirstWord: Map<string, CompiledPhrase[]>;
  /**
   * Phrases whose first word is a stem ("quantiz*"), by the stem's first STEM_KEY_LENGTH letters:
   * one lookup per token finds every stem that could prefix it.
   */
  byStemKey: Map<string, CompiledPhrase[]>;
  /** arXiv category -> the topics it hints at. */
  categories: Map<string, Array<{ topic: number; weight: number }>>;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function indexPhrase(compiled: CompiledTopics, phrase: CompiledPhrase): void {
  const first = phrase.words[0];
  if (!first) return;
  compiled.phrases.push(phrase);
  if (first.isStem) pushTo(compiled.byStemKey, first.text.slice(0, STEM_KEY_LENGTH), phrase);
  else pushTo(compiled.byFirstWord, first.text, phrase);
}

/**
 * What the classifier needs of a topic. `terms` is unknown so rows of the topics table (a JSON
 * column) can be passed as they are: compileTopics validates them.
 */
export type ClassifiableTopic = Pick<TopicDefinition, 'slug'> & { terms: unknown };

/** Validates every topic's terms (an invalid one throws, naming the topic) and indexes them. */
export function compileTopics(definitions: readonly ClassifiableTopic[]): CompiledTopics {
  const compiled: CompiledTopics = {
    topics: [],
    phrases: [],
    byFirstWord: new Map(),
    byStemKey: new Map(),
    categories: new Map(),
  };
  definitions.forEach((definition, topic) => {
    const parsed = topicTermsSchema.safeParse(definition.terms ?? {});
    if (!parsed.success) throw new Error(`Invalid terms for topic "${definition.slug}": ${parsed.error.message}`);
    const terms = parsed.data;
    compiled.topics.push({ slug: definition.slug, minScore: terms.minScore });
    for (const [phrase, weight] of Object.entries(terms.phrases)) {
      indexPhrase(compiled, { id: compiled.phrases.length, topic, weight, words: tokenizePattern(phrase) });
    }
    for (const [category, weight] of Object.entries(terms.categories)) {
      pushTo(compiled.categories, category.toLowerCase(), { topic, weight });
    }
  });
  return compiled;
}
