import type { Db } from '@paperboy/db';
import type { QueueContext } from '@paperboy/queue';
import { parseInput, subscriptionSchema } from './input.ts';
import { createDrainKicker, type DrainKicker } from './subscribe-requests.job.ts';
import { createSubscribeRequestWriter, type NewSubscribeRequest } from './subscribe-requests.ts';
import { createTopicCache, type TopicCache } from './topics.ts';

/** What accepting subscribe requests needs, built once per API process. */
export interface SubscribeIntake {
  topics: TopicCache;
  store: (request: NewSubscribeRequest) => Promise<void>;
  drainKicker: DrainKicker;
}

/** `onKickError` hears when the worker could not be told (Redis down); the requests are stored all the same. */
export function createSubscribeIntake(db: Db, queue: QueueContext, onKickError: (error: unknown) => void): SubscribeIntake {
  return { topics: createTopicCache(db), store: createSubscribeRequestWriter(db), drainKicker: createDrainKicker(queue, onKickError) };
}

/**
 * Accepts a subscription request: validates it (an InputError names each bad field), stores it and
 * tells the worker, which does the rest (handleSubscribeRequests). The same work for every valid
 * request, whoever the address belongs to, so neither the answer nor its timing tells the caller
 * whether the address is new, pending, confirmed or erased: its owner finds out by email.
 */
export async function subscribe(intake: SubscribeIntake, input: unknown, context: { ip?: string } = {}): Promise<void> {
  const { topics, email, ...choices } = parseInput(subscriptionSchema, input);
  const topicIds = await intake.topics.resolve(topics);
  await intake.store({ email, topicIds, ...choices, ip: context.ip ?? null });
  intake.drainKicker.kick();
}
