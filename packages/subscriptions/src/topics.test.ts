import { createDb } from '@paperboy/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from './input.ts';
import { createTopicCache } from './topics.ts';

const db = createDb(process.env.DATABASE_URL ?? '', { max: 2 });
const addTopic = (slug: string) => db.topic.create({ data: { slug, name: slug, description: slug }, select: { id: true } });
beforeAll(() => db.topic.deleteMany());
afterAll(async () => {
  await db.topic.deleteMany();
  await db.$disconnect();
});

describe('the topic cache', () => {
  it('resolves slugs to ids, names unknown ones, sees new topics after a second and removed ones after 30 s', async () => {
    let now = 0;
    const cache = createTopicCache(db, () => now);
    const audio = await addTopic('audio');
    expect(await cache.resolve(['audio'])).toEqual([audio.id]);
    await expect(cache.resolve(['audio', 'astrology'])).rejects.toEqual(new InputError({ topics: 'Unknown topic: astrology' }));

    // A topic imported a moment ago: the table is re-read for it, but at most once a second, so a
    // flood of made-up topics costs one query a second.
    const vision = await addTopic('vision');
    now = 500;
    await expect(cache.resolve(['vision'])).rejects.toBeInstanceOf(InputError);
    now = 1_600;
    expect(await cache.resolve(['vision', 'audio'])).toEqual([vision.id, audio.id]);

    await db.topic.delete({ where: { id: audio.id } });
    now = 20_000;
    expect(await cache.resolve(['audio'])).toEqual([audio.id]);
    now = 32_000;
    await expect(cache.resolve(['audio'])).rejects.toEqual(new InputError({ topics: 'Unknown topic: audio' }));
  });
});
