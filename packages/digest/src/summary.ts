// Abbreviations that end with a dot but do not end a sentence in abstracts.
const ABBREVIATIONS = /\b(e\.g|i\.e|et al|etc|vs|cf|Fig|Eq|Sec|resp|approx|no)\.$/i;

/** Splits text into sentences without breaking on "e.g.", "et al." or decimals. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let current = '';
  for (const part of text.split(/(?<=[.!?])\s+/)) {
    current = current ? `${current} ${part}` : part;
    if (!ABBREVIATIONS.test(current)) {
      sentences.push(current);
      current = '';
    }
  }
  if (current) sentences.push(current);
  return sentences;
}

/**
 * Two or three sentences for the email: HF's AI summary when there is one, else the abstract
 * cut at a sentence boundary (three sentences, or two when three would run long).
 */
export function summarize(abstract: string, aiSummary?: string | null, maxLength = 420): string {
  if (aiSummary?.trim()) return aiSummary.trim();
  const sentences = splitSentences(abstract.trim());
  let summary = sentences.slice(0, 2).join(' ');
  const third = sentences[2];
  if (third && summary.length + third.length + 1 <= maxLength) summary = `${summary} ${third}`;
  if (summary.length <= maxLength + 200) return summary;
  const cut = summary.slice(0, maxLength);
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}
