import type { QueueContext } from '@paperboy/queue';

/** A fixed-window limit: at most `limit` hits per `windowMs` for one subject (0 = no limit). */
export interface RateLimitRule {
  name: string;
  limit: number;
  windowMs: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** How long until the window resets; 0 while under the limit. */
  retryAfterMs: number;
}

// INCR and the expiry in one script: concurrent requests cannot both slip under the limit, and a
// crash between the two commands cannot leave a counter without expiry (a permanent lock-out).
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

const HOUR_MS = 60 * 60 * 1000;

/** Subscription requests per client address per hour. */
export const subscribesPerIp = (limit: number): RateLimitRule => ({ name: 'subscribe-ip', limit, windowMs: HOUR_MS });
/** Confirmation (or "already subscribed") emails per address per day, on top of the 10-minute gap. */
export const confirmationsPerAddress = (limit: number): RateLimitRule => ({ name: 'confirmations', limit, windowMs: 24 * HOUR_MS });
/** Rejected admin tokens per client address per 15 minutes. */
export const adminFailuresPerIp = (limit: number): RateLimitRule => ({ name: 'admin-failures', limit, windowMs: HOUR_MS / 4 });

// Under the queue prefix, so a Redis Cluster hash tag in the prefix keeps them with the queues.
function keyFor(queue: QueueContext, rule: RateLimitRule, subject: string): string {
  return `${queue.prefix}:rate-limit:${rule.name}:${subject}`;
}

/** Counts one hit against `subject` and says whether it is within the limit. */
export async function hitRateLimit(queue: QueueContext, rule: RateLimitRule, subject: string): Promise<RateLimitDecision> {
  if (rule.limit <= 0) return { allowed: true, retryAfterMs: 0 };
  const [count, ttl] = (await queue.redis.eval(HIT_SCRIPT, 1, keyFor(queue, rule, subject), rule.windowMs)) as [number, number];
  return count <= rule.limit ? { allowed: true, retryAfterMs: 0 } : { allowed: false, retryAfterMs: ttl };
}

// Only while the window lasts: a DECR on an expired key would create one without expiry.
const FORGIVE_SCRIPT = `if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end return 0`;

/**
 * Takes back a hit that turned out not to count (an admin request whose token was right). Hits are
 * counted before the outcome is known, so that requests sent in parallel cannot all slip in
 * before any of them is counted.
 */
export async function forgiveRateLimitHit(queue: QueueContext, rule: RateLimitRule, subject: string): Promise<void> {
  if (rule.limit > 0) await queue.redis.eval(FORGIVE_SCRIPT, 1, keyFor(queue, rule, subject));
}
