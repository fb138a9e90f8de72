import { checkReadiness } from '@paperboy/observability';
import { Hono } from 'hono';
import type { ApiServices } from '../services.ts';

/** Readiness, next to /healthz: a load balancer sends traffic here only once this answers 200. */
export function readinessRoutes(services: ApiServices) {
  return new Hono().get('/readyz', async (c) => {
    c.header('Cache-Control', 'no-store');
    const { ready, checks, reasons, errors } = await checkReadiness({ db: services.db, redis: services.queue.redis });
    if (ready) return c.json({ status: 'ready', checks });
    services.logger.warn({ reasons, errors }, 'not ready');
    // For a client calling by hand: the checks take at most a few seconds to change their verdict.
    c.header('Retry-After', '5');
    return c.json({ status: 'unavailable', checks, reasons }, 503);
  });
}
