import { parseArxivId } from '@paperboy/papers';
import { z } from 'zod';

/** Invalid input, with one message per offending field (shown next to the field or as JSON). */
export class InputError extends Error {
  override name = 'InputError';
  constructor(readonly fields: Record<string, string>) {
    super(`Invalid input: ${Object.keys(fields).join(', ')}`);
  }
}

export const PAPERS_PER_EMAIL = [5, 10, 20] as const;
export const MAX_KEYWORDS = 10;
export const MAX_TOPICS = 32;
export const MAX_AUTHORS = 20;
export const MAX_INTERESTS_LENGTH = 1000;
export const MAX_SEED_PAPERS = 20;

/** Control characters other than tab and line breaks (those fold to spaces with the rest of the white space). */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127) return true;
  }
  return false;
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Normalises and de-duplicates keyword phrases ("  Source  separation " → "source separation"). */
function normalizeKeywords(phrases: string[]): string[] {
  const cleaned = phrases.map((phrase) => phrase.trim().replace(/\s+/g, ' ').toLowerCase()).filter(Boolean);
  return [...new Set(cleaned)];
}

const keyword = z
  .string()
  .max(60, 'Each keyword must be at most 60 characters')
  .regex(/^[\p{L}\p{N}\s\-+.'&/]*$/u, "Keywords may contain letters, digits, spaces and - + . ' & /");

/** Folds the spaces of author names and drops repeats, however they are capitalised ("jane  doe" = "Jane Doe"). */
function normalizeAuthors(names: string[]): string[] {
  const byKey = new Map<string, string>();
  for (const name of names.map((raw) => raw.trim().replace(/\s+/g, ' ')).filter(Boolean))
    byKey.set(name.toLowerCase(), byKey.get(name.toLowerCase()) ?? name);
  return [...byKey.values()];
}

const author = z
  .string()
  .max(100, 'Each author name must be at most 100 characters')
  .regex(/^[\p{L}\p{M}\s\-.']*$/u, "Author names may contain letters, spaces and - . '");

/**
 * Papers a reader likes, as arXiv ids ("2501.01234", "arXiv:2501.01234v2") or arXiv and Hugging
 * Face paper links, to version-less ids without repeats; the first one that is neither is named.
 */
const seedPapers = z
  .array(z.string().max(200, 'Each paper must be an arXiv id or link of at most 200 characters'))
  .default([])
  .transform((entries, context) => {
    const ids: string[] = [];
    for (const entry of entries.map((raw) => raw.trim()).filter(Boolean)) {
      const id = parseArxivId(entry)?.id;
      if (id === undefined) {
        context.addIssue({ code: 'custom', message: `“${entry.slice(0, 80)}” is not an arXiv id or an arXiv or Hugging Face paper link` });
        return z.NEVER;
      }
      if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  })
  .refine((ids) => ids.length <= MAX_SEED_PAPERS, `At most ${MAX_SEED_PAPERS} papers`);

export const preferencesSchema = z.object({
  topics: z
    .array(z.string().regex(/^[a-z0-9-]{1,40}$/, 'Unknown topic'))
    .max(MAX_TOPICS)
    .default([])
    .transform((slugs) => [...new Set(slugs)]),
  keywords: z
    .array(keyword)
    .default([])
    .transform(normalizeKeywords)
    .refine((list) => list.length <= MAX_KEYWORDS, `At most ${MAX_KEYWORDS} keywords`)
    .refine((list) => list.every((phrase) => phrase.length >= 2), 'Each keyword must be at least 2 characters'),
  authors: z
    .array(author)
    .default([])
    .transform(normalizeAuthors)
    .refine((list) => list.length <= MAX_AUTHORS, `At most ${MAX_AUTHORS} authors`)
    .refine((list) => list.every((name) => name.length >= 2), 'Each author name must be at least 2 characters'),
  seedPapers,
  interests: z
    .string()
    .max(MAX_INTERESTS_LENGTH, `Describe your interests in at most ${MAX_INTERESTS_LENGTH} characters`)
    .refine((text) => !hasControlCharacters(text), 'Your interests may not contain control characters')
    .default('')
    .transform((text) => text.trim().replace(/\s+/g, ' ')),
  timezone: z.string().max(64).refine(isTimeZone, 'Unknown time zone').default('UTC'),
  deliveryHour: z.coerce.number().int().min(0, 'Pick an hour from 0 to 23').max(23, 'Pick an hour from 0 to 23').default(8),
  frequency: z.enum(['daily', 'weekly']).default('daily'),
  papersPerEmail: z.coerce
    .number()
    .refine((n) => (PAPERS_PER_EMAIL as readonly number[]).includes(n), 'Choose 5, 10 or 20')
    .default(10),
});

/** Whether the choices can pick any paper at all: a subscription needs one of them. */
export function choosesSomething(choices: Pick<Preferences, 'topics' | 'keywords' | 'authors' | 'seedPapers' | 'interests'>): boolean {
  const { topics, keywords, authors, seedPapers, interests } = choices;
  return topics.length > 0 || keywords.length > 0 || authors.length > 0 || seedPapers.length > 0 || interests !== '';
}

export const NOTHING_CHOSEN = 'Pick at least one topic, or say what you work on, papers you like, keywords or authors';

export const subscriptionSchema = preferencesSchema
  .extend({
    email: z.string().trim().max(254, 'That address is too long').pipe(z.email('Enter a valid email address')),
  })
  .refine(choosesSomething, { path: ['topics'], message: NOTHING_CHOSEN });

export type PreferencesInput = z.input<typeof preferencesSchema>;
export type Preferences = z.output<typeof preferencesSchema>;
export type SubscriptionInput = z.input<typeof subscriptionSchema>;
export type Subscription = z.output<typeof subscriptionSchema>;

/** Field name → first message, from a zod error. */
export function fieldErrors(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'body');
    fields[field] ??= issue.message;
  }
  return fields;
}

export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) throw new InputError(fieldErrors(result.error));
  return result.data;
}
