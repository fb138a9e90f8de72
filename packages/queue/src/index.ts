export { closeQueueContext, createQueueContext, createRedis, type QueueContext } from './context.ts';
export { defineJob, enqueue, enqueueBulk, getQueue, type JobDefinition, startWorker } from './jobs.ts';
