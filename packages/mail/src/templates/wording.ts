const MAX_NAMED_AUTHORS = 3;
const MAX_NAMED_TOPICS = 3;
const LIST = new Intl.ListFormat('en-GB', { type: 'conjunction' });

// Only runs and non-space whitespace: replacing every single space would dominate the render time.
const UNTIDY_WHITESPACE = /\s{2,}|[^\S ]/g;

/** Collapses the line breaks and runs of spaces that arXiv titles and abstracts carry. */
export function squish(text: string): string {
  return text.replace(UNTIDY_WHITESPACE, ' ').trim();
}

/** Shortens text to at most `max` characters, at a word boundary when one is near, ending in "…". */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  const atWord = lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut;
  return `${atWord.replace(/[\s,;:.\-–—]+$/, '')}…`;
}

/** "A, B, C" or, past three, "A, B, C et al." */
export function nameAuthors(authors: readonly string[]): string {
  const named = authors.slice(0, MAX_NAMED_AUTHORS).join(', ');
  return authors.length > MAX_NAMED_AUTHORS ? `${named} et al.` : named;
}

/** "10 new papers on Diffusion and Speech & audio" */
export function describePapers(count: number, topicNames: readonly string[]): string {
  const papers = `${count} new ${count === 1 ? 'paper' : 'papers'}`;
  if (topicNames.length === 0) return `${papers} for you`;
  const named = topicNames.slice(0, MAX_NAMED_TOPICS);
  const others = topicNames.length - named.length;
  const topics = others > 0 ? [...named, `${others} more ${others === 1 ? 'topic' : 'topics'}`] : named;
  return `${papers} on ${LIST.format(topics)}`;
}
