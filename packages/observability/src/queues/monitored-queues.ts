import { digestTickJob, sendDigestsJob } from '@paperboy/digest';
import { fitReaderModelJob } from '@paperboy/feedback';
import { embedPapersJob, ingestJob, resolveSeedPapersJob } from '@paperboy/papers';
import { outboxSweepJob, subscribeRequestsJob, subscriptionMailJob } from '@paperboy/subscriptions';

/**
 * The queues operators watch on the dashboard and in /metrics. A test checks that the worker
 * registry processes exactly these, so a new job cannot go unwatched.
 */
export const MONITORED_QUEUES: readonly string[] = [
  subscribeRequestsJob,
  subscriptionMailJob,
  outboxSweepJob,
  digestTickJob,
  sendDigestsJob,
  ingestJob,
  embedPapersJob,
  resolveSeedPapersJob,
  fitReaderModelJob,
].map((job) => job.queue);
