import type { Config } from '@paperboy/config';
import { type DestinationStream, type Logger, pino } from 'pino';
import { scrubLogLine } from './scrub.ts';

export type { Logger };

// Fields whose values are secrets wherever they appear, at the top level or one level down
// (`headers.authorization`, `config.appSecret`), plus the usual request/response shapes.
const SECRET_FIELDS = [
  'authorization',
  'cookie',
  'password',
  'token',
  'appSecret',
  'previousAppSecret',
  'adminToken',
  'smtpUrl',
  'privateKey',
];
const REDACT_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  '*["set-cookie"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/**
 * Information goes to stdout, warnings and errors to stderr only, so a supervisor (and our own
 * browser tests) can tell failures apart without parsing every line.
 */
function standardStreams(): DestinationStream {
  return pino.multistream(
    [
      { level: 'trace', stream: process.stdout },
      { level: 'warn', stream: process.stderr },
    ],
    { dedupe: true },
  );
}

/** The one logger factory: JSON lines, secrets redacted, email addresses and URL credentials masked. */
export function createLogger(config: Pick<Config, 'logLevel'>, destination: DestinationStream = standardStreams()): Logger {
  return pino(
    {
      level: config.logLevel,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      hooks: { streamWrite: scrubLogLine },
    },
    destination,
  );
}
