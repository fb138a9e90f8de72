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
 * Phrases that share an exact first word. Common first words ("data", "image", "neural") start
 * dozens of phrases, so those with an exact second word are looked up by it instead of each
 * being tried at every occurrence of the first word.
 */
export interface FirstWordEntry {
  /** One-word phrases and phrases whose second word is a stem: tried whenever the first word matches. */
  others: CompiledPhrase[];
  /** Phrases of two or more words whose second word is exact, by that word. */
  bySecondWord: Map<string, CompiledPhrase[]>;
}

/**
 * Topic definitions turned into lookup tables, so a paper is scanned once for all topics instead
 * of once per phrase. Build it once per batch with compileTopics() and pass it to classifyPaper().
 */
export interface CompiledTopics {
  topics: CompiledTopic[];
  phrases: CompiledPhrase[];
  /** Phrases by their first word, when that word is exact (then by their second word, see FirstWordEntry). */
  byFirstWord: Map<string, FirstWordEntry>;
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

function indexByFirstWord(compiled: CompiledTopics, first: string, phrase: CompiledPhrase): void {
  let entry = compiled.byFirstWord.get(first);
  if (!entry) {
    entry = { others: [], bySecondWord: new Map() };
    compiled.byFirstWord.set(first, entry);
  }
  const second = phrase.words[1];
  if (second && !second.isStem) pushTo(entry.bySecondWord, second.text, phrase);
  else entry.others.push(phrase);
}

function indexPhrase(compiled: CompiledTopics, phrase: CompiledPhrase): void {
  const first = phrase.words[0];
  if (!first) return;
  compiled.phrases.push(phrase);
  if (first.isStem) pushTo(compiled.byStemKey, first.text.slice(0, STEM_KEY_LENGTH), phrase);
  else indexByFirstWord(compiled, first.text, phrase);
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
