import { generateKeyPairSync, randomBytes } from 'node:crypto';

export interface BenchSettings {
  databaseUrl: string;
  queuePrefix: string;
  smtpPort: number;
  dkim: boolean;
}

const BENCH_SECRET = 'bench-secret-bench-secret-bench-secret-0000';
export const BENCH_PUBLIC_URL = 'https://paperboy.bench';

let dkimKey: string | undefined;

/** An RSA-2048 key, made once per run: the size mail providers ask for. */
function dkimPrivateKey(): string {
  dkimKey ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
  return dkimKey;
}

/**
 * The environment of a production worker pointed at the benchmark's database, queue prefix and
 * sink; the benchmark loads its own config from the same variables. No ingestion sources: nothing
 * may leave the machine.
 */
export function benchEnvironment(settings: BenchSettings): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: settings.databaseUrl,
    QUEUE_PREFIX: settings.queuePrefix,
    SMTP_URL: `smtp://127.0.0.1:${settings.smtpPort}`,
    PUBLIC_URL: BENCH_PUBLIC_URL,
    APP_SECRET: BENCH_SECRET,
    ADMIN_TOKEN: randomBytes(16).toString('hex'),
    MAIL_FROM: 'Paperboy <digest@paperboy.bench>',
    INGEST_SOURCES: '',
    // Several workers on one machine: no metrics server, so no port to share; loopback anyway.
    METRICS_PORT: '0',
    HOST: '127.0.0.1',
    ...(settings.dkim ? { DKIM_DOMAIN: 'paperboy.bench', DKIM_SELECTOR: 'bench', DKIM_PRIVATE_KEY: dkimPrivateKey() } : {}),
  };
}
