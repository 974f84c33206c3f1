export * from './job-queue.port';
export * from './in-process/in-process-job-queue';
export * from './bullmq/bullmq-job-queue';
export * from './create-job-queue';
