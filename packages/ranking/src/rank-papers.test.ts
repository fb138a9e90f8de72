import { describe, expect, it } from 'vitest';
import type { Candidate } from './candidate.ts';
import { MIN_LIKES, rankPapers } from './rank-papers.ts';
import type { ReaderProfile } from './reader-profile.ts';

/** A unit vector from its components: a tiny stand-in for the 256-dimensional paper vectors. */
function unit(...components: number[]): Float32Array {
  const norm = Math.hypot(...components);
  return Float32Array.from(components, (value) => value / norm);
}

const NOBODY: ReaderProfile = { interests: null, interestsText: null, liked: [], disliked: [], authors: [], topicSlugs: [] };

function candidate(id: string, fields: Partial<Candidate> = {}): Candidate {
  return { id, title: `Paper ${id}`, vector: null, authors: [], topicSlugs: [], trending: 0, ...fields };
}

const ids = (ranked: Array<{ id: string }>) => ranked.map((paper) => paper.id);

describe('rankPapers', () => {
  it('puts a paper close to a liked one above an unrelated, far more trending one, and names the liked paper', () => {
    const reader = { ...NOBODY, liked: [{ id: 'l', title: 'Speech separation with diffusion', vector: unit(1, 0, 0, 0) }] };
    const ranked = rankPapers(reader, [
      candidate('unrelated', { vector: unit(0, 0, 1, 0), trending: 900 }),
      candidate('close', { vector: unit(0.9, 0.2, 0, 0), trending: 3 }),
    ]);
    expect(ids(ranked)).toEqual(['close', 'unrelated']);
    expect(ranked[0]?.reasons()).toEqual([{ kind: 'liked', title: 'Speech separation with diffusion' }]);
    expect(ranked[1]?.reasons()).toEqual([]);
  });

  it('sinks the neighbours of a disliked paper below an equally interesting one', () => {
    const reader = { ...NOBODY, interests: unit(1, 0, 0, 0), disliked: [{ id: 'd', title: 'Benchmarks again', vector: unit(0, 1, 0, 0) }] };
    const ranked = rankPapers(reader, [
      candidate('like-the-disliked', { vector: unit(1, 0.6, 0, 0), trending: 50 }),
      candidate('other', { vector: unit(1, 0, 0.6, 0), trending: 1 }),
    ]);
    expect(ids(ranked)).toEqual(['other', 'like-the-disliked']);
    expect(ranked[0]?.reasons()).toEqual([{ kind: 'interests' }]);
  });

  it("ranks a followed author's paper first, however unrelated and untrending, and says so", () => {
    const reader = { ...NOBODY, authors: ['Jane Doe'], liked: [{ id: 'l', title: 'Liked', vector: unit(1, 0, 0, 0) }] };
    const ranked = rankPapers(reader, [
      candidate('close', { vector: unit(1, 0.1, 0, 0), trending: 99 }),
      candidate('by-jane', { vector: unit(0, 0, 0, 1), authors: ['Ann Lee', 'jane  doe'], trending: 0 }),
    ]);
    expect(ids(ranked)).toEqual(['by-jane', 'close']);
    expect(ranked[0]?.reasons()).toEqual([{ kind: 'author', name: 'Jane Doe' }]);
  });

  it(`switches to the reader's own model at ${MIN_LIKES} likes: what sets the likes apart beats what every paper shares`, () => {
    // Every paper leans on the first direction; only the liked ones also on the second. The hand
    // mix (nearest liked paper) prefers the paper that is mostly the shared direction; the model,
    // which sees the unliked papers too, learns that the second direction is what the reader likes.
    const likes = [unit(0.8, 0.5, 0.3, 0), unit(0.8, 0.5, -0.3, 0), unit(0.8, 0.5, 0, 0.3)].map((vector, i) => ({
      id: `l${i}`,
      title: `Liked ${i}`,
      vector,
    }));
    const everyday = [unit(0.8, 0, 0.5, 0.5), unit(0.8, 0, -0.5, 0.5), unit(0.8, 0, 0.5, -0.5), unit(0.8, 0, -0.5, -0.5)];
    const candidates = [
      candidate('shared', { vector: unit(1, 0, 0, 0.1) }),
      candidate('distinctive', { vector: unit(0.3, 1, 0, 0) }),
      ...everyday.map((vector, i) => candidate(`everyday-${i}`, { vector })),
    ];
    const handMix = rankPapers({ ...NOBODY, liked: likes.slice(0, MIN_LIKES - 1) }, candidates);
    const model = rankPapers({ ...NOBODY, liked: likes }, candidates);
    expect(ids(handMix)[0]).toBe('shared');
    expect(ids(model)[0]).toBe('distinctive');
  });

  it("gives a topics-only reader today's order: papers on a followed topic first, by trending", () => {
    const reader = { ...NOBODY, topicSlugs: ['llm', 'rl'] };
    const ranked = rankPapers(reader, [
      candidate('llm', { topicSlugs: ['llm'], trending: 5 }),
      candidate('off-topic', { trending: 50 }),
      candidate('rl', { topicSlugs: ['vision', 'rl'], trending: 9, vector: unit(1, 0, 0, 0) }),
      candidate('vision', { topicSlugs: ['vision'], trending: 100 }),
      candidate('also-llm', { topicSlugs: ['llm'], trending: 5 }),
    ]);
    expect(ids(ranked)).toEqual(['rl', 'also-llm', 'llm', 'vision', 'off-topic']);
    expect(ranked[0]?.reasons()).toEqual([{ kind: 'topic', slug: 'rl' }]);
    expect(ranked[3]?.reasons()).toEqual([]);
  });
});
