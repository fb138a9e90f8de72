/**
 * What a failed send means for the message:
 * - transient: not delivered, try again later (4xx replies, refused or dropped connections
 *   before the whole message was handed over);
 * - permanent: refused for good (5xx replies), do not retry;
 * - unknown: the connection failed after the whole message was handed over, so the server may
 *   have accepted it; resending could deliver it twice.
 */
export type SendOutcome = 'transient' | 'permanent' | 'unknown';

export class SendError extends Error {
  override name = 'SendError';
  readonly responseCode?: number;
  constructor(
    override readonly cause: Error,
    readonly outcome: SendOutcome,
  ) {
    super(cause.message);
    this.responseCode = (cause as { responseCode?: number }).responseCode;
  }
}

export function classifySendFailure(error: Error, handedOver: boolean): SendOutcome {
  const code = (error as { responseCode?: number }).responseCode;
  if (typeof code === 'number') return code >= 500 ? 'permanent' : 'transient';
  return handedOver ? 'unknown' : 'transient';
}
