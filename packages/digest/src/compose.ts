import { createHash } from 'node:crypto';
import type { Config } from '@paperboy/config';
import type { Db } from '@paperboy/db';
import { feedbackLinks } from '@paperboy/feedback';
import type { DigestPaper, EmailTemplates, OutgoingMail } from '@paperboy/mail';
import { paperPageUrl } from '@paperboy/papers';
import { linkFor } from '@paperboy/subscriptions';
import { summarize } from './summary.ts';

export type ComposeConfig = Pick<Config, 'appSecret' | 'previousAppSecret' | 'publicUrl'> & {
  mail: Pick<Config['mail'], 'postalAddress' | 'listUnsubscribeMailto'>;
};

export interface DigestRecipient {
  deliveryId: string;
  subscriberId: string;
  email: string;
  digestDate: string;
}

type PaperRow = Awaited<ReturnType<typeof loadPapers>>[number];

export function loadPapers(db: Db, paperIds: string[]) {
  return db.paper.findMany({
    where: { id: { in: paperIds } },
    select: {
      id: true,
      arxivId: true,
      title: true,
      summary: true,
      aiSummary: true,
      authors: true,
      upvotes: true,
      githubRepo: true,
      sourceUrl: true,
      projectPage: true,
    },
  });
}

/**
 * "a:Jane Doe" → "By Jane Doe, whom you follow"; "l:Title" → "Close to “Title”, which you liked";
 * "t:audio" → "Because you follow Speech & audio"; "i:…" quotes the interests; "k:…"/"s:…" → the keyword line.
 */
export function describeReasons(reasons: string[], topicNames: Map<string, string>): string[] {
  return reasons.map((reason) => {
    const what = reason.slice(2);
    if (reason.startsWith('a:')) return `By ${what}, whom you follow`;
    if (reason.startsWith('l:')) return `Close to “${what}”, which you liked`;
    if (reason.startsWith('i:')) return `Matches what you wrote: “${what}”`;
    if (reason.startsWith('t:')) return `Because you follow ${topicNames.get(what) ?? what}`;
    if (reason.startsWith('s:')) return `Close to your keyword “${what}” in other words`;
    return `Matches your keyword “${what}”`;
  });
}

/** A paper as the email shows it, with its catalog id, which its feedback links name. */
export type CatalogDigestPaper = DigestPaper & { paperId: string };

export function toDigestPaper(paper: PaperRow, reasons: string[]): CatalogDigestPaper {
  // Everything the paper's block shows comes from the row: the row identifies the block (with the reasons).
  const fingerprint = createHash('sha256').update(JSON.stringify(paper)).digest('base64url');
  return {
    paperId: paper.id,
    fingerprint,
    title: paper.title,
    url: paperPageUrl(paper),
    arxivUrl: paper.arxivId ? `https://arxiv.org/abs/${paper.arxivId}` : undefined,
    pdfUrl: paper.arxivId ? `https://arxiv.org/pdf/${paper.arxivId}` : undefined,
    codeUrl: paper.githubRepo ?? undefined,
    authors: paper.authors,
    upvotes: paper.upvotes,
    reasons,
    summary: summarize(paper.summary, paper.aiSummary),
  };
}

/** Headers that let mail clients offer one-click unsubscribe (RFC 8058) and group the list. */
function listHeaders(config: ComposeConfig, unsubscribeUrl: string): Record<string, string> {
  const host = new URL(config.publicUrl).hostname;
  const mailto = config.mail.listUnsubscribeMailto ? `, <mailto:${config.mail.listUnsubscribeMailto}?subject=unsubscribe>` : '';
  return {
    'List-Id': `Paperboy digest <digest.${host}>`,
    'List-Unsubscribe': `<${unsubscribeUrl}>${mailto}`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'Auto-Submitted': 'auto-generated',
    'X-Auto-Response-Suppress': 'All',
  };
}

/**
 * The reader's digest email. Each paper carries the reader's own "More like this" / "Less like
 * this" links, except in a preview (`feedback: false`), whose reader does not exist yet.
 */
export function composeDigest(
  config: ComposeConfig,
  templates: EmailTemplates,
  recipient: DigestRecipient,
  papers: CatalogDigestPaper[],
  topicNames: string[],
  { feedback = true }: { feedback?: boolean } = {},
): OutgoingMail {
  const unsubscribeUrl = linkFor(config, 'unsubscribe', recipient.subscriberId);
  const rendered = templates.digest({
    email: recipient.email,
    date: recipient.digestDate,
    papers: feedback
      ? papers.map((paper) => ({ ...paper, feedback: feedbackLinks(config, recipient.subscriberId, paper.paperId) }))
      : papers,
    topicNames,
    preferencesUrl: linkFor(config, 'preferences', recipient.subscriberId),
    unsubscribeUrl,
    viewInBrowserUrl: linkFor(config, 'digest', recipient.deliveryId),
    footer: { publicUrl: config.publicUrl, postalAddress: config.mail.postalAddress },
  });
  return {
    to: recipient.email,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    pieces: rendered.pieces,
    headers: listHeaders(config, unsubscribeUrl),
    // One Message-ID per delivery: a retried send is recognisably the same message.
    messageId: `<${recipient.deliveryId}@${new URL(config.publicUrl).hostname}>`,
  };
}
