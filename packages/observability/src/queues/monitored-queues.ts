import { digestTickJob, sendDigestsJob } from '@paperboy/digest';
import { embedPapersJob, ingestJob } from '@paperboy/papers';
import { subscribeRequestsJob, subscriptionMailJob } from '@paperboy/subscriptions';

/**
 * The queues operators watch on the dashboard and in /metrics. A test checks that the worker
 * registry processes exactly these, so a new job cannot go unwatched.
 */
export const MONITORED_QUEUES: readonly string[] = [
  subscribeRequestsJob,
  subscriptionMailJob,
  digestTickJob,
  sendDigestsJob,
  ingestJob,
  embedPapersJob,
].map((job) => job.queue);
