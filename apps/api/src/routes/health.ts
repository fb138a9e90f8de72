import { Hono } from 'hono';
import type { ApiServices } from '../services.ts';

async function check(probe: () => Promise<unknown>): Promise<'ok' | 'down'> {
  try {
    await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
    return 'ok';
  } catch {
    return 'down';
  }
}

export function healthRoutes(services: ApiServices) {
  return new Hono().get('/healthz', async (c) => {
    const [postgres, redis] = await Promise.all([check(() => services.db.$queryRaw`SELECT 1`), check(() => services.queue.redis.ping())]);
    const healthy = postgres === 'ok' && redis === 'ok';
    return c.json({ status: healthy ? 'ok' : 'unavailable', postgres, redis }, healthy ? 200 : 503);
  });
}
