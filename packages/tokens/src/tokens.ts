import { timingSafeEqual } from 'node:crypto';
import { hmacSha256 } from './hmac.ts';

/**
 * Signed, self-contained tokens for links in emails: `<payload>.<signature>`, both base64url.
 * The payload names one purpose and one subject (a subscriber or delivery id), so a token for
 * one action or one person is useless for another. Nothing is stored: unsubscribe links keep
 * working for as long as the signing key does, and a previous key can still verify during a
 * rotation.
 */
export type TokenPurpose = 'confirm' | 'preferences' | 'unsubscribe' | 'digest' | 'feedback' | 'admin-session';

interface Payload {
  p: TokenPurpose;
  s: string;
  /** Expiry in seconds since the epoch; absent for links that must work forever. */
  e?: number;
}

const MAX_TOKEN_LENGTH = 512;

function sign(secret: string, payload: string): string {
  return hmacSha256(secret, payload).toString('base64url');
}

export function signToken(secret: string, purpose: TokenPurpose, subject: string, expiresAt?: Date): string {
  const payload: Payload = { p: purpose, s: subject };
  if (expiresAt) payload.e = Math.floor(expiresAt.getTime() / 1000);
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${encoded}.${sign(secret, encoded)}`;
}

function signatureMatches(secrets: string[], encoded: string, signature: string): boolean {
  const given = Buffer.from(signature, 'base64url');
  // Every key is tried even after a match, so timing does not tell which key signed.
  let matched = false;
  for (const secret of secrets) {
    const expected = Buffer.from(sign(secret, encoded), 'base64url');
    if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true;
  }
  return matched;
}

function decodePayload(encoded: string): Payload | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const { p, s, e } = value as Record<string, unknown>;
    if (typeof p !== 'string' || typeof s !== 'string') return null;
    if (e !== undefined && typeof e !== 'number') return null;
    return value as Payload;
  } catch {
    return null;
  }
}

/**
 * Returns the token's subject when it was signed by one of `secrets` for `purpose` and has not
 * expired; null otherwise (callers show one page for every kind of bad token).
 */
export function verifyToken(secrets: Array<string | undefined>, purpose: TokenPurpose, token: string, now = new Date()): string | null {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const [encoded, signature, extra] = token.split('.');
  if (!encoded || !signature || extra !== undefined) return null;
  const keys = secrets.filter((secret): secret is string => Boolean(secret));
  if (!signatureMatches(keys, encoded, signature)) return null;
  const payload = decodePayload(encoded);
  if (!payload || payload.p !== purpose) return null;
  if (payload.e !== undefined && payload.e * 1000 <= now.getTime()) return null;
  return payload.s;
}
