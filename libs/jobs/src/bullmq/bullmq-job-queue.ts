import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import IORedis from 'ioredis';
import type { EnqueueOptions, JobHandler, JobProgress, JobQueue, JobStatus, ProgressListener, QueueDepth } from '../job-queue.port';

export type BullMqJobQueueOptions = Readonly<{
  redisUrl: string;
  queueName?: string;
  concurrency?: number;
}>;

/**
 * BullMQ on Redis (selected by REDIS_URL). One queue; the job name picks the handler. The API
 * process only enqueues and reads status; the worker process calls startProcessing.
 */
export class BullMqJobQueue implements JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly connection: IORedis;
  private readonly queue: Queue;
  private readonly events: Promise<QueueEvents>;
  private worker: Worker | null = null;
  private readonly handlers = new Map<string, JobHandler<any, any>>();
  private readonly listeners = new Set<ProgressListener>();
  private readonly queueName: string;
  /** BullMQ does not close connections it was handed; we do. */
  private readonly connections: IORedis[] = [];

  constructor(private readonly options: BullMqJobQueueOptions) {
    this.queueName = options.queueName ?? 'asb-jobs';
    // Workers block on Redis; BullMQ requires maxRetriesPerRequest null for them.
    this.connection = new IORedis(options.redisUrl, { maxRetriesPerRequest: null });
    this.queue = new Queue(this.queueName, { connection: this.connection });
    this.events = this.openEvents();
    this.events.catch(() => undefined); // surfaced by the first call that awaits it
  }

  /**
   * QueueEvents reads the events stream from '$' by default: whatever a job reports before its first
   * XREAD reaches Redis is lost. Starting from the stream's last id as it is now closes that gap.
   */
  private async openEvents(): Promise<QueueEvents> {
    const [last] = await this.connection.xrevrange(this.queue.keys.events, '+', '-', 'COUNT', 1);
    const events = new QueueEvents(this.queueName, { connection: this.duplicate(), lastEventId: last?.[0] ?? '0-0' });
    events.on('progress', ({ jobId, data }) => {
      for (const l of this.listeners) l(jobId, data as JobProgress);
    });
    await events.waitUntilReady();
    return events;
  }

  private duplicate(): IORedis {
    const connection = this.connection.duplicate();
    this.connections.push(connection);
    return connection;
  }

  register<P, R>(name: string, handler: JobHandler<P, R>): void {
    this.handlers.set(name, handler);
  }

  async startProcessing(): Promise<void> {
    if (this.worker) return;
    this.worker = new Worker(
      this.queueName,
      async (job: Job) => {
        const handler = this.handlers.get(job.name);
        if (!handler) throw new Error(`no handler registered for job ${job.name}`);
        return handler(job.data, {
          id: job.id!,
          attempt: job.attemptsStarted,
          reportProgress: (progress) => job.updateProgress(progress as object),
        });
      },
      { connection: this.duplicate(), concurrency: this.options.concurrency ?? 1 },
    );
    await this.worker.waitUntilReady();
  }

  async enqueue<P>(name: string, payload: P, options: EnqueueOptions = {}): Promise<{ id: string; created: boolean }> {
    await this.events;
    const existing = options.jobId ? await this.queue.getJob(options.jobId) : undefined;
    if (existing) return { id: existing.id!, created: false };
    const job = await this.queue.add(name, payload, {
      jobId: options.jobId,
      attempts: options.attempts ?? 1,
      backoff: { type: 'exponential', delay: options.backoffMs ?? 100 },
      removeOnComplete: false,
      removeOnFail: false,
    });
    return { id: job.id!, created: true };
  }

  async status<R>(jobId: string): Promise<JobStatus<R> | null> {
    const job = await this.queue.getJob(jobId);
    if (!job) return null;
    const raw = await job.getState();
    const state: JobStatus['state'] =
      raw === 'completed' || raw === 'failed' || raw === 'active' || raw === 'delayed' ? raw : 'waiting';
    const progress = typeof job.progress === 'object' && job.progress !== null ? (job.progress as JobProgress) : null;
    return {
      id: job.id!,
      name: job.name,
      state,
      progress,
      attemptsMade: job.attemptsStarted,
      ...(state === 'completed' ? { result: job.returnvalue as R } : {}),
      ...(job.failedReason ? { failedReason: job.failedReason } : {}),
    };
  }

  async waitUntilFinished<R>(jobId: string, timeoutMs = 60_000): Promise<JobStatus<R>> {
    const job = await this.queue.getJob(jobId);
    if (!job) throw new Error(`no job ${jobId}`);
    await job.waitUntilFinished(await this.events, timeoutMs).catch((error: Error) => {
      if (/timed out/i.test(error.message)) throw error;
    });
    return (await this.status<R>(jobId))!;
  }

  onProgress(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async depth(): Promise<QueueDepth> {
    const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
    return { waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts['waiting-children'] ?? 0), active: counts.active ?? 0, delayed: counts.delayed ?? 0 };
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await (await this.events.catch(() => null))?.close();
    await this.queue.close();
    for (const c of [...this.connections, this.connection]) c.disconnect();
  }
}
