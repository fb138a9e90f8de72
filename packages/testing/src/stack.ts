import { randomUUID } from 'node:crypto';
import { createApp } from '@paperboy/api/app';
import { type ApiServices, closeServices, createServices } from '@paperboy/api/services';
import { type Config, loadConfig } from '@paperboy/config';
import { type MailCapture, type MailCaptureOptions, startMailCapture } from '@paperboy/mail';
import { loadTopicsFile } from '@paperboy/papers';
import { startWorkers, type WorkerRegistry } from '@paperboy/worker/registry';
import { closeWorkerServices, createWorkerServices, type WorkerServices } from '@paperboy/worker/services';
import { resetDatabase } from './database.ts';

export const TEST_PUBLIC_URL = 'http://paperboy.test';

export interface TestStack {
  config: Config;
  capture: MailCapture;
  services: ApiServices;
  workerServices: WorkerServices;
  app: ReturnType<typeof createApp>;
  /** Replaceable, for tests that stop and restart the workers. */
  registry: WorkerRegistry;
  close(): Promise<void>;
}

/**
 * The API (called with app.request) and the real workers in this process, over this test
 * worker's own database, a fresh queue prefix in the real Redis, and an in-process SMTP server.
 */
export async function startTestStack(env: Record<string, string> = {}, mail: MailCaptureOptions = {}): Promise<TestStack> {
  const capture = await startMailCapture(mail);
  const config = loadConfig({
    ...process.env,
    SMTP_URL: `smtp://127.0.0.1:${capture.port}`,
    APP_SECRET: 'test-secret-test-secret-test-secret-0000',
    PUBLIC_URL: TEST_PUBLIC_URL,
    QUEUE_PREFIX: `{pbtest-${randomUUID().slice(0, 8)}}`,
    // Tests never leave 127.0.0.1: lookups of papers readers name find nobody on the discard port.
    ARXIV_BASE_URL: 'http://127.0.0.1:9',
    ...env,
  });
  const services = await createServices(config);
  await resetDatabase(services.db);
  await loadTopicsFile(services.db, config.topicsFile);
  const workerServices = await createWorkerServices(config);
  const stack: TestStack = {
    config,
    capture,
    services,
    workerServices,
    app: createApp(services),
    registry: startWorkers(workerServices),
    async close() {
      await stack.registry.close();
      await closeWorkerServices(workerServices);
      await closeServices(services);
      await capture.close();
    },
  };
  return stack;
}

/** The first link in a message's text part that starts with `prefix`. */
export function linkIn(text: string, prefix: string): string {
  const match = text.match(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s)>\\]]+`));
  if (!match) throw new Error(`no link starting with ${prefix} in:\n${text}`);
  return match[0];
}

/** A path for app.request() from an absolute link in an email. */
export function pathOf(link: string): string {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}
