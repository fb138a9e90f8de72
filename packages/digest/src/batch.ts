import type { Db } from '@paperboy/db';
import type { DigestPaper } from '@paperboy/mail';
import { describeReasons, loadPapers, toDigestPaper } from './compose.ts';
import { type SelectedPaper, selectPapers } from './select.ts';
import { loadBatchTopics } from './topics.ts';

/** What every delivery of one batch draws on, read from Postgres once for the whole batch. */
export interface DigestBatch {
  selection: Map<string, SelectedPaper[]>;
  topicsOf(subscriberId: string): string[];
  /** A selected paper as the email shows it; undefined if the paper is gone. */
  digestPaper(selected: SelectedPaper): DigestPaper | undefined;
}

/**
 * Three queries per batch (selection, topics, then the selected papers) instead of a paper query
 * per delivery; each paper's summary is cut once per batch, not once per reader.
 */
export async function loadDigestBatch(db: Db, deliveryIds: string[]): Promise<DigestBatch> {
  const [selection, topics] = await Promise.all([selectPapers(db, deliveryIds), loadBatchTopics(db, deliveryIds)]);
  const paperIds = new Set([...selection.values()].flatMap((papers) => papers.map((paper) => paper.paperId)));
  const papers = new Map((await loadPapers(db, [...paperIds])).map((row) => [row.id, toDigestPaper(row, [])]));
  return {
    selection,
    topicsOf: topics.forSubscriber,
    digestPaper(selected) {
      const paper = papers.get(selected.paperId);
      return paper && { ...paper, reasons: describeReasons(selected.reasons, topics.names) };
    },
  };
}
