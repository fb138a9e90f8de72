import type { BodyPieces } from './email-template.ts';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** The same bodies in pieces, so that pieces many messages share are encoded once. */
  pieces: BodyPieces;
}

/** Who sends: shown at the bottom of every email. */
export interface FooterInput {
  publicUrl: string;
  postalAddress: string;
}

export interface DigestPaper {
  title: string;
  /** The paper's page; the title links here. */
  url: string;
  arxivUrl?: string;
  pdfUrl?: string;
  codeUrl?: string;
  authors: string[];
  upvotes: number;
  /** Human sentences prepared by the caller, e.g. "Because you follow Diffusion & generative models". */
  reasons: string[];
  /** Two or three sentences. */
  summary: string;
  /** The reader's own "More like this" / "Less like this" links for this paper; none in a preview. */
  feedback?: { moreUrl: string; lessUrl: string };
  /** The most similar recent papers, shown under the paper (the view-in-browser page sets them). */
  related?: Array<{ title: string; url: string }>;
  /**
   * Identifies everything above but the reasons and feedback links: papers with the same fingerprint and reasons
   * render the same, so their block is rendered and encoded once per process. Optional.
   */
  fingerprint?: string;
}

export interface ConfirmationInput {
  email: string;
  confirmUrl: string;
  footer: FooterInput;
}

export interface AlreadySubscribedInput {
  email: string;
  preferencesUrl: string;
  footer: FooterInput;
}

export interface DigestInput {
  email: string;
  /** YYYY-MM-DD, the subscriber's local date. */
  date: string;
  /** At least one; the first is named in the subject. */
  papers: DigestPaper[];
  topicNames: string[];
  preferencesUrl: string;
  unsubscribeUrl: string;
  viewInBrowserUrl: string;
  footer: FooterInput;
}

/** The digest HTML is a complete page, so "view in browser" can serve it as-is. */
export type RenderedDigest = RenderedEmail & { preheader: string };

/**
 * Every URL given must be absolute http(s), or rendering throws a TemplateError; the optional paper
 * links (arXiv, PDF, code) are left out instead, as they come from scraped metadata.
 */
export interface EmailTemplates {
  confirmation(input: ConfirmationInput): RenderedEmail;
  alreadySubscribed(input: AlreadySubscribedInput): RenderedEmail;
  digest(input: DigestInput): RenderedDigest;
}
