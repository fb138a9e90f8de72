import { listTopics } from '@paperboy/subscriptions';
import { Hono } from 'hono';
import type { ApiServices } from '../services.ts';

export function topicRoutes(services: ApiServices) {
  return new Hono().get('/', async (c) => {
    const topics = await listTopics(services.db);
    return c.json({ topics: topics.map(({ slug, name, description }) => ({ slug, name, description })) });
  });
}
