import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256 } from './hmac.ts';

describe('hmacSha256', () => {
  it("gives createHmac's bytes for short, block-sized, long and non-ASCII keys, called again and again", () => {
    const secrets = [
      '',
      'k',
      'x'.repeat(63),
      'y'.repeat(64),
      'z'.repeat(65),
      randomBytes(48).toString('base64url'),
      'clé secrète ✓'.repeat(9),
    ];
    for (const secret of secrets) {
      for (let round = 0; round < 3; round += 1) {
        const body = randomBytes(round * 20);
        const expected = createHmac('sha256', secret).update('feedback').update('\0').update(body).digest();
        expect(hmacSha256(secret, 'feedback', '\0', body).toString('hex'), `key of ${secret.length} characters`).toBe(
          expected.toString('hex'),
        );
      }
    }
  });
});
