import type { Db } from '@paperboy/db';
import { paperPageUrl } from '@paperboy/papers';
import type { QueueContext } from '@paperboy/queue';
import type { Verdict } from './feedback-links.ts';
import { requestReaderModelFit } from './fit-reader-model.job.ts';

export interface FeedbackDeps {
  db: Db;
  queue: QueueContext;
}

/** A paper as a feedback page names it, with the reader's verdict on it (null when they gave none). */
export interface RatedPaperView {
  paperId: string;
  title: string;
  url: string;
  verdict: Verdict | null;
}

/** The paper a feedback link is about and what the reader said of it; null once the reader or the paper is gone. */
export async function findFeedback(db: Db, subscriberId: string, paperId: string): Promise<RatedPaperView | null> {
  const [row] = await db.$queryRaw<Array<{ title: string; arxiv_id: string | null; source_url: string | null; verdict: Verdict | null }>>`
    SELECT p.title, p.arxiv_id, p.source_url, f.verdict::text AS verdict
    FROM subscribers s
    JOIN papers p ON p.id = ${paperId}::uuid
    LEFT JOIN paper_feedback f ON f.subscriber_id = s.id AND f.paper_id = p.id
    WHERE s.id = ${subscriberId}::uuid`;
  return row ? toView(paperId, row) : null;
}

/**
 * Records "more" or "less" like this paper (the other verdict, if given before, is replaced) and
 * asks the worker to refit the reader's model. False when the reader or the paper is gone.
 */
export async function recordFeedback(deps: FeedbackDeps, subscriberId: string, paperId: string, verdict: Verdict): Promise<boolean> {
  const changed = await deps.db.$executeRaw`
    INSERT INTO paper_feedback (subscriber_id, paper_id, verdict)
    SELECT s.id, p.id, ${verdict}::"FeedbackVerdict" FROM subscribers s, papers p
    WHERE s.id = ${subscriberId}::uuid AND p.id = ${paperId}::uuid
    ON CONFLICT (subscriber_id, paper_id) DO UPDATE SET verdict = EXCLUDED.verdict, created_at = now()`;
  if (changed > 0) await requestReaderModelFit(deps.queue, subscriberId);
  return changed > 0;
}

/** Forgets what the reader said of the paper (undo, or "remove" on the preferences page). */
export async function forgetFeedback(deps: FeedbackDeps, subscriberId: string, paperId: string): Promise<boolean> {
  const removed = await deps.db.paperFeedback.deleteMany({ where: { subscriberId, paperId } });
  if (removed.count > 0) await requestReaderModelFit(deps.queue, subscriberId);
  return removed.count > 0;
}

/** What the reader liked and disliked, newest first, for their preferences page. */
export async function listFeedback(db: Db, subscriberId: string): Promise<RatedPaperView[]> {
  const rows = await db.paperFeedback.findMany({
    where: { subscriberId },
    orderBy: [{ createdAt: 'desc' }, { paperId: 'asc' }],
    select: { paperId: true, verdict: true, paper: { select: { title: true, arxivId: true, sourceUrl: true } } },
  });
  return rows.map((row) =>
    toView(row.paperId, { title: row.paper.title, arxiv_id: row.paper.arxivId, source_url: row.paper.sourceUrl, verdict: row.verdict }),
  );
}

function toView(
  paperId: string,
  row: { title: string; arxiv_id: string | null; source_url: string | null; verdict: Verdict | null },
): RatedPaperView {
  return {
    paperId,
    title: row.title,
    url: paperPageUrl({ arxivId: row.arxiv_id, sourceUrl: row.source_url, title: row.title }),
    verdict: row.verdict,
  };
}
