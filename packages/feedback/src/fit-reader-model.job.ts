import { type Db, Prisma } from '@paperboy/db';
import { bytesToVector, defaultTextModel, type TextModel } from '@paperboy/papers';
import { defineJob, enqueue, type QueueContext, scheduleEvery } from '@paperboy/queue';
import { fitReaderModel, MIN_LIKES } from '@paperboy/ranking';
import { z } from 'zod';
import { loadRatings, ratedPapersQuery } from './rated-papers.ts';
import { dropReaderModel, saveReaderModel } from './reader-models.ts';

/**
 * "Refit this reader's model" (or, without a reader, "refit every model that is out of date").
 * Feedback only asks for it: the fit runs here in the worker, never on the request path.
 */
export const fitReaderModelJob = defineJob({
  queue: 'fit-reader-model',
  schema: z.object({ subscriberId: z.uuid().optional() }).default({}),
  // The feedback is safe in Postgres whatever happens here: a failed fit only leaves the previous
  // model (or the hand mix) in use until a retry or the scheduled sweep catches up.
  options: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: 100, removeOnFail: 500 },
  concurrency: 1,
});

const SWEEP_EVERY_MS = 10 * 60_000;
/** Enough recent papers to say what an ordinary paper looks like (fitReaderModel samples 300). */
const UNSEEN_PAPERS = 400;
const SWEEP_BATCH = 500;

/**
 * Asks for a refit a second from now. Clicks in the same second share one job, which runs after
 * the last of them, so it sees every click.
 */
export async function requestReaderModelFit(queue: QueueContext, subscriberId: string): Promise<void> {
  await enqueue(
    queue,
    fitReaderModelJob,
    { subscriberId },
    { jobId: `fit-${subscriberId}-${Math.floor(Date.now() / 1000)}`, delay: 1_000 },
  );
}

/** Registers the sweep that catches what a lost request missed (and a new text model), and runs one now. */
export async function scheduleReaderModelSweeps(queue: QueueContext, everyMs = SWEEP_EVERY_MS): Promise<void> {
  await scheduleEvery(queue, fitReaderModelJob, everyMs);
  await enqueue(queue, fitReaderModelJob, {});
}

export async function runReaderModelJob(db: Db, payload: { subscriberId?: string }, textModel = defaultTextModel()): Promise<number> {
  const ids = payload.subscriberId ? [payload.subscriberId] : await findStaleReaderModels(db, textModel.id);
  for (const id of ids) await refitReaderModel(db, id, textModel);
  return ids.length;
}

/**
 * Fits the reader's own model from their likes, dislikes and interests against recent papers they
 * never rated, or drops it when they have fewer than MIN_LIKES likes (the hand mix ranks then).
 */
export async function refitReaderModel(
  db: Db,
  subscriberId: string,
  textModel: TextModel = defaultTextModel(),
): Promise<'fitted' | 'hand-mix'> {
  const ratings = (await loadRatings(db, [subscriberId], textModel.id)).get(subscriberId) ?? { liked: [], disliked: [] };
  if (ratings.liked.length < MIN_LIKES) {
    await dropReaderModel(db, subscriberId);
    return 'hand-mix';
  }
  const subscriber = await db.subscriber.findUnique({ where: { id: subscriberId }, select: { interests: true } });
  if (!subscriber) return 'hand-mix';
  const rated = [...ratings.liked, ...ratings.disliked].map((paper) => paper.id);
  const profile = {
    interests: subscriber.interests ? textModel.embed(subscriber.interests) : null,
    interestsText: subscriber.interests || null,
    ...ratings,
    authors: [],
    topicSlugs: [],
  };
  const model = fitReaderModel(profile, await recentVectors(db, textModel.id, rated));
  await saveReaderModel(db, subscriberId, {
    textModelId: textModel.id,
    model,
    likes: ratings.liked.length,
    dislikes: ratings.disliked.length,
  });
  return 'fitted';
}

async function recentVectors(db: Db, textModelId: string, exclude: string[]): Promise<Float32Array[]> {
  const rows = await db.$queryRaw<Array<{ vector: Uint8Array }>>`
    SELECT v.vector FROM papers p JOIN paper_vectors v ON v.paper_id = p.id AND v.model = ${textModelId}
    WHERE p.id <> ALL(${exclude}::uuid[])
    ORDER BY p.first_seen_at DESC, p.id LIMIT ${UNSEEN_PAPERS}`;
  return rows.map((row) => bytesToVector(row.vector));
}

/**
 * Readers whose model does not match what they said: enough likes and no model (or one fitted on
 * another text model, or before their newest verdict, or on other counts), or a model but too few
 * likes left. Compared through the same rated papers the fit reads.
 */
export async function findStaleReaderModels(db: Db, textModelId: string): Promise<string[]> {
  const raters = Prisma.sql`SELECT subscriber_id FROM paper_feedback UNION SELECT id FROM subscribers WHERE cardinality(seed_papers) > 0`;
  const rows = await db.$queryRaw<Array<{ subscriber_id: string }>>`
    WITH rated AS (${ratedPapersQuery(raters, textModelId)}),
    counts AS (
      SELECT subscriber_id::uuid, count(*) FILTER (WHERE liked) AS likes, count(*) FILTER (WHERE NOT liked) AS dislikes, max(rated_at) AS newest
      FROM rated GROUP BY subscriber_id
    )
    SELECT coalesce(c.subscriber_id, m.subscriber_id)::text AS subscriber_id
    FROM counts c FULL JOIN reader_models m ON m.subscriber_id = c.subscriber_id
    WHERE (coalesce(c.likes, 0) >= ${MIN_LIKES}) <> (m.subscriber_id IS NOT NULL)
       OR (c.likes >= ${MIN_LIKES} AND (m.text_model <> ${textModelId} OR m.likes <> c.likes OR m.dislikes <> c.dislikes OR c.newest > m.fitted_at))
    LIMIT ${SWEEP_BATCH}`;
  return rows.map((row) => row.subscriber_id);
}
