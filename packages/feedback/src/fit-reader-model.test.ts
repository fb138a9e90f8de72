import { bytesToVector, embedPendingPapers, type PaperInput, predictLogistic, storePapers } from '@paperboy/papers';
import { useDatabaseWithTopics } from '@paperboy/testing';
import { describe, expect, it } from 'vitest';
import { findStaleReaderModels, refitReaderModel } from './fit-reader-model.job.ts';
import { loadRatings } from './rated-papers.ts';
import { loadReaderModels } from './reader-models.ts';

const database = useDatabaseWithTopics();

const speech = (n: number): PaperInput => ({
  arxivId: `2611.0700${n}`,
  title: `Speech enhancement for hearing aids, study ${n}`,
  summary: `A hearing aid removes background noise from speech with a small neural network, study ${n}, for listeners with hearing loss.`,
  source: 'huggingface',
});
const vision = (n: number): PaperInput => ({
  arxivId: `2611.0800${n}`,
  title: `Object detection in aerial images, study ${n}`,
  summary: `We detect vehicles and buildings in aerial images with a convolutional backbone, study ${n}, and improve mean average precision.`,
  source: 'huggingface',
});

async function setUp(seedPapers: string[] = []) {
  const { db } = database;
  await storePapers(
    db,
    [1, 2, 3, 4].flatMap((n) => [speech(n), vision(n)]),
  );
  await embedPendingPapers(db);
  const reader = await db.subscriber.create({
    data: { email: 'r@example.org', emailKey: 'r@example.org', status: 'confirmed', seedPapers },
  });
  const papers = new Map((await db.paper.findMany()).map((paper) => [paper.arxivId, paper.id]));
  const mark = (arxivId: string, verdict: 'more' | 'less') =>
    db.paperFeedback.create({ data: { subscriberId: reader.id, paperId: papers.get(arxivId) as string, verdict } });
  return { db, reader, papers, mark };
}

describe("a reader's own model", () => {
  it('is fitted from three likes (named seed papers count) and prefers papers like them', async () => {
    const { db, reader, papers, mark } = await setUp(['2611.07001']);
    await mark('2611.07002', 'more');
    expect(await refitReaderModel(db, reader.id)).toBe('hand-mix');
    await mark('2611.07003', 'more');
    await mark('2611.08001', 'less');
    expect(await refitReaderModel(db, reader.id)).toBe('fitted');
    expect(await db.readerModel.findUniqueOrThrow({ where: { subscriberId: reader.id } })).toMatchObject({ likes: 3, dislikes: 1 });

    const model = (await loadReaderModels(db, [reader.id], (await db.readerModel.findFirstOrThrow()).textModel)).get(reader.id);
    const vectors = await db.paperVector.findMany({
      where: { paperId: { in: [papers.get('2611.07004') ?? '', papers.get('2611.08004') ?? ''] } },
    });
    const score = (arxivId: string) => {
      const row = vectors.find((vector) => vector.paperId === papers.get(arxivId));
      return model && row ? predictLogistic(model, bytesToVector(row.vector)) : Number.NaN;
    };
    // An unseen speech paper scores above an unseen vision paper.
    expect(score('2611.07004')).toBeGreaterThan(score('2611.08004'));
  });

  it('counts a verdict given in an email over the same paper named as a seed', async () => {
    const { db, reader, mark } = await setUp(['2611.08002']);
    await mark('2611.08002', 'less');
    const textModel = (await db.paperVector.findFirstOrThrow()).model;
    const ratings = (await loadRatings(db, [reader.id], textModel)).get(reader.id);
    expect(ratings?.liked).toEqual([]);
    expect(ratings?.disliked.map((paper) => paper.title)).toEqual([vision(2).title]);
  });

  it('is found out of date by the sweep when feedback changed after it was fitted, and dropped below three likes', async () => {
    const { db, reader, mark } = await setUp();
    const textModel = (await db.paperVector.findFirstOrThrow()).model;
    for (const n of [1, 2, 3]) await mark(`2611.0700${n}`, 'more');
    expect(await findStaleReaderModels(db, textModel)).toEqual([reader.id]);
    await refitReaderModel(db, reader.id);
    expect(await findStaleReaderModels(db, textModel)).toEqual([]);

    await mark('2611.08003', 'less');
    expect(await findStaleReaderModels(db, textModel)).toEqual([reader.id]);
    await refitReaderModel(db, reader.id);
    await db.paperFeedback.deleteMany({ where: { verdict: 'more', paper: { arxivId: '2611.07001' } } });
    expect(await findStaleReaderModels(db, textModel)).toEqual([reader.id]);
    expect(await refitReaderModel(db, reader.id)).toBe('hand-mix');
    expect(await db.readerModel.count()).toBe(0);
    expect(await findStaleReaderModels(db, textModel)).toEqual([]);
  });
});
