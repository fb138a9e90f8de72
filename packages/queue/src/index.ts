export { closeQueueContext, createQueueContext, createRedis, type QueueContext, type RedisClient, type RedisRole } from './context.ts';
export { defineJob, enqueue, enqueueBulk, getQueue, type JobDefinition, startWorker } from './jobs.ts';
export { deleteKeysUnder, type RedisServer, redisServers, scanKeys } from './keys.ts';
export { scheduleEvery } from './schedule.ts';
