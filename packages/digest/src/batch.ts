import type { Db } from '@paperboy/db';
import { type CatalogDigestPaper, describeReasons, loadPapers, toDigestPaper } from './compose.ts';
import { type SelectedPaper, selectForBatch } from './select.ts';
import { loadTopicNames } from './topics.ts';

/** What every delivery of one batch draws on, read from Postgres once for the whole batch. */
export interface DigestBatch {
  selection: Map<string, SelectedPaper[]>;
  /** The names of the topics the delivery's subscriber follows. */
  topicsOf(deliveryId: string): string[];
  /** A selected paper as the email shows it; undefined if the paper is gone. */
  digestPaper(selected: SelectedPaper): CatalogDigestPaper | undefined;
}

/**
 * The selection's reads (which also bring each reader's topics), the topic names, then the selected
 * papers: a few queries per batch instead of any per delivery; each paper's summary is cut once per
 * batch, not once per reader.
 */
export async function loadDigestBatch(db: Db, deliveryIds: string[]): Promise<DigestBatch> {
  const [selection, topics] = await Promise.all([selectForBatch(db, deliveryIds), loadTopicNames(db)]);
  const paperIds = new Set([...selection.papers.values()].flatMap((papers) => papers.map((paper) => paper.paperId)));
  const papers = new Map((await loadPapers(db, [...paperIds])).map((row) => [row.id, toDigestPaper(row, [])]));
  return {
    selection: selection.papers,
    topicsOf: (deliveryId) => selection.topicIdsOf(deliveryId).map((id) => topics.byId.get(id) ?? ''),
    digestPaper(selected) {
      const paper = papers.get(selected.paperId);
      return paper && { ...paper, reasons: describeReasons(selected.reasons, topics.bySlug) };
    },
  };
}
