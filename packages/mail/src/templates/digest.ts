import { createGenerationalCache } from '../cache.ts';
import { nameCalendarDate } from './dates.ts';
import { type EmailTemplate, fillEmailTemplate, footerValues } from './email-template.ts';
import { isHttpUrl } from './escape.ts';
import type { Values } from './template.ts';
import type { DigestInput, DigestPaper, RenderedDigest } from './types.ts';
import { describePapers, nameAuthors, squish, truncateAtWord } from './wording.ts';

// Inbox lists show about 60–70 characters of subject and 90–140 of preview text.
const MAX_SUBJECT_TITLE = 60;
const MAX_PREHEADER = 140;
const PAPER_LINKS = [
  ['arxivUrl', 'arXiv'],
  ['pdfUrl', 'PDF'],
  ['codeUrl', 'Code'],
] as const;

/**
 * A paper tidied, with its template values, per fingerprint and reasons: the papers of a day reach
 * thousands of readers, and their block is then rendered and encoded from the template's memo.
 */
const preparedPapers = createGenerationalCache<PreparedPaper>(1500);

interface PreparedPaper {
  paper: DigestPaper;
  values: Values;
}

function preparePaper(paper: DigestPaper): PreparedPaper {
  const prepare = (key?: string) => {
    const tidy = tidyPaper(paper);
    return { paper: tidy, values: { ...(key ? { $key: key } : {}), ...paperValues(tidy) } };
  };
  if (!paper.fingerprint) return prepare();
  const key = [paper.fingerprint, ...paper.reasons, ...(paper.related ?? []).map((related) => related.url)].join('\n');
  return preparedPapers(key, () => prepare(key));
}

export function renderDigest(template: EmailTemplate, input: DigestInput): RenderedDigest {
  const prepared = input.papers.map(preparePaper);
  const papers = prepared.map((entry) => entry.paper);
  const [top, ...others] = papers;
  if (top === undefined) throw new RangeError('a digest needs at least one paper');
  const date = nameCalendarDate(input.date);
  const more = others.length > 0 ? ` and ${others.length} more` : '';
  const subject = `Paperboy · ${date.short}: ${truncateAtWord(top.title, MAX_SUBJECT_TITLE)}${more}`;
  const preheader = describePreview(top, others);
  const values = {
    subject,
    preheader,
    longDate: date.long,
    headline: describePapers(papers.length, input.topicNames),
    papers: prepared.map((entry, index) => ({ ...entry.values, feedback: feedbackValues(input.papers[index] as DigestPaper) })),
    email: input.email,
    preferencesUrl: input.preferencesUrl,
    unsubscribeUrl: input.unsubscribeUrl,
    viewInBrowserUrl: input.viewInBrowserUrl,
    ...footerValues(input.footer),
  };
  return { subject, preheader, ...fillEmailTemplate(template, values) };
}

function feedbackValues(paper: DigestPaper): Values[] {
  return paper.feedback ? [{ moreUrl: paper.feedback.moreUrl, lessUrl: paper.feedback.lessUrl }] : [];
}

/** Under a subject naming the top paper, the preview names the others (or sums up a lone paper). */
function describePreview(top: DigestPaper, others: readonly DigestPaper[]): string {
  const preview = others.length > 0 ? `Also: ${others.map((paper) => paper.title).join(' · ')}` : top.summary;
  return truncateAtWord(preview, MAX_PREHEADER);
}

/** Joins the lines arXiv metadata is wrapped on, so titles fit a subject line and text reads cleanly. */
function tidyPaper(paper: DigestPaper): DigestPaper {
  return {
    ...paper,
    title: squish(paper.title),
    authors: paper.authors.map(squish),
    reasons: paper.reasons.map(squish),
    summary: squish(paper.summary),
  };
}

function paperValues(paper: DigestPaper): Values {
  return {
    title: paper.title,
    url: paper.url,
    authors: nameAuthors(paper.authors),
    reasons: paper.reasons.map((text) => ({ text })),
    summary: paper.summary,
    links: paperLinks(paper),
    upvotes: paper.upvotes > 0 ? [{ count: String(paper.upvotes) }] : [],
    related: paper.related?.length
      ? [{ items: paper.related.filter((related) => isHttpUrl(related.url)).map(({ title, url }) => ({ title: squish(title), url })) }]
      : [],
  };
}

/** arXiv, PDF and code links come from scraped metadata: anything but http(s) is left out, not linked. */
function paperLinks(paper: DigestPaper): Values[] {
  return PAPER_LINKS.flatMap(([field, label]) => {
    const url = paper[field];
    return url !== undefined && isHttpUrl(url) ? [{ label, url }] : [];
  });
}
