/** One paper as a source delivers it, already normalised; the common input of ingestion. */
export interface PaperInput {
  /** arXiv id WITHOUT version, e.g. "2501.01234" (or old style "cs/0601001"). */
  arxivId?: string;
  title: string;
  summary: string;
  aiSummary?: string;
  aiKeywords?: string[];
  authors?: string[];
  authorsCount?: number;
  /** arXiv categories, primary first. */
  categories?: string[];
  publishedAt?: Date;
  /** YYYY-MM-DD, the day the source listed the paper. */
  listedOn?: string;
  upvotes?: number;
  comments?: number;
  githubRepo?: string;
  githubStars?: number;
  projectPage?: string;
  /** Canonical page (arXiv abs URL, etc.). */
  sourceUrl?: string;
  /** Direct PDF link when the source gives one (arXiv feeds do). */
  pdfUrl?: string;
  source: 'huggingface' | 'arxiv' | 'file';
  /**
   * When the catalog counts a new paper as first seen (default: when it is stored). Digests send
   * papers first seen since the previous one, so a paper stored for another reason than being new
   * (one a reader named as liked) is dated in the past.
   */
  firstSeenAt?: Date;
}

/** An item a source delivered that could not be used: its position in the batch and why. */
export interface Rejected {
  index: number;
  reason: string;
}

export interface SourceBatch {
  papers: PaperInput[];
  rejected: Rejected[];
}
