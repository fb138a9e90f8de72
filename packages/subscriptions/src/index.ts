export { confirmSubscription, subscriberStatus } from './confirm.ts';
export type { SubscriptionDeps } from './deps.ts';
export {
  choosesSomething,
  fieldErrors,
  InputError,
  MAX_AUTHORS,
  MAX_INTERESTS_LENGTH,
  MAX_KEYWORDS,
  MAX_SEED_PAPERS,
  NOTHING_CHOSEN,
  PAPERS_PER_EMAIL,
  type Preferences,
  parseInput,
  preferencesSchema,
  type SubscriptionInput,
  subscriptionSchema,
} from './input.ts';
export { compactLinkFor, linkFor, readCompactToken, readToken, subscriberLinks } from './links.ts';
export { RESEND_INTERVAL_MINUTES, summarizeOutbox } from './outbox.ts';
export { outboxSweepJob, scheduleOutboxSweeps, sweepOutbox } from './outbox-sweep.job.ts';
export { getPreferences, type SubscriberPreferences, updatePreferences } from './preferences.ts';
export {
  adminFailuresPerIp,
  confirmationsPerAddress,
  forgiveRateLimitHit,
  hitRateLimit,
  type RateLimitDecision,
  type RateLimitRule,
  subscribesPerIp,
} from './rate-limit.ts';
export { redisEvictionWarning } from './rate-limit-eviction.ts';
export { createSubscribeIntake, type SubscribeIntake, subscribe } from './subscribe.ts';
export {
  drainSubscribeRequests,
  scheduleSubscribeRequestDrains,
  subscribeRequestsJob,
} from './subscribe-requests.job.ts';
export { countSubscribeRequests } from './subscribe-requests.ts';
export {
  queueSubscriptionMail,
  type SubscriptionMailDeps,
  sendSubscriptionMails,
  subscriptionMailJob,
} from './subscription-mail.job.ts';
export { emailHash, isSuppressed } from './suppression.ts';
export { listTopics, resolveTopicIds } from './topics.ts';
export { deleteSubscriberData, resubscribe, unsubscribe } from './unsubscribe.ts';
