import { countJobsByState, listFailedJobs, loadDashboard, MONITORED_QUEUES, retryFailedJob } from '@paperboy/observability';
import { Hono, type MiddlewareHandler } from 'hono';
import { limitAdminFailures } from '../rate-limit.ts';
import type { ApiServices } from '../services.ts';
import { AdminDashboardPage } from '../views/admin-dashboard-page.tsx';
import { AdminDisabledPage, AdminLoginPage } from '../views/admin-login-page.tsx';
import { AdminQueuesPage, type QueueNotice } from '../views/admin-queues-page.tsx';
import { closeSession, isAdmin, openSession, tokenMatches } from './admin-dashboard-session.ts';

/**
 * Every other /admin page needs a bearer token or a session. A browser that has neither is sent to
 * sign in; a wrong token is a 401, which the failure limit counts.
 */
function requireAdmin(services: ApiServices, adminToken: string): MiddlewareHandler {
  return async (c, next) => {
    if (isAdmin(c, services.config, adminToken)) return next();
    if (c.req.method === 'GET' && !c.req.header('authorization')) return c.redirect('/admin/login', 303);
    return c.html(<AdminLoginPage problem="That token is not right, or your session has ended. Please sign in again." />, 401);
  };
}

async function loadQueues(services: ApiServices) {
  return Promise.all(
    MONITORED_QUEUES.map(async (name) => ({
      name,
      counts: await countJobsByState(services.queue, name),
      failed: await listFailedJobs(services.queue, name),
    })),
  );
}

function sessionRoutes(services: ApiServices, adminToken: string) {
  return new Hono()
    .get('/login', (c) => c.html(<AdminLoginPage />))
    .post('/login', async (c) => {
      const { token } = await c.req.parseBody();
      if (typeof token !== 'string' || !tokenMatches(token, adminToken)) {
        services.logger.warn({ requestId: c.get('requestId') }, 'admin sign-in refused');
        return c.html(<AdminLoginPage problem="That is not the admin token." />, 401);
      }
      openSession(c, services.config, adminToken);
      return c.redirect('/admin', 303);
    })
    .post('/logout', (c) => {
      closeSession(c, services.config);
      return c.redirect('/admin/login', 303);
    });
}

function operatorRoutes(services: ApiServices) {
  return new Hono()
    .get('/', async (c) => c.html(<AdminDashboardPage dashboard={await loadDashboard(services.db)} />))
    .get('/queues', async (c) => {
      const notice = c.req.query('notice');
      const known = notice === 'retried' || notice === 'gone' ? (notice as QueueNotice) : undefined;
      return c.html(<AdminQueuesPage queues={await loadQueues(services)} notice={known} />);
    })
    .post('/queues/:queue/jobs/:id/retry', async (c) => {
      const queue = c.req.param('queue');
      if (!MONITORED_QUEUES.includes(queue)) return c.notFound();
      const retried = await retryFailedJob(services.queue, queue, c.req.param('id'));
      if (retried) services.logger.info({ queue, jobId: c.req.param('id') }, 'failed job retried by an operator');
      return c.redirect(`/admin/queues?notice=${retried ? 'retried' : 'gone'}#queue-${queue}`, 303);
    });
}

/** The operator dashboard: charts, failed sends, ingestion and queues (disabled without ADMIN_TOKEN). */
export function adminDashboardRoutes(services: ApiServices) {
  const app = new Hono();
  app.use('*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    await next();
  });
  const adminToken = services.config.adminToken;
  if (!adminToken) return app.all('*', (c) => c.html(<AdminDisabledPage />, 403));
  // Guessing the token, by the sign-in form or as a bearer, is limited per client address.
  app.use('*', limitAdminFailures(services));
  app.route('/', sessionRoutes(services, adminToken));
  app.use('*', requireAdmin(services, adminToken));
  return app.route('/', operatorRoutes(services));
}
