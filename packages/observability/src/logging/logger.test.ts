import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

/** A logger whose lines land in an array, parsed. */
function capturedLogger(level: 'info' | 'debug' = 'info') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ logLevel: level }, destination);
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('masks email addresses in the message, in fields at any depth and in serialized errors', () => {
    const { logger, lines } = capturedLogger();
    logger.info({ subscriber: { to: 'Ada.Lovelace@example.org' } }, 'sent the digest to grace@mail.example.com');
    logger.error({ err: new Error('550 5.1.1 <bob@example.net>: Recipient address rejected') }, 'send failed');

    const output = lines.join('\n');
    expect(output).not.toMatch(/Ada\.Lovelace@|grace@|bob@/);
    expect(output).toContain('A***@example.org');
    expect(output).toContain('g***@mail.example.com');
    expect(output).toContain('b***@example.net');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('redacts credentials: authorization and cookie headers, secret fields, passwords in connection URLs', () => {
    const { logger, entries } = capturedLogger();
    logger.info({
      headers: { authorization: 'Bearer admin-token-123', cookie: 'paperboy_admin=abc', 'user-agent': 'curl' },
      config: { appSecret: 'the-app-secret', adminToken: 'admin-token-123' },
      error: 'connect ECONNREFUSED smtp://mailer:hunter2@smtp.example.com:587',
    });
    const [entry] = entries();
    const text = JSON.stringify(entry);
    expect(text).not.toMatch(/admin-token-123|paperboy_admin=abc|the-app-secret|hunter2/);
    expect(entry?.headers).toMatchObject({ authorization: '[redacted]', cookie: '[redacted]', 'user-agent': 'curl' });
    expect(entry?.error).toBe('connect ECONNREFUSED smtp://***@smtp.example.com:587');
  });

  it('writes JSON lines with a readable level and an ISO time, honouring LOG_LEVEL', () => {
    const { logger, entries } = capturedLogger('info');
    logger.debug('too chatty');
    logger.warn({ queue: 'digest-send' }, 'job failed');
    expect(entries()).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'job failed', queue: 'digest-send', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }),
    ]);
  });

  it('leaves text that only looks like an address alone (package names, versions)', () => {
    const { logger, entries } = capturedLogger();
    logger.info('loaded @paperboy/config and pino@10.4.0');
    expect(entries()[0]?.msg).toBe('loaded @paperboy/config and pino@10.4.0');
  });
});
