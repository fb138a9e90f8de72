import { adminFailuresPerIp, forgiveRateLimitHit, hitRateLimit, subscribesPerIp } from '@paperboy/subscriptions';
import type { Context, MiddlewareHandler } from 'hono';
import { jsx } from 'hono/jsx';
import { rateLimitSubject, requesterIp } from './rate-limit-ip.ts';
import type { ApiServices } from './services.ts';
import { MessagePage } from './views/layout.tsx';

type LimitServices = Pick<ApiServices, 'config' | 'queue'>;

/** API clients get JSON; people using the no-JavaScript form get a page they can read. */
export type RefusalFormat = 'json' | 'page';

function refuse(c: Context, format: RefusalFormat, retryAfterMs: number) {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  c.header('Retry-After', String(seconds));
  if (format === 'json') return c.json({ error: 'rate_limited', retryAfterSeconds: seconds }, 429);
  const advice = `Too many requests came from your network. Please try again in ${Math.ceil(seconds / 60)} minute(s).`;
  return c.html(MessagePage({ title: 'Please wait a moment', children: jsx('p', {}, advice) }), 429);
}

/** The counter subject for this request; none only for in-process requests (no socket). */
function subjectOf(c: Context, services: LimitServices): string | undefined {
  const ip = requesterIp(c, services.config.trustProxy);
  return ip ? rateLimitSubject(ip) : undefined;
}

/** Every subscribe request counts, valid or not: a flood is a flood whatever it carries. */
export function limitSubscribes(services: LimitServices, format: RefusalFormat): MiddlewareHandler {
  const rule = subscribesPerIp(services.config.rateLimit.subscribesPerIp);
  return async (c, next) => {
    const subject = subjectOf(c, services);
    const decision = subject ? await hitRateLimit(services.queue, rule, subject) : undefined;
    if (decision && !decision.allowed) return refuse(c, format, decision.retryAfterMs);
    await next();
  };
}

/**
 * Counts rejected admin tokens per client address. Every request counts until its token proves
 * right (then the hit is taken back), so parallel guesses cannot outrun the counter; past the
 * limit the address is refused before its token is even looked at.
 */
export function limitAdminFailures(services: LimitServices): MiddlewareHandler {
  const rule = adminFailuresPerIp(services.config.rateLimit.adminFailuresPerIp);
  return async (c, next) => {
    const subject = subjectOf(c, services);
    const decision = subject ? await hitRateLimit(services.queue, rule, subject) : undefined;
    if (decision && !decision.allowed) return refuse(c, 'json', decision.retryAfterMs);
    await next();
    if (subject && c.res.status !== 401) await forgiveRateLimitHit(services.queue, rule, subject);
  };
}
