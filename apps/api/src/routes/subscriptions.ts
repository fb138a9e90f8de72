import { zValidator } from '@hono/zod-validator';
import { fieldErrors, subscribe } from '@paperboy/subscriptions';
import { Hono } from 'hono';
import { z } from 'zod';
import { limitSubscribes } from '../rate-limit.ts';
import { clientIp } from '../request-context.ts';
import type { ApiServices } from '../services.ts';

// The shape is checked here; the full rules (address format, topics, time zone...) are checked by
// subscribe(), which reports each bad field the same way.
const body = z.looseObject({ email: z.unknown() });

export function subscriptionRoutes(services: ApiServices) {
  return new Hono().post(
    '/',
    limitSubscribes(services, 'json'),
    zValidator('json', body, (result, c) => {
      if (!result.success) return c.json({ error: 'invalid_request', fields: fieldErrors(result.error) }, 400);
    }),
    async (c) => {
      await subscribe(services.subscribeIntake, c.req.valid('json'), { ip: clientIp(c) });
      return c.json(
        {
          status: 'accepted',
          message: 'If the address is valid, a confirmation email is on its way. Click the link in it to start your digest.',
        },
        202,
      );
    },
  );
}
