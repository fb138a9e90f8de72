import type { Config } from '@paperboy/config';
import { signToken, verifyToken } from '@paperboy/tokens';

type LinkConfig = Pick<Config, 'appSecret' | 'previousAppSecret' | 'publicUrl'>;

/** Confirmation links expire after a week; the others must keep working in old emails. */
export const CONFIRM_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** The purposes that are links in emails (others, like admin sessions, never appear in a URL). */
type LinkPurpose = 'confirm' | 'preferences' | 'unsubscribe' | 'digest';

const PATHS: Record<LinkPurpose, string> = {
  confirm: 'confirm',
  preferences: 'preferences',
  unsubscribe: 'unsubscribe',
  digest: 'digests',
};

export function linkFor(config: LinkConfig, purpose: LinkPurpose, subject: string, now = new Date()): string {
  const expiresAt = purpose === 'confirm' ? new Date(now.getTime() + CONFIRM_LINK_TTL_MS) : undefined;
  return `${config.publicUrl}/${PATHS[purpose]}/${signToken(config.appSecret, purpose, subject, expiresAt)}`;
}

/** The subject (subscriber or delivery id) a link's token was made for, or null for any bad token. */
export function readToken(config: LinkConfig, purpose: LinkPurpose, token: string): string | null {
  return verifyToken([config.appSecret, config.previousAppSecret], purpose, token);
}

export function subscriberLinks(config: LinkConfig, subscriberId: string) {
  return {
    preferencesUrl: linkFor(config, 'preferences', subscriberId),
    unsubscribeUrl: linkFor(config, 'unsubscribe', subscriberId),
  };
}
