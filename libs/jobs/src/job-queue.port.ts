/** DI token for the job port. */
export const JOB_QUEUE = Symbol('JOB_QUEUE');

export type JobState = 'waiting' | 'active' | 'completed' | 'failed' | 'delayed';

export type JobProgress = Readonly<{ done: number; total: number; message?: string }>;

export type JobContext = Readonly<{
  id: string;
  /** 1 on the first try. */
  attempt: number;
  reportProgress: (progress: JobProgress) => Promise<void>;
}>;

export type JobHandler<Payload = unknown, Result = unknown> = (payload: Payload, context: JobContext) => Promise<Result>;

export type EnqueueOptions = Readonly<{
  /** Same id → the same job: enqueueing again returns the existing job and runs nothing twice. */
  jobId?: string;
  attempts?: number;
  backoffMs?: number;
}>;

export type JobStatus<Result = unknown> = Readonly<{
  id: string;
  name: string;
  state: JobState;
  progress: JobProgress | null;
  attemptsMade: number;
  result?: Result;
  failedReason?: string;
}>;

/** Jobs not finished, by state: what an operator watches the queue by (`/metrics`). */
export type QueueDepth = Readonly<{ waiting: number; active: number; delayed: number }>;

export type ProgressListener = (jobId: string, progress: JobProgress) => void;

export interface JobQueue {
  readonly kind: 'in-process' | 'bullmq';
  /** Handlers run only in a process that calls `startProcessing` (the worker, or the embedded default). */
  register<P, R>(name: string, handler: JobHandler<P, R>): void;
  startProcessing(): Promise<void>;
  enqueue<P>(name: string, payload: P, options?: EnqueueOptions): Promise<{ id: string; created: boolean }>;
  status<R = unknown>(jobId: string): Promise<JobStatus<R> | null>;
  /** Resolves with the final status (completed or failed after its last attempt). */
  waitUntilFinished<R = unknown>(jobId: string, timeoutMs?: number): Promise<JobStatus<R>>;
  onProgress(listener: ProgressListener): () => void;
  /** Jobs waiting, running and delayed (retries waiting for their back-off) right now. */
  depth(): Promise<QueueDepth>;
  close(): Promise<void>;
}
