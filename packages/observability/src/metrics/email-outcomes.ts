import type { DeliveryResult } from '@paperboy/digest';

/** What became of one email Paperboy meant to send (the `outcome` label). */
export type EmailOutcome = 'sent' | 'skipped' | 'transient' | 'permanent' | 'unknown';

/** A digest delivery's result as an email outcome; undefined when another worker had it. */
export function outcomeOfDelivery(result: DeliveryResult): EmailOutcome | undefined {
  if (result === 'not-claimed') return undefined;
  if (result === 'retry') return 'transient';
  if (result === 'failed') return 'permanent';
  return result;
}
