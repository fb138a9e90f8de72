import { InputError } from '@paperboy/subscriptions';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { protectForms } from './csrf.ts';
import { adminRoutes } from './routes/admin.ts';
import { assetRoutes } from './routes/assets.ts';
import { confirmRoutes } from './routes/confirm.tsx';
import { devMailRoutes } from './routes/dev-mail.tsx';
import { digestRoutes } from './routes/digests.tsx';
import { healthRoutes } from './routes/health.ts';
import { pageRoutes } from './routes/pages.tsx';
import { paperRoutes } from './routes/papers.tsx';
import { preferencesRoutes } from './routes/preferences.tsx';
import { previewRoutes } from './routes/preview.tsx';
import { subscriptionRoutes } from './routes/subscriptions.ts';
import { topicRoutes } from './routes/topics.ts';
import { unsubscribeRoutes } from './routes/unsubscribe.tsx';
import type { ApiServices } from './services.ts';
import { MessagePage, NotFoundPage } from './views/layout.tsx';

const MAX_BODY_BYTES = 64 * 1024;

export function createApp(services: ApiServices) {
  const app = new Hono();
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
  app.use(bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: 'payload_too_large' }, 413) }));

  app.route('/', healthRoutes(services));
  app.route('/', pageRoutes(services));
  app.route('/assets', assetRoutes());
  app.route('/confirm', confirmRoutes(services));
  app.route('/preferences', preferencesRoutes(services));
  app.route('/unsubscribe', unsubscribeRoutes(services));
  app.route('/digests', digestRoutes(services));
  app.route('/preview', previewRoutes(services));
  app.route('/', paperRoutes(services));
  app.route('/api/v1/topics', topicRoutes(services));
  app.route('/api/v1/subscriptions', subscriptionRoutes(services));
  app.route('/api/v1/admin', adminRoutes(services));
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
    if (error instanceof HTTPException && error.status < 500) {
      return c.json({ error: 'invalid_request', message: error.message }, error.status);
    }
    console.error(JSON.stringify({ level: 'error', msg: 'request failed', path: c.req.path, error: error.message }));
    if (c.req.path.startsWith('/api/')) return c.json({ error: 'internal_error' }, 500);
    return c.html(<MessagePage title="Something went wrong">{'Please try again in a moment.'}</MessagePage>, 500);
  });
  return app;
}
