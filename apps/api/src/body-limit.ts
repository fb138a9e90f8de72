import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Hono's bodyLimit without its cost on the common path. bodyLimit first reads `c.req.raw.body`,
 * which makes @hono/node-server build a full web Request over the socket stream for every request
 * instead of reading the body directly: about half of the API's CPU per subscribe (0.31 → 0.16 ms). A GET or
 * HEAD carries no body, and a declared Content-Length without Transfer-Encoding is judged from the
 * header, as bodyLimit itself does; any other request goes through bodyLimit, which counts the
 * bytes as they come.
 */
export function limitBodySize(maxSize: number, onError: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  const counting = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return counting(c, next);
    return Number.parseInt(length, 10) > maxSize ? onError(c) : next();
  };
}
