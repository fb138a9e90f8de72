import { z } from 'zod';

/**
 * A phrase pattern: words separated by spaces, matched case-insensitively on word boundaries
 * after the same normalisation as paper text (see tokenize.ts: punctuation and hyphens split
 * words, a plural "s" is folded). A word ending in "*" matches any word it prefixes
 * ("quantiz*" matches "quantization", "quantized"), so operators can write stems.
 */
const phrasePattern = z
  .string()
  .trim()
  .min(1)
  .refine((phrase) => /[a-z0-9]/i.test(phrase), { message: 'must contain a letter or digit' })
  .refine((phrase) => phrase.split(/\s+/).every((word) => !word.slice(0, -1).includes('*')), {
    message: '"*" may only end a word',
  })
  .refine((phrase) => phrase.split(/\s+/).every((word) => !word.endsWith('*') || word.length >= 4), {
    message: 'a stem before "*" needs at least 3 characters',
  });

const weight = z.number().finite();

/**
 * How a topic is recognised: the `terms` field of a topic in data/topics.json and of the
 * topics.terms DB column. `{}` is valid (the DB default) and matches nothing.
 */
export const topicTermsSchema = z
  .object({
    /**
     * Phrase -> weight. Positive weights are evidence for the topic, negative ones against it
     * (a large negative weight vetoes the topic, e.g. "separation of variables" for audio).
     * Every matching phrase counts, so a longer phrase adds to the words inside it ("contrastive
     * learning" on top of "contrastive"); two patterns for the same words ("calibration" and
     * "calibrat*") count them twice, which is rarely meant.
     */
    phrases: z.record(phrasePattern, weight).default({}),
    /**
     * arXiv category -> weight, added once if the paper lists it. A key without a dot names a
     * whole archive ("q-bio" matches "q-bio.BM"); a paper matching both forms gets both weights.
     */
    categories: z.record(z.string().regex(/^[a-z-]+(\.[A-Za-z-]+)?$/, 'must look like cs.CL'), weight).default({}),
    /** Score a paper needs before it is sent for this topic; defaults to the classifier's. */
    minScore: z.number().positive().optional(),
  })
  .strict();

/** Terms as written by operators (defaults not yet applied). */
export type TopicTermsInput = z.input<typeof topicTermsSchema>;
/** Terms after validation. */
export type TopicTerms = z.output<typeof topicTermsSchema>;

export interface TopicDefinition {
  slug: string;
  name: string;
  description: string;
  terms: TopicTermsInput;
}
