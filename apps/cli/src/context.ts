import type { Config } from '@paperboy/config';
import { createDb, type Db } from '@paperboy/db';
import { closeQueueContext, createQueueContext, type QueueContext } from '@paperboy/queue';

const REDIS_TIMEOUT_MS = 5_000;

/**
 * The connections a command uses, opened on first use (so `classify` or `migrate` never touch
 * Redis) and all closed by `close()`, which lets the process end on its own.
 */
export class CliContext {
  private database: Db | undefined;
  private queueContext: QueueContext | undefined;

  constructor(readonly config: Config) {}

  get db(): Db {
    this.database ??= createDb(this.config.databaseUrl, { max: 4 });
    return this.database;
  }

  /** The queue connection, checked: the BullMQ connection waits forever for a Redis that is down. */
  async queue(): Promise<QueueContext> {
    if (this.queueContext) return this.queueContext;
    const context = createQueueContext(this.config.redisUrl, this.config.queuePrefix);
    let lastError = '';
    // Without a listener ioredis prints every failed reconnect attempt to stderr.
    context.redis.on('error', (error: Error) => {
      lastError = error.message;
    });
    try {
      await withTimeout(context.redis.ping(), REDIS_TIMEOUT_MS);
    } catch {
      context.redis.disconnect();
      const host = new URL(this.config.redisUrl).host;
      throw new Error(`Redis at ${host} is unreachable${lastError ? ` (${lastError})` : ''}`);
    }
    this.queueContext = context;
    return context;
  }

  async close(): Promise<void> {
    const closing: Promise<void>[] = [];
    if (this.queueContext) closing.push(closeQueueContext(this.queueContext));
    if (this.database) closing.push(this.database.$disconnect());
    this.queueContext = undefined;
    this.database = undefined;
    await Promise.allSettled(closing);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
