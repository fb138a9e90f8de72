import { isIP } from 'node:net';
import type { Context } from 'hono';
import { clientIp } from './request-context.ts';

/**
 * The address to count a request against. Behind `trustProxy` reverse proxies it is read from
 * X-Forwarded-For, that many entries from the right: each proxy appends the address it was
 * reached from, so entries further left were written by the client and prove nothing. Without
 * trusted proxies the header is ignored (anyone can send it).
 */
export function requesterIp(c: Context, trustProxy: number): string | undefined {
  const forwarded = trustProxy > 0 ? c.req.header('x-forwarded-for') : undefined;
  const entries = forwarded?.split(',').map((entry) => entry.trim()) ?? [];
  const proxied = entries[entries.length - trustProxy];
  return proxied && isIP(proxied) ? proxied : clientIp(c);
}

/**
 * One counter per IPv4 address, but per /64 for IPv6: a single host usually owns a whole /64, so
 * counting its addresses one by one would be no limit at all.
 */
export function rateLimitSubject(ip: string): string {
  const mapped = ip.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i)?.[1];
  if (mapped) return mapped;
  if (isIP(ip) !== 6) return ip;
  const [head = '', tail = ''] = ip.split('%')[0]?.split('::') ?? [];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
