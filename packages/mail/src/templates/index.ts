export { compileEmailTemplates } from './compile.ts';
export { TemplateError } from './template.ts';
export type {
  AlreadySubscribedInput,
  ConfirmationInput,
  DigestInput,
  DigestPaper,
  EmailTemplates,
  FooterInput,
  RenderedDigest,
  RenderedEmail,
} from './types.ts';
