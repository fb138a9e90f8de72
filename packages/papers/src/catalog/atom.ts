import type { ListedPaper } from './trending.ts';

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char] as string);

/** Where a paper lives on the web: its Hugging Face page when it has an arXiv id, else its source. */
export function paperPageUrl(paper: Pick<ListedPaper, 'arxivId' | 'sourceUrl' | 'title'>): string {
  if (paper.arxivId) return `https://huggingface.co/papers/${paper.arxivId}`;
  return paper.sourceUrl ?? `https://arxiv.org/search/?searchtype=title&query=${encodeURIComponent(paper.title)}`;
}

function renderEntry(paper: ListedPaper, feedId: string): string {
  return `  <entry>
    <id>${escapeXml(`${feedId}:${paper.id}`)}</id>
    <title>${escapeXml(paper.title)}</title>
    <link rel="alternate" href="${escapeXml(paperPageUrl(paper))}"/>
    <updated>${paper.firstSeenAt.toISOString()}</updated>
${paper.authors
  .slice(0, 10)
  .map((name) => `    <author><name>${escapeXml(name)}</name></author>`)
  .join('\n')}
${paper.topics.map((topic) => `    <category term="${escapeXml(topic.slug)}" label="${escapeXml(topic.name)}"/>`).join('\n')}
    <summary>${escapeXml(paper.summary)}</summary>
  </entry>`;
}

/** An Atom 1.0 feed of papers (RFC 4287), every value escaped. */
export function renderAtomFeed(feed: { id: string; title: string; selfUrl: string; pageUrl: string; papers: ListedPaper[] }): string {
  const updated = feed.papers[0]?.firstSeenAt ?? new Date(0);
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(feed.id)}</id>
  <title>${escapeXml(feed.title)}</title>
  <link rel="self" href="${escapeXml(feed.selfUrl)}"/>
  <link rel="alternate" href="${escapeXml(feed.pageUrl)}"/>
  <updated>${updated.toISOString()}</updated>
  <author><name>Paperboy</name></author>
${feed.papers.map((paper) => renderEntry(paper, feed.id)).join('\n')}
</feed>
`;
}
