import { createDb } from '@paperboy/db';
import { afterAll, describe, expect, it } from 'vitest';
import { resetDatabase } from './database.ts';

describe('resetDatabase', () => {
  const db = createDb(process.env.DATABASE_URL ?? '', { max: 1 });
  afterAll(() => db.$disconnect());

  it('empties the tables and restarts their ids, keeping the migrations record', async () => {
    const topic = { slug: 'ml', name: 'Machine learning', description: 'Learning from data' };
    await db.topic.create({ data: topic });
    await resetDatabase(db);
    expect(await db.topic.count()).toBe(0);
    expect((await db.topic.create({ data: topic })).id).toBe(1);
    const [{ count }] = await db.$queryRaw<[{ count: bigint }]>`SELECT count(*) FROM _prisma_migrations`;
    expect(count).toBeGreaterThan(0n);
  });
});
