import type { Config } from '@paperboy/config';

/** Wrong arguments: reported with a pointer to the command's help, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const MAX_LENGTH = 500;
const EMAIL = /([\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]*@([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)/gu;
const URL_CREDENTIALS = /\/\/[^/\s@]+@/g;

/** Shorter values are no real secret (a development token "x"), and masking them would garble every message. */
const MIN_SECRET_LENGTH = 8;

/** Every configured secret, so that no library's message can carry one to the terminal or a log. */
export function secretsOf(config: Config): string[] {
  const { appSecret, previousAppSecret, adminToken, ingest, mail } = config;
  const secrets = [appSecret, previousAppSecret, adminToken, ingest.hfToken, mail.dkim?.privateKey];
  return secrets.filter((secret): secret is string => secret !== undefined && secret.length >= MIN_SECRET_LENGTH);
}

/**
 * Hides what must not reach the terminal or CI logs: credentials in URLs, configured secrets, and
 * subscriber addresses (kept to their first letter and domain, enough to tell which one).
 */
export function redact(text: string, secrets: readonly string[]): string {
  let safe = text.replace(URL_CREDENTIALS, '//***@').replace(EMAIL, '$1***@$2');
  for (const secret of secrets) safe = safe.replaceAll(secret, '***');
  return safe;
}

/** What went wrong, on one line. */
export function describeError(error: unknown): string {
  const issues = (error as { issues?: unknown }).issues;
  // A zod error's message is its issues as pretty-printed JSON; the paths and messages suffice.
  if (Array.isArray(issues))
    return issues
      .map((issue: { path: PropertyKey[]; message: string }) => `${issue.path.join('.') || 'value'}: ${issue.message}`)
      .join('; ');
  const message = error instanceof Error ? error.message : String(error);
  // Prisma puts the failing call and a code frame first and the cause on the last line.
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const text =
    error instanceof Error && error.name.startsWith('PrismaClient') ? (lines.at(-1) ?? '') : lines.join('; ').replaceAll(':; ', ': ');
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH)}…` : text;
}
