import { type EmailTemplate, fillEmailTemplate, footerValues } from './email-template.ts';
import type { AlreadySubscribedInput, ConfirmationInput, RenderedEmail } from './types.ts';

// Both emails answer a form anyone can submit, so they carry only the address the visitor typed:
// nothing else typed into the form can reach someone else's inbox.

export function renderConfirmation(template: EmailTemplate, input: ConfirmationInput): RenderedEmail {
  const subject = 'Confirm your subscription to Paperboy';
  const values = { subject, email: input.email, confirmUrl: input.confirmUrl, ...footerValues(input.footer) };
  return { subject, ...fillEmailTemplate(template, values) };
}

export function renderAlreadySubscribed(template: EmailTemplate, input: AlreadySubscribedInput): RenderedEmail {
  const subject = 'You’re already subscribed to Paperboy';
  const values = { subject, email: input.email, preferencesUrl: input.preferencesUrl, ...footerValues(input.footer) };
  return { subject, ...fillEmailTemplate(template, values) };
}
