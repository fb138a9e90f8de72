import type { Mailer } from './transport.ts';

/** The two Redis commands the limiter needs (an ioredis client fits). */
export interface CounterStore {
  incr(key: string): Promise<number>;
  pexpire(key: string, milliseconds: number): Promise<number>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Caps sends at `perSecond` across every worker process sharing `store` (a counter per one-second
 * window in Redis), for SMTP providers that throttle. A send over the cap waits for the next window.
 */
export function withSendRateLimit(mailer: Mailer, store: CounterStore, key: string, perSecond: number): Mailer {
  if (perSecond <= 0) return mailer;
  async function waitForSlot(): Promise<void> {
    for (;;) {
      const second = Math.floor(Date.now() / 1000);
      const windowKey = `${key}:${second}`;
      const used = await store.incr(windowKey);
      if (used === 1) await store.pexpire(windowKey, 2000);
      if (used <= perSecond) return;
      await sleep((second + 1) * 1000 - Date.now() + Math.random() * 20);
    }
  }
  return {
    async send(mail) {
      await waitForSlot();
      return mailer.send(mail);
    },
    close: () => mailer.close(),
  };
}
