import { join } from 'node:path';
import { BullMqJobQueue } from './bullmq/bullmq-job-queue';
import type { JobQueue } from './job-queue.port';
import { InProcessJobQueue } from './in-process/in-process-job-queue';

/** REDIS_URL → BullMQ; otherwise the in-process runner, its jobs kept under the data directory. */
export const createJobQueue = (config: { redisUrl?: string; dataDir?: string }): JobQueue =>
  config.redisUrl
    ? new BullMqJobQueue({ redisUrl: config.redisUrl })
    : new InProcessJobQueue({ file: config.dataDir ? join(config.dataDir, 'jobs.db') : ':memory:' });
