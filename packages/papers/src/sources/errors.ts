/**
 * A source could not deliver a usable batch. The message is written for the operator reading the
 * logs: which URL or file, what status, and what was wrong with it.
 */
export class SourceError extends Error {
  override name = 'SourceError';
  /** HTTP status of the last response, when there was one. */
  readonly status: number | undefined;

  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.status = options.status;
  }
}

/** Runs a parsing step and prefixes any failure with where the content came from (URL or file). */
export function withLocation<T>(location: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const status = error instanceof SourceError ? error.status : undefined;
    throw new SourceError(`${location}: ${message}`, { status, cause: error });
  }
}
