import type { Config } from '@paperboy/config';
import { compactLinkFor, readCompactToken, readToken } from '@paperboy/subscriptions';

type LinkConfig = Pick<Config, 'appSecret' | 'previousAppSecret' | 'publicUrl'>;

export type Verdict = 'more' | 'less';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a value from a URL can be a subscriber or paper id (Postgres rejects anything else loudly). */
export const isUuid = (value: string) => UUID.test(value);

const uuidBytes = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex');
const uuidOf = (bytes: Buffer) => bytes.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

/**
 * "More like this" and "Less like this" for one paper in one reader's email: one signed token
 * names both (a link is useless for another reader or another paper), the verdict is the last
 * path segment. Opening either only shows a page; its button records the choice. The token is the
 * compact kind (the two ids as 32 bytes): an email carries twenty of these links, in two parts.
 */
export function feedbackLinks(config: LinkConfig, subscriberId: string, paperId: string, now = new Date()) {
  const base = compactLinkFor(config, 'feedback', Buffer.concat([uuidBytes(subscriberId), uuidBytes(paperId)]), now);
  return { moreUrl: `${base}/more`, lessUrl: `${base}/less` };
}

/**
 * The reader and paper a feedback token was signed for, or null for any bad or expired token.
 * Emails sent before the compact tokens carry the longer JSON kind, still accepted until they expire.
 */
export function readFeedbackToken(config: LinkConfig, token: string): { subscriberId: string; paperId: string } | null {
  const compact = readCompactToken(config, 'feedback', token);
  if (compact)
    return compact.length === 32 ? { subscriberId: uuidOf(compact.subarray(0, 16)), paperId: uuidOf(compact.subarray(16)) } : null;
  const [subscriberId, paperId, extra] = readToken(config, 'feedback', token)?.split('/') ?? [];
  if (!subscriberId || !paperId || extra !== undefined || !isUuid(subscriberId) || !isUuid(paperId)) return null;
  return { subscriberId, paperId };
}
