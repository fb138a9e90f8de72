import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signCompactToken, verifyCompactToken } from './compact.ts';

const secret = 'a-secret-that-is-long-enough-for-tests-000';
const subject = Buffer.from('7f0c2a526a3c4f0e9a437c3b0e3d9b1101234567890abcdef0123456789abcde', 'hex');
const nextYear = new Date('2027-12-01T00:00:00Z');
const now = new Date('2026-12-04T00:00:00Z');

describe('compact link tokens', () => {
  it('gives back the subject bytes, in about 70 characters for two ids', () => {
    const token = signCompactToken(secret, 'feedback', subject, nextYear);
    expect(token.length).toBeLessThanOrEqual(72);
    expect(verifyCompactToken([secret], 'feedback', token, now)).toEqual(subject);
  });

  it('refuses a token made for another purpose or with another key', () => {
    expect(verifyCompactToken([secret], 'unsubscribe', signCompactToken(secret, 'feedback', subject, nextYear), now)).toBeNull();
    expect(verifyCompactToken([secret], 'feedback', signCompactToken('another-secret', 'feedback', subject, nextYear), now)).toBeNull();
  });

  it('refuses every tampered byte of the subject, the expiry and the MAC, and truncated or padded tokens', () => {
    const token = signCompactToken(secret, 'feedback', subject, nextYear);
    const [body, mac] = token.split('.') as [string, string];
    const bodyBytes = Buffer.from(body, 'base64url');
    for (let i = 0; i < bodyBytes.length; i++) {
      const tampered = Buffer.from(bodyBytes);
      tampered[i] = (tampered[i] ?? 0) ^ 1;
      expect(verifyCompactToken([secret], 'feedback', `${tampered.toString('base64url')}.${mac}`, now), `byte ${i}`).toBeNull();
    }
    const macBytes = Buffer.from(mac, 'base64url');
    macBytes[0] = (macBytes[0] ?? 0) ^ 1;
    expect(verifyCompactToken([secret], 'feedback', `${body}.${macBytes.toString('base64url')}`, now)).toBeNull();
    for (const bad of [
      token.slice(0, -2),
      `${token}.x`,
      body,
      `${body}.`,
      '.',
      'not a token',
      `${body}.${randomBytes(32).toString('base64url')}`,
    ]) {
      expect(verifyCompactToken([secret], 'feedback', bad, now), bad).toBeNull();
    }
  });

  it('expires at its deadline, to the second', () => {
    const token = signCompactToken(secret, 'feedback', subject, new Date('2026-12-10T12:00:00Z'));
    expect(verifyCompactToken([secret], 'feedback', token, new Date('2026-12-10T11:59:59Z'))).toEqual(subject);
    expect(verifyCompactToken([secret], 'feedback', token, new Date('2026-12-10T12:00:00Z'))).toBeNull();
  });

  it('keeps links working while the previous key is still configured', () => {
    const token = signCompactToken('old-secret-old-secret-old-secret-0', 'feedback', subject, nextYear);
    expect(verifyCompactToken([secret, 'old-secret-old-secret-old-secret-0'], 'feedback', token, now)).toEqual(subject);
    expect(verifyCompactToken([secret, undefined], 'feedback', token, now)).toBeNull();
  });
});
