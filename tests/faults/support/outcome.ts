import type { Db } from '@paperboy/db';
import type { FaultySmtp } from './smtp-server.ts';
import { waitFor } from './wait.ts';

/** What happened to one digest run, per reader: the database's record against the server's. */
export interface DeliveryOutcome {
  readers: number;
  sent: number;
  /** Recorded `unknown`; of those, `unknownReceived` did reach the server. */
  unknown: number;
  unknownReceived: number;
  failed: number;
  /** Recorded `skipped`: nothing new to send, or the reader left before the send. */
  skipped: number;
  /** Readers the server received more than one digest for. */
  duplicates: number;
  /** Readers recorded as sent whom the server never got a digest for, or with no final record at all. */
  lost: number;
}

const OPEN = ['pending', 'sending'] as const;

/** Resolves once every reader has a delivery and none of theirs is pending or sending. */
export async function waitForSettled(db: Db, readers: string[], timeoutMs: number): Promise<void> {
  const ofReaders = { subscriber: { emailKey: { in: readers } } };
  const count = async () => {
    const [total, open] = await Promise.all([
      db.delivery.count({ where: ofReaders }),
      db.delivery.count({ where: { ...ofReaders, status: { in: [...OPEN] } } }),
    ]);
    return { total, open };
  };
  await waitFor(
    async () => {
      const { total, open } = await count();
      return total >= readers.length && open === 0 ? true : undefined;
    },
    timeoutMs,
    async () => `deliveries not settled: ${JSON.stringify(await count())} of ${readers.length} readers`,
  );
}

export async function tallyOutcome(db: Db, smtp: FaultySmtp, readers: string[]): Promise<DeliveryOutcome> {
  const rows = await db.delivery.findMany({ select: { status: true, subscriber: { select: { email: true } } } });
  const status = new Map(rows.map((row) => [row.subscriber.email, row.status]));
  const count = (wanted: string, received?: (n: number) => boolean) =>
    readers.filter((email) => status.get(email) === wanted && (!received || received(smtp.receivedBy(email)))).length;
  return {
    readers: readers.length,
    sent: count('sent'),
    unknown: count('unknown'),
    unknownReceived: count('unknown', (n) => n > 0),
    failed: count('failed'),
    skipped: count('skipped'),
    duplicates: readers.filter((email) => smtp.receivedBy(email) > 1).length,
    lost:
      count('sent', (n) => n === 0) +
      readers.filter((email) => !['sent', 'unknown', 'failed', 'skipped'].includes(status.get(email) ?? '')).length,
  };
}

/** One line per scenario in the test output: the numbers docs/RELIABILITY.md reports. */
export function reportOutcome(scenario: string, outcome: object): void {
  console.log(`[faults] ${scenario}: ${JSON.stringify(outcome)}`);
}
