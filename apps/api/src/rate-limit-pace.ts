import { setTimeout as sleep } from 'node:timers/promises';
import type { MiddlewareHandler } from 'hono';

/**
 * Holds each answer until `minMs` after the request arrived. The work behind a subscribe differs
 * (a new or pending address writes rows, a confirmed or erased one does not), and the time it
 * takes would otherwise tell an observer what the identical body hides.
 */
export function paceResponses(minMs: number): MiddlewareHandler {
  return async (_c, next) => {
    const started = performance.now();
    await next();
    const left = minMs - (performance.now() - started);
    if (left > 0) await sleep(left);
  };
}
