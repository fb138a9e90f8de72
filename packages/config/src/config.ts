import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { hasHashTag, parseRedisUrl } from './redis-url.ts';

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

// Every variable carries its description: docs/CONFIGURATION.md is generated from this schema
// (`npm run docs:config`), and a test fails when that file is stale.
export const envSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'])
    .default('development')
    .describe('`production` enforces the variables marked required'),
  DATABASE_URL: url(['postgresql', 'postgres'])
    .default('postgresql://postgres@127.0.0.1:5432/paperboy')
    .describe('Postgres; the database is created if missing'),
  REDIS_URL: z
    .string()
    .default('redis://127.0.0.1:6379')
    .superRefine((value, context) => {
      try {
        parseRedisUrl(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
      }
    })
    .describe(
      'Redis for the queues and rate limits (use `maxmemory-policy noeviction`); a Redis Cluster is `redis+cluster://host:port,host:port` (`rediss+cluster://` for TLS)',
    ),
  QUEUE_PREFIX: z
    .string()
    .min(1)
    .default('{paperboy}')
    .describe('Prefix of every Redis key; on a Redis Cluster it must hold a hash tag in braces (e.g. "{paperboy}")'),
  SMTP_URL: z
    .preprocess(emptyToUndefined, url(['smtp', 'smtps']).optional())
    .describe('`smtp://user:pass@host:587` or `smtps://…`; unset (development only) sends to the built-in capture'),
  MAIL_CAPTURE_PORT: z.coerce
    .number()
    .int()
    .min(1)
    .max(65535)
    .default(1025)
    .describe('SMTP port of the built-in mail capture (development)'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('Port the API listens on'),
  HOST: z.string().default('0.0.0.0').describe("Address the API (and the worker's metrics server) listens on"),
  METRICS_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(9464)
    .describe("Port of the worker's Prometheus `/metrics` server; 0 disables it"),
  PUBLIC_URL: url(['http', 'https'])
    .default('http://localhost:3000')
    .describe('Public base address: every link in emails, and the admin cookie is Secure when https'),
  MAIL_FROM: z.string().min(3).default('Paperboy <paperboy@localhost>').describe('Sender of every email'),
  MAIL_POSTAL_ADDRESS: z
    .string()
    .default('Paperboy, an open-source newsletter, run by its operator')
    .describe('Your postal address, shown in every email footer'),
  LIST_UNSUBSCRIBE_MAILTO: z.preprocess(emptyToUndefined, z.email().optional()).describe('Adds a `mailto:` to `List-Unsubscribe`'),
  APP_SECRET: optionalString.describe(
    `Signs every link and the admin session; at least ${MIN_SECRET_LENGTH} characters in production (generated into .paperboy/ in development)`,
  ),
  APP_SECRET_PREVIOUS: optionalString.describe('Previous signing key, still accepted for verification during a rotation'),
  ADMIN_TOKEN: optionalString.describe('Bearer token for `/api/v1/admin/*` and the `/admin` dashboard (both disabled when unset)'),
  SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5).describe('SMTP connections per worker'),
  SMTP_RATE_LIMIT: z.coerce
    .number()
    .min(0)
    .default(0)
    .describe('Global send rate limit in messages per second across all workers; 0 means unlimited'),
  HARD_BOUNCE_LIMIT: z.coerce
    .number()
    .int()
    .min(1)
    .default(2)
    .describe('Permanent refusals (5xx) after which an address is marked bounced and no longer mailed'),
  DIGEST_BATCH_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(5000)
    .default(200)
    .describe('Subscribers per digest job: bounds worker memory and the size of one selection query'),
  DIGEST_RETRY_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(30_000)
    .describe('First retry delay of a digest batch with transient SMTP failures (doubles each attempt)'),
  DIGEST_STUCK_SEND_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(15 * 60_000)
    .describe(
      'A digest send claimed longer ago than this belongs to a worker that died mid-send and is recorded as `unknown`; keep it above the longest possible SMTP exchange (about 90 s)',
    ),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(30_000)
    .describe('How long a stopping worker waits for its running jobs before it exits anyway (their unsent digests go back to the queue)'),
  TRUST_PROXY: z
    .preprocess((value) => ({ true: '1', false: '0' })[String(value)] ?? value, z.coerce.number().int().min(0).max(10))
    .default(0)
    .describe(
      'Reverse proxies in front of the API (`true` = 1): the client address is then read from `X-Forwarded-For`, that many entries from the right; 0 uses the socket address',
    ),
  RATE_LIMIT_SUBSCRIBE_PER_IP: z.coerce
    .number()
    .int()
    .min(0)
    .default(20)
    .describe('Subscription requests per client address per hour; more get 429 (0: no limit)'),
  RATE_LIMIT_CONFIRMATIONS_PER_ADDRESS: z.coerce
    .number()
    .int()
    .min(0)
    .default(5)
    .describe('Confirmation emails per address per day, on top of one per 10 minutes; more are silently not sent (0: no limit)'),
  RATE_LIMIT_ADMIN_FAILURES_PER_IP: z.coerce
    .number()
    .int()
    .min(0)
    .default(10)
    .describe('Rejected admin tokens per client address per 15 minutes before it gets 429 (0: no limit)'),
  DKIM_DOMAIN: optionalString.describe('DKIM signing domain (the `d=` tag); DKIM needs all three DKIM variables'),
  DKIM_SELECTOR: optionalString.describe('DKIM selector (the `s=` tag): the key is published at `<selector>._domainkey.<domain>`'),
  DKIM_PRIVATE_KEY: optionalString.describe('DKIM private key, PEM'),
  HF_TOKEN: optionalString.describe('Hugging Face token (higher rate limits)'),
  INGEST_SOURCES: z
    .string()
    .default('huggingface')
    .describe('Sources the worker ingests on schedule: "huggingface" and/or "arxiv:<category>", comma-separated'),
  INGEST_CRON: z
    .string()
    .default('15 6-22 * * *')
    .describe('When scheduled ingestion runs (cron, UTC): hourly through the day, since upvotes keep moving'),
  HF_BASE_URL: url(['http', 'https'])
    .default('https://huggingface.co')
    .describe('Hugging Face API base (tests point it at a local server)'),
  ARXIV_BASE_URL: url(['http', 'https']).default('https://export.arxiv.org').describe('arXiv API base (tests point it at a local server)'),
  TOPICS_FILE: z
    .string()
    .default(fileURLToPath(new URL('../../../data/topics.json', import.meta.url)))
    .describe('The topic taxonomy loaded at start; point it at your own copy to change topics'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .optional()
    .describe('Lowest level written to the JSON logs; default `info`, or `warn` under NODE_ENV=test (keeps test output readable)'),
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
    metricsPort: env.METRICS_PORT,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
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
    digest: { batchSize: env.DIGEST_BATCH_SIZE, retryDelayMs: env.DIGEST_RETRY_DELAY_MS, stuckSendMs: env.DIGEST_STUCK_SEND_MS },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    trustProxy: env.TRUST_PROXY,
    rateLimit: {
      subscribesPerIp: env.RATE_LIMIT_SUBSCRIBE_PER_IP,
      confirmationsPerAddress: env.RATE_LIMIT_CONFIRMATIONS_PER_ADDRESS,
      adminFailuresPerIp: env.RATE_LIMIT_ADMIN_FAILURES_PER_IP,
    },
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

/** Variables without which a production process refuses to start (see productionProblems). */
export const PRODUCTION_REQUIRED = ['APP_SECRET', 'ADMIN_TOKEN', 'SMTP_URL', 'PUBLIC_URL'] as const;

function productionProblems(env: z.infer<typeof envSchema>): string[] {
  const problems: string[] = [];
  if (!env.APP_SECRET || env.APP_SECRET.length < MIN_SECRET_LENGTH)
    problems.push(`APP_SECRET: required in production, at least ${MIN_SECRET_LENGTH} characters`);
  if (!env.ADMIN_TOKEN || env.ADMIN_TOKEN.length < 16) problems.push('ADMIN_TOKEN: required in production, at least 16 characters');
  if (!env.SMTP_URL) problems.push('SMTP_URL: required in production (the mail capture is for development only)');
  for (const name of ['APP_SECRET', 'ADMIN_TOKEN'] as const) {
    if (/change-?me|example|placeholder/i.test(env[name] ?? '')) problems.push(`${name}: replace the placeholder with a long random value`);
  }
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
  if (parseRedisUrl(env.REDIS_URL).kind === 'cluster' && !hasHashTag(env.QUEUE_PREFIX)) {
    throw new ConfigError(
      `Invalid configuration:\n  QUEUE_PREFIX: on a Redis Cluster it must hold a hash tag in braces, e.g. "{${env.QUEUE_PREFIX}}", so that the keys each command touches share one slot`,
    );
  }
  if (env.NODE_ENV === 'production') {
    const problems = productionProblems(env);
    if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return toConfig(env, env.APP_SECRET ?? developmentSecret(cwd));
}
