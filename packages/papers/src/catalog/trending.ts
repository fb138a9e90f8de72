import type { Db } from '@paperboy/db';

export interface ListedPaper {
  id: string;
  arxivId: string | null;
  title: string;
  summary: string;
  authors: string[];
  upvotes: number;
  githubRepo: string | null;
  sourceUrl: string | null;
  firstSeenAt: Date;
  topics: Array<{ slug: string; name: string }>;
}

/** How far back "today's" list looks: a day and a half covers every time zone's today. */
export const TRENDING_WINDOW_HOURS = 36;

/**
 * The papers added recently, hottest first (trending score, then topic strength), optionally for
 * one topic. When nothing was added in the window (a quiet day, an offline install), the most
 * recent papers stand in, so the page is never empty while there are papers at all.
 */
export async function listTrendingPapers(db: Db, options: { topic?: string; limit?: number; now?: Date } = {}): Promise<ListedPaper[]> {
  const limit = options.limit ?? 30;
  const since = new Date((options.now ?? new Date()).getTime() - TRENDING_WINDOW_HOURS * 3_600_000);
  const topicFilter = options.topic ? { topics: { some: { topic: { slug: options.topic } } } } : {};
  const query = (where: object) =>
    db.paper.findMany({
      where: { ...topicFilter, ...where },
      orderBy: [{ trendingScore: 'desc' }, { firstSeenAt: 'desc' }],
      take: limit,
      select: {
        id: true,
        arxivId: true,
        title: true,
        summary: true,
        authors: true,
        upvotes: true,
        githubRepo: true,
        sourceUrl: true,
        firstSeenAt: true,
        topics: { orderBy: { score: 'desc' }, select: { topic: { select: { slug: true, name: true } } } },
      },
    });
  const recent = await query({ firstSeenAt: { gte: since } });
  const papers = recent.length > 0 ? recent : await query({});
  return papers.map((paper) => ({ ...paper, topics: paper.topics.map((row) => row.topic) }));
}

/** A few recent titles per topic, for the topic cards on the subscribe page. */
export async function exampleTitlesByTopic(db: Db, perTopic = 3): Promise<Map<string, string[]>> {
  const rows = await db.$queryRaw<Array<{ slug: string; title: string }>>`
    SELECT slug, title FROM (
      SELECT t.slug, p.title, row_number() OVER (PARTITION BY t.id ORDER BY p.first_seen_at DESC, pt.score DESC) AS n
      FROM paper_topics pt JOIN topics t ON t.id = pt.topic_id JOIN papers p ON p.id = pt.paper_id
    ) ranked WHERE n <= ${perTopic}`;
  const byTopic = new Map<string, string[]>();
  for (const row of rows) byTopic.set(row.slug, [...(byTopic.get(row.slug) ?? []), row.title]);
  return byTopic;
}
