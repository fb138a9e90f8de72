import { useDatabaseWithTopics } from '@paperboy/testing';
import { describe, expect, it } from 'vitest';
import { storePapers } from '../ingest/index.ts';
import type { PaperInput } from '../sources/index.ts';
import { defaultTextModel } from './default-model.ts';
import { countPapersToEmbed, embedPendingPapers } from './embed-papers.ts';
import { findRelatedPapers } from './related-papers.ts';
import type { TextModel } from './text-model.ts';

const database = useDatabaseWithTopics();

const paper = (arxivId: string, title: string, summary: string): PaperInput => ({ arxivId, title, summary, source: 'huggingface' });
const speakers = paper(
  '2612.00001',
  'Untangling overlapping speakers in single-microphone recordings',
  'We separate the voices of several talkers who speak at the same time in a single-channel mixture, so that each speaker can be transcribed by a speech recognizer even in noisy rooms.',
);
const cocktail = paper(
  '2612.00002',
  'Target speaker extraction for hearing aids in cocktail-party noise',
  'A lightweight network extracts the voice of one speaker from a mixture of competing talkers and background noise, running in real time on a hearing aid with low latency.',
);
const detection = paper(
  '2612.00003',
  'Open-vocabulary object detection with region-text alignment',
  'We train an object detector that recognises categories never seen in training by aligning image regions with text embeddings, improving detection and segmentation on COCO and LVIS.',
);

async function topicsOf(arxivId: string) {
  const rows = await database.db.paperTopic.findMany({
    where: { paper: { arxivId } },
    include: { topic: true },
    orderBy: { score: 'desc' },
  });
  return rows.map((row) => ({ slug: row.topic.slug, score: row.score }));
}

const modelOfVectors = async () => (await database.db.paperVector.findMany({ select: { model: true } })).map((row) => row.model);

describe('paper vectors', () => {
  it('gives every stored paper a vector of the current model, and topics from it instead of the rules', async () => {
    await storePapers(database.db, [speakers, cocktail, detection]);
    expect(await countPapersToEmbed(database.db)).toBe(3);
    const ruleTopics = await topicsOf(speakers.arxivId as string);

    expect(await embedPendingPapers(database.db)).toEqual({ embedded: 3 });
    expect(await countPapersToEmbed(database.db)).toBe(0);
    expect(await modelOfVectors()).toEqual(Array(3).fill(defaultTextModel().id));
    const semantic = await topicsOf(speakers.arxivId as string);
    expect(semantic[0]?.slug).toBe('audio');
    // Probabilities, where the rules gave summed phrase weights: the vectors decided.
    expect(semantic.every((topic) => topic.score > 0 && topic.score <= 1)).toBe(true);
    expect(semantic).not.toEqual(ruleTopics);
    expect((await topicsOf(detection.arxivId as string))[0]?.slug).toBe('vision');
  });

  it('embeds a paper again when a re-ingest changes its text, and not when only its upvotes change', async () => {
    await storePapers(database.db, [speakers]);
    await embedPendingPapers(database.db);
    await storePapers(database.db, [{ ...speakers, upvotes: 40 }]);
    expect(await countPapersToEmbed(database.db)).toBe(0);
    await storePapers(database.db, [{ ...speakers, summary: `${speakers.summary} We also release a benchmark of meeting recordings.` }]);
    expect(await countPapersToEmbed(database.db)).toBe(1);
    expect(await embedPendingPapers(database.db)).toEqual({ embedded: 1 });
  });

  it('recomputes every vector when the text model changes, never mixing two models', async () => {
    await storePapers(database.db, [speakers, cocktail, detection]);
    await embedPendingPapers(database.db);
    const shipped = defaultTextModel();
    const next: TextModel = { ...shipped, id: `${shipped.id}-next` };
    expect(await countPapersToEmbed(database.db, next)).toBe(3);
    expect(await embedPendingPapers(database.db, { textModel: next })).toEqual({ embedded: 3 });
    expect(await modelOfVectors()).toEqual(Array(3).fill(next.id));
    // Vectors of another model are not compared with the shipped model's.
    const speakerId = (await database.db.paper.findFirstOrThrow({ where: { arxivId: speakers.arxivId } })).id;
    expect((await findRelatedPapers(database.db, [speakerId])).size).toBe(0);
  });

  it("assigns an operator's new topic that has only a name and a description", async () => {
    await database.db.topic.create({
      data: {
        slug: 'speech-separation',
        name: 'Speech separation',
        description: 'Separating overlapping speakers and extracting a target voice from a mixture of talkers and noise.',
        position: 99,
      },
    });
    await storePapers(database.db, [speakers, cocktail, detection]);
    expect((await topicsOf(speakers.arxivId as string)).map((topic) => topic.slug)).not.toContain('speech-separation');
    await embedPendingPapers(database.db);
    expect((await topicsOf(speakers.arxivId as string)).map((topic) => topic.slug)).toContain('speech-separation');
    expect((await topicsOf(cocktail.arxivId as string)).map((topic) => topic.slug)).toContain('speech-separation');
    expect((await topicsOf(detection.arxivId as string)).map((topic) => topic.slug)).not.toContain('speech-separation');
  });

  it('finds the most similar recent papers for a page in one pass, most similar first', async () => {
    await storePapers(database.db, [speakers, cocktail, detection]);
    await embedPendingPapers(database.db);
    const ids = new Map((await database.db.paper.findMany()).map((row) => [row.arxivId, row.id]));
    const related = await findRelatedPapers(database.db, [ids.get('2612.00001') as string, ids.get('2612.00003') as string]);
    expect(related.get(ids.get('2612.00001') as string)?.[0]?.title).toBe(cocktail.title);
    expect(related.get(ids.get('2612.00001') as string)?.map((entry) => entry.title)).not.toContain(detection.title);
    expect(related.get(ids.get('2612.00003') as string)).toEqual([]);
  });
});
