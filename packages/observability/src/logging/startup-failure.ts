import { ConfigError } from '@paperboy/config';
import { createLogger } from './logger.ts';

/** A process that could not start has no configured logger yet: this logs why, at fatal, with defaults. */
export function logStartupFailure(service: string, error: unknown): void {
  const logger = createLogger({ logLevel: 'info' }).child({ service });
  // A ConfigError's message names every bad variable (never its value) and is the whole story.
  if (error instanceof ConfigError) logger.fatal(error.message);
  else logger.fatal({ err: error }, `${service} failed to start`);
}
