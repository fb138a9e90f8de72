import type { Db } from '@paperboy/db';
import { type PaperInput, storePapers } from '@paperboy/papers';

/** Papers every audio subscriber is due: a digest always has something to say. */
const PAPERS: PaperInput[] = [1, 2, 3].map((n) => ({
  arxivId: `2611.0900${n}`,
  title: `Speech separation under fire, part ${n}: separating overlapping speakers in noisy speech recordings`,
  summary: `We study single-channel speech separation and source separation of overlapping speakers for automatic speech recognition. Our audio model improves speech enhancement. Part ${n}.`,
  upvotes: 10 * n,
  authors: ['Ada Lovelace'],
  source: 'huggingface',
}));

export const readerAddress = (scenario: string, i: number) => `reader-${i}@${scenario}.faults.test`;

/** New papers every reader following "audio" is due. */
export async function storeAudioPapers(db: Db): Promise<void> {
  await storePapers(db, PAPERS);
}

/** `count` confirmed subscribers following "audio", due now (UTC, hour 0), and papers for them. */
export async function addDueReaders(db: Db, scenario: string, count: number): Promise<string[]> {
  await storeAudioPapers(db);
  const audio = await db.topic.findUniqueOrThrow({ where: { slug: 'audio' }, select: { id: true } });
  const emails = Array.from({ length: count }, (_, i) => readerAddress(scenario, i));
  const created = await db.subscriber.createManyAndReturn({
    data: emails.map((email) => ({ email, emailKey: email, status: 'confirmed', consentedAt: new Date(), deliveryHour: 0 })),
    select: { id: true },
  });
  await db.subscriberTopic.createMany({ data: created.map((row) => ({ subscriberId: row.id, topicId: audio.id })) });
  return emails;
}
