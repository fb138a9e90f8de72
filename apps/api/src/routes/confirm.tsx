import { confirmSubscription, linkFor, readToken, subscriberStatus } from '@paperboy/subscriptions';
import { Hono } from 'hono';
import { clientIp } from '../request-context.ts';
import type { ApiServices } from '../services.ts';
import { ConfirmedPage, ConfirmPage } from '../views/confirm-page.tsx';
import { InvalidLinkPage } from '../views/layout.tsx';

export function confirmRoutes(services: ApiServices) {
  const subscriberFor = (token: string) => readToken(services.config, 'confirm', token);
  return new Hono()
    .get('/:token', async (c) => {
      const subscriberId = subscriberFor(c.req.param('token'));
      const status = subscriberId ? await subscriberStatus(services.db, subscriberId) : null;
      // Only a pending subscription can be confirmed; a confirmed one just says so (a second click).
      if (subscriberId && status === 'confirmed')
        return c.html(<ConfirmedPage preferencesUrl={linkFor(services.config, 'preferences', subscriberId)} />);
      if (status !== 'pending') return c.html(<InvalidLinkPage />, 404);
      return c.html(<ConfirmPage action={`/confirm/${c.req.param('token')}`} />);
    })
    .post('/:token', async (c) => {
      const subscriberId = subscriberFor(c.req.param('token'));
      if (!subscriberId || !(await confirmSubscription(services.db, subscriberId, { ip: clientIp(c) }))) {
        return c.html(<InvalidLinkPage />, 404);
      }
      return c.html(<ConfirmedPage preferencesUrl={linkFor(services.config, 'preferences', subscriberId)} />);
    });
}
