import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '@paperboy/config';
import { signToken, verifyToken } from '@paperboy/tokens';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

// The operator's session: a cookie holding a token signed with APP_SECRET that expires on its own.
// Nothing is stored server-side; changing ADMIN_TOKEN or APP_SECRET ends every session.

const COOKIE = 'paperboy_admin';
const SESSION_HOURS = 12;

type SessionConfig = Pick<Config, 'appSecret' | 'previousAppSecret' | 'publicUrl'>;

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time; hashing first gives both sides one length, so not even the length leaks. */
export function tokenMatches(given: string, adminToken: string): boolean {
  return timingSafeEqual(sha256(given), sha256(adminToken));
}

/** Names the admin token the session was opened with (by a hash), so rotating it signs everyone out. */
function sessionSubject(adminToken: string): string {
  return `admin:${sha256(`paperboy-admin-session:${adminToken}`).toString('base64url').slice(0, 22)}`;
}

function cookieOptions(config: SessionConfig) {
  return { httpOnly: true, sameSite: 'Strict', secure: config.publicUrl.startsWith('https:'), path: '/admin' } as const;
}

export function openSession(c: Context, config: SessionConfig, adminToken: string): void {
  const expires = new Date(Date.now() + SESSION_HOURS * 3_600_000);
  const token = signToken(config.appSecret, 'admin-session', sessionSubject(adminToken), expires);
  setCookie(c, COOKIE, token, { ...cookieOptions(config), expires });
}

export function closeSession(c: Context, config: SessionConfig): void {
  deleteCookie(c, COOKIE, cookieOptions(config));
}

/** A valid bearer header (scripts, curl) or session cookie (the browser, after /admin/login). */
export function isAdmin(c: Context, config: SessionConfig, adminToken: string): boolean {
  const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  if (bearer !== undefined) return tokenMatches(bearer, adminToken);
  const cookie = getCookie(c, COOKIE);
  if (cookie === undefined) return false;
  return verifyToken([config.appSecret, config.previousAppSecret], 'admin-session', cookie) === sessionSubject(adminToken);
}
