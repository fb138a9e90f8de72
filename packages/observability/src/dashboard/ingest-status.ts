import type { Db } from '@paperboy/db';

export interface IngestStatus {
  source: string;
  target: string;
  status: string;
  created: number;
  updated: number;
  rejected: number;
  startedAt: Date;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

/** Per source: its newest run, when it last succeeded, and its newest error. */
export function ingestStatus(db: Db) {
  return db.$queryRaw<IngestStatus[]>`
    SELECT DISTINCT ON (r.source) r.source, r.target, r.status, r.created, r.updated, r.rejected, r.started_at AS "startedAt",
      (SELECT max(s.finished_at) FROM ingest_runs s WHERE s.source = r.source AND s.status = 'succeeded') AS "lastSuccessAt",
      f.error AS "lastError", f.finished_at AS "lastErrorAt"
    FROM ingest_runs r
    LEFT JOIN LATERAL (
      SELECT error, finished_at FROM ingest_runs e WHERE e.source = r.source AND e.status = 'failed' ORDER BY e.started_at DESC LIMIT 1
    ) f ON true
    ORDER BY r.source, r.started_at DESC`;
}
