import type { Config } from '@paperboy/config';
import { signCompactToken, signToken, verifyCompactToken, verifyToken } from '@paperboy/tokens';

type LinkConfig = Pick<Config, 'appSecret' | 'previousAppSecret' | 'publicUrl'>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Confirmation links expire after a week; the others must keep working in old emails. */
export const CONFIRM_LINK_TTL_MS = 7 * DAY_MS;
/**
 * "More / Less like this" links expire after 90 days: a reader reacts to a digest within days, and
 * an old email forwarded to someone else stops steering its owner's digest after a season.
 */
export const FEEDBACK_LINK_TTL_MS = 90 * DAY_MS;

/** The purposes that are links in emails (others, like admin sessions, never appear in a URL). */
type LinkPurpose = 'confirm' | 'preferences' | 'unsubscribe' | 'digest' | 'feedback';

const PATHS: Record<LinkPurpose, string> = {
  confirm: 'confirm',
  preferences: 'preferences',
  unsubscribe: 'unsubscribe',
  digest: 'digests',
  feedback: 'feedback',
};

const TTL_MS: Partial<Record<LinkPurpose, number>> = { confirm: CONFIRM_LINK_TTL_MS, feedback: FEEDBACK_LINK_TTL_MS };

export function linkFor(config: LinkConfig, purpose: LinkPurpose, subject: string, now = new Date()): string {
  const ttl = TTL_MS[purpose];
  const expiresAt = ttl === undefined ? undefined : new Date(now.getTime() + ttl);
  return `${config.publicUrl}/${PATHS[purpose]}/${signToken(config.appSecret, purpose, subject, expiresAt)}`;
}

/** The subject (subscriber or delivery id) a link's token was made for, or null for any bad token. */
export function readToken(config: LinkConfig, purpose: LinkPurpose, token: string): string | null {
  return verifyToken([config.appSecret, config.previousAppSecret], purpose, token);
}

/** A link whose token is compact (binary subject, short MAC): for links an email repeats many times. */
export function compactLinkFor(config: LinkConfig, purpose: 'feedback', subject: Buffer, now = new Date()): string {
  const expiresAt = new Date(now.getTime() + (TTL_MS[purpose] ?? 0));
  return `${config.publicUrl}/${PATHS[purpose]}/${signCompactToken(config.appSecret, purpose, subject, expiresAt)}`;
}

/** The subject bytes a compact link's token was made for, or null for any bad or expired token. */
export function readCompactToken(config: LinkConfig, purpose: 'feedback', token: string): Buffer | null {
  return verifyCompactToken([config.appSecret, config.previousAppSecret], purpose, token);
}

export function subscriberLinks(config: LinkConfig, subscriberId: string) {
  return {
    preferencesUrl: linkFor(config, 'preferences', subscriberId),
    unsubscribeUrl: linkFor(config, 'unsubscribe', subscriberId),
  };
}
