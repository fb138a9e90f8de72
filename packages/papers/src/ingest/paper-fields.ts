import type { Prisma } from '@paperboy/db';
import type { PaperInput } from '../sources/index.ts';
import { trendingScore } from '../trending/index.ts';

const dateOnly = (day: string) => new Date(`${day}T00:00:00Z`);

/** Drops undefined values, so an update never erases what an earlier source told us. */
function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** What a re-ingest refreshes: engagement, code links, AI summary and keywords, abstract. */
export function updatableFields(paper: PaperInput) {
  return defined({
    summary: paper.summary || undefined,
    aiSummary: paper.aiSummary,
    aiKeywords: paper.aiKeywords?.length ? paper.aiKeywords : undefined,
    authors: paper.authors?.length ? paper.authors : undefined,
    authorsCount: paper.authorsCount ?? paper.authors?.length,
    categories: paper.categories?.length ? paper.categories : undefined,
    publishedAt: paper.publishedAt,
    upvotes: paper.upvotes,
    comments: paper.comments,
    githubRepo: paper.githubRepo,
    githubStars: paper.githubStars,
    projectPage: paper.projectPage,
    sourceUrl: paper.sourceUrl,
  });
}

export function createFields(paper: PaperInput, titleKey: string, now: Date): Prisma.PaperCreateInput {
  return {
    ...updatableFields(paper),
    arxivId: paper.arxivId,
    titleKey,
    title: paper.title,
    summary: paper.summary,
    source: paper.source,
    listedOn: paper.listedOn ? dateOnly(paper.listedOn) : undefined,
    trendingScore: scoreOf(paper, now),
    firstSeenAt: paper.firstSeenAt,
  };
}

/** The listing day stays the first one seen: trending decays from when attention started. */
export function scoreOf(paper: PaperInput, now: Date, firstListedOn?: Date | null): number {
  const listedOn = firstListedOn ? firstListedOn.toISOString().slice(0, 10) : paper.listedOn;
  return trendingScore(
    {
      upvotes: paper.upvotes,
      comments: paper.comments,
      githubStars: paper.githubStars,
      hasCode: Boolean(paper.githubRepo),
      publishedAt: paper.publishedAt,
      listedOn,
    },
    now,
  );
}
