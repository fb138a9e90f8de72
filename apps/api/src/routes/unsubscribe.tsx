import { linkFor, readToken, unsubscribe } from '@paperboy/subscriptions';
import { Hono } from 'hono';
import type { ApiServices } from '../services.ts';
import { InvalidLinkPage } from '../views/layout.tsx';
import { UnsubscribedPage, UnsubscribePage } from '../views/unsubscribe-page.tsx';

/**
 * RFC 8058: mail clients POST `List-Unsubscribe=One-Click` with no cookies and expect a 2xx. The
 * usual urlencoded body is read as text: on @hono/node-server that is a fast path, where
 * `formData()` first builds a whole web Request.
 */
async function isOneClick(request: Request): Promise<boolean> {
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return new URLSearchParams(await request.text().catch(() => '')).get('List-Unsubscribe') === 'One-Click';
  }
  if (!type.startsWith('multipart/form-data')) return false;
  const form = await request.formData().catch(() => null);
  return form?.get('List-Unsubscribe') === 'One-Click';
}

export function unsubscribeRoutes(services: ApiServices) {
  const subscriberFor = (token: string) => readToken(services.config, 'unsubscribe', token);
  return new Hono()
    .get('/:token', (c) => {
      const subscriberId = subscriberFor(c.req.param('token'));
      if (!subscriberId) return c.html(<InvalidLinkPage />, 404);
      const preferencesUrl = linkFor(services.config, 'preferences', subscriberId);
      return c.html(<UnsubscribePage action={`/unsubscribe/${c.req.param('token')}`} preferencesUrl={preferencesUrl} />);
    })
    .post('/:token', async (c) => {
      const subscriberId = subscriberFor(c.req.param('token'));
      if (!subscriberId) return c.html(<InvalidLinkPage />, 404);
      await unsubscribe(services.db, subscriberId, (await isOneClick(c.req.raw)) ? 'one-click' : 'link');
      return c.html(<UnsubscribedPage preferencesUrl={linkFor(services.config, 'preferences', subscriberId)} />);
    });
}
