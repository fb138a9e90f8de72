export { type CapturedMail, type CaptureReply, type MailCapture, type MailCaptureOptions, startMailCapture } from './capture.ts';
export { type CounterStore, withSendRateLimit } from './rate-limit.ts';
export { createSemaphore, type Semaphore } from './semaphore.ts';
export { classifySendFailure, SendError, type SendOutcome } from './send-error.ts';
export * from './templates/index.ts';
export { createMailer, createMessageBuilder, type Mailer, type OutgoingMail, type SendResult } from './transport.ts';
