import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from './tokens.ts';

const secret = 'a-secret-that-is-long-enough-for-tests-000';
const subscriber = '7f0c2a52-6a3c-4f0e-9a43-7c3b0e3d9b11';

describe('link tokens', () => {
  it('gives back the subscriber for the purpose it was made for', () => {
    const token = signToken(secret, 'unsubscribe', subscriber);
    expect(verifyToken([secret], 'unsubscribe', token)).toBe(subscriber);
  });

  it('refuses a token made for another purpose, so a confirm link cannot unsubscribe', () => {
    const token = signToken(secret, 'confirm', subscriber);
    expect(verifyToken([secret], 'unsubscribe', token)).toBeNull();
  });

  it('refuses forged, truncated and tampered tokens', () => {
    const token = signToken(secret, 'preferences', subscriber);
    const [payload, signature] = token.split('.') as [string, string];
    const otherPayload = Buffer.from(JSON.stringify({ p: 'preferences', s: 'someone-else' })).toString('base64url');
    expect(verifyToken([secret], 'preferences', signToken('another-secret', 'preferences', subscriber))).toBeNull();
    expect(verifyToken([secret], 'preferences', token.slice(0, -3))).toBeNull();
    expect(verifyToken([secret], 'preferences', `${otherPayload}.${signature}`)).toBeNull();
    expect(verifyToken([secret], 'preferences', payload)).toBeNull();
    expect(verifyToken([secret], 'preferences', `${token}.x`)).toBeNull();
    expect(verifyToken([secret], 'preferences', 'not a token')).toBeNull();
  });

  it('expires confirmation links at their deadline', () => {
    const expiresAt = new Date('2026-01-08T00:00:00Z');
    const token = signToken(secret, 'confirm', subscriber, expiresAt);
    expect(verifyToken([secret], 'confirm', token, new Date('2026-01-07T23:59:00Z'))).toBe(subscriber);
    expect(verifyToken([secret], 'confirm', token, new Date('2026-01-08T00:00:01Z'))).toBeNull();
  });

  it('keeps old links working while the previous secret is still configured', () => {
    const token = signToken('old-secret-old-secret-old-secret-0', 'unsubscribe', subscriber);
    expect(verifyToken([secret, 'old-secret-old-secret-old-secret-0'], 'unsubscribe', token)).toBe(subscriber);
    expect(verifyToken([secret, undefined], 'unsubscribe', token)).toBeNull();
  });
});
