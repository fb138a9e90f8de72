import type { MiddlewareHandler } from 'hono';
import type { RequestIdVariables } from 'hono/request-id';
import { routePath } from 'hono/route';
import type { Logger } from '../logging/logger.ts';
import type { HttpMetrics } from '../metrics/http-metrics.ts';

/**
 * Times every request and records it once it is answered: one log line (method, route, status,
 * duration, request id) and the HTTP metrics. Runs after `requestId()` from hono/request-id.
 * The route is the matched pattern, so tokens in paths (`/confirm/<token>`) reach neither.
 */
export function observeRequests(logger: Logger, metrics: HttpMetrics): MiddlewareHandler<{ Variables: RequestIdVariables }> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    // -1: the last route that matched, i.e. the handler rather than a middleware mounted on '*'.
    const request = { method: c.req.method, route: routePath(c, -1), status: c.res.status };
    metrics.observeRequest(request, seconds);
    logger.info({ ...request, durationMs: Math.round(seconds * 1000), requestId: c.get('requestId') }, 'request');
  };
}
