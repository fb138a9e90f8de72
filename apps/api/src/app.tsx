import { isDatabaseUnavailable } from '@paperboy/db';
import { observeRequests } from '@paperboy/observability';
import { InputError } from '@paperboy/subscriptions';
import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { routePath } from 'hono/route';
import { secureHeaders } from 'hono/secure-headers';
import { limitBodySize } from './body-limit.ts';
import { protectForms } from './csrf.ts';
import { adminRoutes } from './routes/admin.ts';
import { adminDashboardRoutes } from './routes/admin-dashboard.tsx';
import { assetRoutes } from './routes/assets.ts';
import { confirmRoutes } from './routes/confirm.tsx';
import { devMailRoutes } from './routes/dev-mail.tsx';
import { digestRoutes } from './routes/digests.tsx';
import { docsRoutes } from './routes/docs.tsx';
import { feedbackRoutes } from './routes/feedback.tsx';
import { healthRoutes } from './routes/health.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { openApiRoutes } from './routes/openapi.ts';
import { pageRoutes } from './routes/pages.tsx';
import { paperRoutes } from './routes/papers.tsx';
import { preferencesRoutes } from './routes/preferences.tsx';
import { previewRoutes } from './routes/preview.tsx';
import { readinessRoutes } from './routes/readiness.ts';
import { subscriptionRoutes } from './routes/subscriptions.ts';
import { topicRoutes } from './routes/topics.ts';
import { unsubscribeRoutes } from './routes/unsubscribe.tsx';
import type { ApiServices } from './services.ts';
import { MessagePage, NotFoundPage } from './views/layout.tsx';

const MAX_BODY_BYTES = 64 * 1024;

/** Seconds a client should wait before trying again while the database is away. */
const RETRY_AFTER_SECONDS = 30;

/**
 * Postgres is down or restarting: the request is fine and worth repeating in a moment, so 503 with
 * Retry-After (a 500 would say the request broke something). Logged as a warning, without the
 * request, once per request.
 */
function unavailable(c: Context, services: ApiServices) {
  services.logger.warn({ method: c.req.method, route: routePath(c, -1), requestId: c.get('requestId') }, 'database unavailable');
  c.header('Retry-After', String(RETRY_AFTER_SECONDS));
  if (c.req.path.startsWith('/api/')) return c.json({ error: 'unavailable', retryAfterSeconds: RETRY_AFTER_SECONDS }, 503);
  return c.html(
    <MessagePage title="Paperboy is briefly unavailable">
      {'Its database is restarting. Please try again in a minute; a form you sent was not saved, so send it again.'}
    </MessagePage>,
    503,
  );
}

export function createApp(services: ApiServices) {
  const app = new Hono();
  // First, so every answer (a CSRF refusal, a 413, an error page) is timed, counted and logged.
  app.use(requestId(), observeRequests(services.logger, services.metrics));
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        // The dev mail inbox shows messages in sandboxed srcdoc frames.
        frameSrc: ["'self'"],
        connectSrc: ["'self'"],
      },
    }),
  );
  app.use(protectForms(services.config.publicUrl));
  app.use(limitBodySize(MAX_BODY_BYTES, (c) => c.json({ error: 'payload_too_large' }, 413)));

  app.route('/', healthRoutes(services));
  app.route('/', readinessRoutes(services));
  app.route('/', metricsRoutes(services));
  app.route('/', pageRoutes(services));
  app.route('/assets', assetRoutes());
  app.route('/confirm', confirmRoutes(services));
  app.route('/preferences', preferencesRoutes(services));
  app.route('/unsubscribe', unsubscribeRoutes(services));
  app.route('/digests', digestRoutes(services));
  app.route('/feedback', feedbackRoutes(services));
  app.route('/preview', previewRoutes(services));
  app.route('/', paperRoutes(services));
  app.route('/api/v1/topics', topicRoutes(services));
  app.route('/api/v1/subscriptions', subscriptionRoutes(services));
  app.route('/api/v1/admin', adminRoutes(services));
  app.route('/api', openApiRoutes(services));
  app.route('/api/docs', docsRoutes(services));
  app.route('/admin', adminDashboardRoutes(services));
  if (services.capture) app.route('/dev', devMailRoutes(services.capture));

  app.notFound((c) => (c.req.path.startsWith('/api/') ? c.json({ error: 'not_found' }, 404) : c.html(<NotFoundPage />, 404)));
  app.onError((error, c) => {
    if (error instanceof InputError) return c.json({ error: 'invalid_request', fields: error.fields }, 400);
    // Raised by Hono itself for requests it cannot parse (e.g. malformed JSON): the client's fault.
    if (error instanceof HTTPException && error.status === 403 && !c.req.path.startsWith('/api/')) {
      const page = (
        <MessagePage title="This form cannot be accepted">{'It was sent from another site. Please use the form on this site.'}</MessagePage>
      );
      return c.html(page, 403);
    }
    // bearerAuth's refusal carries its own JSON body and WWW-Authenticate challenge: keep them.
    if (error instanceof HTTPException && error.status === 401 && error.res) return error.getResponse();
    if (error instanceof HTTPException && error.status < 500) {
      return c.json({ error: 'invalid_request', message: error.message }, error.status);
    }
    if (isDatabaseUnavailable(error)) return unavailable(c, services);
    services.logger.error({ err: error, method: c.req.method, route: routePath(c, -1), requestId: c.get('requestId') }, 'request failed');
    if (c.req.path.startsWith('/api/')) return c.json({ error: 'internal_error' }, 500);
    return c.html(<MessagePage title="Something went wrong">{'Please try again in a moment.'}</MessagePage>, 500);
  });
  return app;
}
