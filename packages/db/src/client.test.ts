import { describe, expect, it } from 'vitest';
import { createDb } from './client.ts';

/** The test worker's own database (set by the Vitest setup), with `options` added to its URL. */
function urlWithOptions(options?: string): string {
  const url = new URL(process.env.DATABASE_URL ?? '');
  if (options) url.searchParams.set('options', options);
  return url.toString();
}

describe('database client', () => {
  it('runs its sessions without JIT compilation, keeping the options the URL already sets', async () => {
    for (const [options, statementTimeout] of [
      [undefined, '0'],
      ['-c statement_timeout=5000', '5s'],
    ] as const) {
      const db = createDb(urlWithOptions(options));
      try {
        const [settings] = await db.$queryRaw<Array<{ jit: string; statement_timeout: string }>>`
          SELECT current_setting('jit') AS jit, current_setting('statement_timeout') AS statement_timeout`;
        expect(settings).toEqual({ jit: 'off', statement_timeout: statementTimeout });
      } finally {
        await db.$disconnect();
      }
    }
  });
});
