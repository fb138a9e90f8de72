/** How the driver adapter names a database that cannot be reached or went away (@prisma/adapter-pg). */
const UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/**
 * Postgres codes of a server that is not there for us right now: connection exceptions (08…),
 * shutting down or starting up (57P01–57P03), a database closed to connections (55000), too many
 * connections (53300).
 */
const UNAVAILABLE_CODES = /^(08...|57P0[123]|55000|53300)$/;
/** Prisma's own codes for the same: can't reach (P1001), timed out (P1002), closed (P1017), no pooled connection in time (P2024). */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024']);
/** node-postgres says these without a code. */
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Can't reach database server|ECONNREFUSED/;

interface ErrorLike {
  code?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: unknown } };
}

/**
 * Whether an error means "the database is unavailable" (down, restarting, unreachable, full)
 * rather than "this request is wrong": the former is worth a 503 and a retry.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { code, kind, message, cause, meta } = error as ErrorLike;
  if (typeof kind === 'string' && UNAVAILABLE_KINDS.has(kind)) return true;
  if (typeof code === 'string' && (PRISMA_CODES.has(code) || UNAVAILABLE_CODES.test(code))) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
  return isDatabaseUnavailable(meta?.driverAdapterError?.cause, depth + 1) || isDatabaseUnavailable(cause, depth + 1);
}
