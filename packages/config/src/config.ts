import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Thrown when the environment is invalid; the message names each bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEV_SECRET_FILE = '.paperboy/app-secret';
const MIN_SECRET_LENGTH = 32;

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const url = (protocols: string[]) =>
  z.url().refine((value) => protocols.some((p) => value.startsWith(`${p}:`)), {
    message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
  });

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: url(['postgresql', 'postgres']).default('postgresql://postgres@127.0.0.1:5432/paperboy'),
  REDIS_URL: url(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
  /** Queue key prefix; wrap it in braces (e.g. "{paperboy}") on a Redis Cluster. */
  QUEUE_PREFIX: z.string().min(1).default('{paperboy}'),
  SMTP_URL: z.preprocess(emptyToUndefined, url(['smtp', 'smtps']).optional()),
  MAIL_CAPTURE_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: url(['http', 'https']).default('http://localhost:3000'),
  MAIL_FROM: z.string().min(3).default('Paperboy <paperboy@localhost>'),
  MAIL_POSTAL_ADDRESS: z.string().default('Paperboy, an open-source newsletter, run by its operator'),
  LIST_UNSUBSCRIBE_MAILTO: z.preprocess(emptyToUndefined, z.email().optional()),
  APP_SECRET: optionalString,
  /** Previous signing key, still accepted for verification during a rotation. */
  APP_SECRET_PREVIOUS: optionalString,
  ADMIN_TOKEN: optionalString,
  SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5),
  /** Global send rate limit in messages per second; 0 means unlimited. */
  SMTP_RATE_LIMIT: z.coerce.number().min(0).default(0),
  /** Permanent refusals (5xx) after which an address is marked bounced and no longer mailed. */
  HARD_BOUNCE_LIMIT: z.coerce.number().int().min(1).default(2),
  /** Subscribers per digest job: bounds worker memory and the size of one selection query. */
  DIGEST_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(200),
  /** First retry delay of a digest batch with transient SMTP failures (doubles each attempt). */
  DIGEST_RETRY_DELAY_MS: z.coerce.number().int().min(0).default(30_000),
  DKIM_DOMAIN: optionalString,
  DKIM_SELECTOR: optionalString,
  DKIM_PRIVATE_KEY: optionalString,
  HF_TOKEN: optionalString,
  /** Sources the worker ingests on schedule: "huggingface" and/or "arxiv:<category>", comma-separated. */
  INGEST_SOURCES: z.string().default('huggingface'),
  /** When scheduled ingestion runs (cron, UTC): hourly through the day, since upvotes keep moving. */
  INGEST_CRON: z.string().default('15 6-22 * * *'),
  HF_BASE_URL: url(['http', 'https']).default('https://huggingface.co'),
  ARXIV_BASE_URL: url(['http', 'https']).default('https://export.arxiv.org'),
  /** The topic taxonomy loaded at start; point it at your own copy to change topics. */
  TOPICS_FILE: z.string().default(fileURLToPath(new URL('../../../data/topics.json', import.meta.url))),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof envSchema>, appSecret: string) {
  const production = env.NODE_ENV === 'production';
  return {
    env: env.NODE_ENV,
    production,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    queuePrefix: env.QUEUE_PREFIX,
    port: env.PORT,
    host: env.HOST,
    publicUrl: env.PUBLIC_URL.replace(/\/+$/, ''),
    appSecret,
    previousAppSecret: env.APP_SECRET_PREVIOUS,
    adminToken: env.ADMIN_TOKEN,
    logLevel: env.LOG_LEVEL,
    ingest: {
      sources: env.INGEST_SOURCES.split(',')
        .map((source) => source.trim())
        .filter(Boolean),
      cron: env.INGEST_CRON,
      hfToken: env.HF_TOKEN,
      hfBaseUrl: env.HF_BASE_URL,
      arxivBaseUrl: env.ARXIV_BASE_URL,
    },
    topicsFile: env.TOPICS_FILE,
    digest: { batchSize: env.DIGEST_BATCH_SIZE, retryDelayMs: env.DIGEST_RETRY_DELAY_MS },
    mail: {
      /** With no SMTP_URL outside production, mail goes to the built-in capture server. */
      capture: env.SMTP_URL === undefined,
      capturePort: env.MAIL_CAPTURE_PORT,
      smtpUrl: env.SMTP_URL ?? `smtp://127.0.0.1:${env.MAIL_CAPTURE_PORT}`,
      from: env.MAIL_FROM,
      postalAddress: env.MAIL_POSTAL_ADDRESS,
      listUnsubscribeMailto: env.LIST_UNSUBSCRIBE_MAILTO,
      poolSize: env.SMTP_POOL_SIZE,
      hardBounceLimit: env.HARD_BOUNCE_LIMIT,
      rateLimit: env.SMTP_RATE_LIMIT,
      dkim:
        env.DKIM_DOMAIN && env.DKIM_SELECTOR && env.DKIM_PRIVATE_KEY
          ? { domainName: env.DKIM_DOMAIN, keySelector: env.DKIM_SELECTOR, privateKey: env.DKIM_PRIVATE_KEY }
          : undefined,
    },
  };
}

/** In development a signing key is generated once and kept in .paperboy/ so links survive restarts. */
function developmentSecret(cwd: string): string {
  const file = resolve(cwd, DEV_SECRET_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function productionProblems(env: z.infer<typeof envSchema>): string[] {
  const problems: string[] = [];
  if (!env.APP_SECRET || env.APP_SECRET.length < MIN_SECRET_LENGTH)
    problems.push(`APP_SECRET: required in production, at least ${MIN_SECRET_LENGTH} characters`);
  if (!env.ADMIN_TOKEN || env.ADMIN_TOKEN.length < 16) problems.push('ADMIN_TOKEN: required in production, at least 16 characters');
  if (!env.SMTP_URL) problems.push('SMTP_URL: required in production (the mail capture is for development only)');
  if (env.PUBLIC_URL === 'http://localhost:3000') problems.push('PUBLIC_URL: set it to the public address of this service');
  return problems;
}

/** Reads and validates the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production') {
    const problems = productionProblems(env);
    if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return toConfig(env, env.APP_SECRET ?? developmentSecret(cwd));
}
