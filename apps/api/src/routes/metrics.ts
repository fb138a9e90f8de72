import { Hono } from 'hono';
import type { ApiServices } from '../services.ts';

/** Prometheus scrapes this process's registry (requests, latency, process metrics). */
export function metricsRoutes(services: ApiServices) {
  return new Hono().get('/metrics', async (c) => {
    const { registry } = services.metrics;
    return c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' });
  });
}
