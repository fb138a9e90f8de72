import type { MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';

/**
 * Form posts must come from our own pages (Origin or Sec-Fetch-Site), except the RFC 8058
 * one-click unsubscribe, which mail clients send without cookies or Origin; that route is
 * protected by its signed token and only ever unsubscribes.
 */
export function protectForms(publicUrl: string): MiddlewareHandler {
  const publicOrigin = new URL(publicUrl).origin;
  const check = csrf({ origin: (origin, c) => origin === publicOrigin || origin === new URL(c.req.url).origin });
  return async (c, next) => {
    if (c.req.method === 'POST' && /^\/unsubscribe\/[^/]+$/.test(c.req.path)) return next();
    return check(c, next);
  };
}
