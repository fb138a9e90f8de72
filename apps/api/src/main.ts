import { serve } from '@hono/node-server';
import { loadConfig } from '@paperboy/config';
import { startMailCapture } from '@paperboy/mail';
import { logStartupFailure } from '@paperboy/observability';
import { redisEvictionWarning } from '@paperboy/subscriptions';
import { createApp } from './app.tsx';
import { closeServices, createServices } from './services.ts';

async function main() {
  const config = loadConfig();
  // Without SMTP_URL (development only: production refuses to start), this process also runs the
  // built-in SMTP capture that /dev/mail shows.
  const capture = config.mail.capture ? await startMailCapture({ port: config.mail.capturePort }) : undefined;
  const services = await createServices(config, capture);
  void redisEvictionWarning(services.queue.redis).then((warning) => warning && services.logger.warn(warning));
  const server = serve({ fetch: createApp(services).fetch, port: config.port, hostname: config.host }, (info) => {
    services.logger.info({ port: info.port, publicUrl: config.publicUrl }, 'API listening');
    if (capture) services.logger.info({ smtpPort: capture.port, inbox: `${config.publicUrl}/dev/mail` }, 'mail capture running');
  });

  const stop = async (signal: string) => {
    services.logger.info({ signal }, 'API shutting down');
    server.close();
    await closeServices(services);
    await capture?.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  logStartupFailure('api', error);
  process.exit(1);
});
