import type { DeliveryResult } from '@paperboy/digest';
import { SendError } from '@paperboy/mail';
import { UnrecoverableError } from 'bullmq';

/** What became of one email Paperboy meant to send (the `outcome` label). */
export type EmailOutcome = 'sent' | 'skipped' | 'transient' | 'permanent' | 'unknown';

/** A digest delivery's result as an email outcome; undefined when another worker had it. */
export function outcomeOfDelivery(result: DeliveryResult): EmailOutcome | undefined {
  if (result === 'not-claimed') return undefined;
  if (result === 'retry') return 'transient';
  if (result === 'failed') return 'permanent';
  return result;
}

/**
 * Why a send threw. The subscription mail job turns a permanent refusal into BullMQ's
 * UnrecoverableError (no retry); anything else that is not a classified SMTP failure is retried.
 */
export function outcomeOfSendFailure(error: unknown): EmailOutcome {
  if (error instanceof SendError) return error.outcome;
  if (error instanceof UnrecoverableError) return 'permanent';
  return 'transient';
}
