export { type CapturedMail, type MailCapture, startMailCapture } from './capture.ts';
export { classifySendFailure, SendError, type SendOutcome } from './send-error.ts';
export * from './templates/index.ts';
export { createMailer, type Mailer, type OutgoingMail, type SendResult } from './transport.ts';
