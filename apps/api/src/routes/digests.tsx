import { renderDeliveredDigest } from '@paperboy/digest';
import { readToken } from '@paperboy/subscriptions';
import { Hono } from 'hono';
import type { ApiServices } from '../services.ts';
import { InvalidLinkPage } from '../views/layout.tsx';

/** "View in browser": the digest as it was emailed, with the related papers the email leaves out. */
export function digestRoutes(services: ApiServices) {
  return new Hono().get('/:token', async (c) => {
    const deliveryId = readToken(services.config, 'digest', c.req.param('token'));
    const html = deliveryId ? await renderDeliveredDigest(services, deliveryId) : null;
    if (!html) return c.html(<InvalidLinkPage />, 404);
    // The email's own inline styles are its design; only this page allows them.
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
    return c.html(html);
  });
}
