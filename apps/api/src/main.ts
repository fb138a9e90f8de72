import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from '@paperboy/config';
import { startMailCapture } from '@paperboy/mail';
import { createApp } from './app.tsx';
import { closeServices, createServices } from './services.ts';

async function main() {
  const config = loadConfig();
  // Without SMTP_URL (development only: production refuses to start), this process also runs the
  // built-in SMTP capture that /dev/mail shows.
  const capture = config.mail.capture ? await startMailCapture({ port: config.mail.capturePort }) : undefined;
  const services = await createServices(config, capture);
  const server = serve({ fetch: createApp(services).fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`Paperboy API listening on ${config.publicUrl} (port ${info.port})`);
    if (capture) console.log(`Mail capture: SMTP on 127.0.0.1:${capture.port}, inbox at ${config.publicUrl}/dev/mail`);
  });

  const stop = async (signal: string) => {
    console.log(`API received ${signal}, shutting down`);
    server.close();
    await closeServices(services);
    await capture?.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
