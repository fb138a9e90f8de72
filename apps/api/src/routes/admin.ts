import { zValidator } from '@hono/zod-validator';
import { dryRunDigest, runDigestNow } from '@paperboy/digest';
import { fieldErrors } from '@paperboy/subscriptions';
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { z } from 'zod';
import { limitAdminFailures } from '../rate-limit.ts';
import type { ApiServices } from '../services.ts';

export const runBody = z.object({
  date: z.iso.date().optional(),
  dryRun: z.boolean().default(false),
});

/** Operator endpoints, behind `Authorization: Bearer <ADMIN_TOKEN>` (disabled when unset). */
export function adminRoutes(services: ApiServices) {
  const app = new Hono();
  const token = services.config.adminToken;
  if (!token) return app.all('*', (c) => c.json({ error: 'admin_disabled', message: 'Set ADMIN_TOKEN to enable the admin API' }, 403));
  app.use('*', limitAdminFailures(services));
  app.use(
    '*',
    bearerAuth({
      token,
      noAuthenticationHeader: { message: { error: 'unauthorized' } },
      invalidToken: { message: { error: 'unauthorized' } },
    }),
  );
  return app.post(
    '/digests/run',
    zValidator('json', runBody, (result, c) => {
      if (!result.success) return c.json({ error: 'invalid_request', fields: fieldErrors(result.error) }, 400);
    }),
    async (c) => {
      const { date, dryRun } = c.req.valid('json');
      if (dryRun) return c.json({ dryRun: true, digests: await dryRunDigest(services.db, { date }) });
      const result = await runDigestNow(services, { date });
      return c.json({ dryRun: false, ...result }, 202);
    },
  );
}
