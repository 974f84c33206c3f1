import { randomUUID } from 'node:crypto';
import { BullMqJobQueue } from './bullmq-job-queue';
import { jobQueueContract } from '../../../../test/contract/job-queue.contract';
import { RedisServer } from '../../../../test/support/redis-server';

const redis = new RedisServer();
beforeAll(() => redis.start());
afterAll(() => redis.stop());

jobQueueContract('BullMQ on a real Redis', async () => new BullMqJobQueue({ redisUrl: redis.url, queueName: `q-${randomUUID()}` }));
