import { timingSafeEqual } from 'node:crypto';
import { hmacSha256 } from './hmac.ts';
import type { TokenPurpose } from './tokens.ts';

/**
 * Short signed tokens for links repeated many times in one email (two feedback links per paper):
 * `<subject bytes, expiry>.<MAC>`, both base64url, about 70 characters for two ids where the JSON
 * token takes 180. The subject is binary (e.g. two UUIDs, 32 bytes); the expiry is 4 bytes of
 * seconds since the epoch; the MAC is HMAC-SHA256 over the purpose and those bytes, cut to 128
 * bits, which is ample for a link that only lets its holder press a button.
 */
const MAC_BYTES = 16;
const EXPIRY_BYTES = 4;
const MAX_TOKEN_LENGTH = 256;

function mac(secret: string, purpose: TokenPurpose, body: Buffer): Buffer {
  return hmacSha256(secret, purpose, '\0', body).subarray(0, MAC_BYTES);
}

export function signCompactToken(secret: string, purpose: TokenPurpose, subject: Buffer, expiresAt: Date): string {
  const body = Buffer.alloc(subject.length + EXPIRY_BYTES);
  subject.copy(body);
  body.writeUInt32BE(Math.floor(expiresAt.getTime() / 1000), subject.length);
  return `${body.toString('base64url')}.${mac(secret, purpose, body).toString('base64url')}`;
}

/**
 * The subject bytes when the token was signed by one of `secrets` for `purpose` and has not
 * expired; null otherwise. Every key is tried even after a match, so timing does not tell which.
 */
export function verifyCompactToken(
  secrets: Array<string | undefined>,
  purpose: TokenPurpose,
  token: string,
  now = new Date(),
): Buffer | null {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const [encodedBody, encodedMac, extra] = token.split('.');
  if (!encodedBody || !encodedMac || extra !== undefined) return null;
  const body = Buffer.from(encodedBody, 'base64url');
  const given = Buffer.from(encodedMac, 'base64url');
  if (body.length <= EXPIRY_BYTES || given.length !== MAC_BYTES) return null;
  let matched = false;
  for (const secret of secrets) {
    if (secret && timingSafeEqual(given, mac(secret, purpose, body))) matched = true;
  }
  if (!matched) return null;
  const expiry = body.readUInt32BE(body.length - EXPIRY_BYTES);
  if (expiry * 1000 <= now.getTime()) return null;
  return body.subarray(0, body.length - EXPIRY_BYTES);
}
