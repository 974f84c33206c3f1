import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CorruptStoreError, IdempotencyConflictError, StoreDamagedError, WrongExpectedRevisionError } from '../errors';
import type { AppendResult, ExpectedRevision, NewEvent } from '../event-envelope';
import { stageTimings } from '../diagnostics/stage-timings';

/** One append of a group commit, as it travels to the writer thread. */
export type AppendRequest = Readonly<{ streamId: string; events: readonly NewEvent[]; expected: ExpectedRevision }>;
/** What became of one append: its result, or why it was refused (the others of its batch commit). */
export type AppendOutcome = { result: AppendResult } | { error: unknown };

/** An error as it crosses threads: its class by name and its own fields, so the refusal reads the same on this side. */
export type ThreadError = Readonly<{ className: string; message: string; stack?: string; fields: Record<string, unknown> }>;

export type WriterReply =
  | Readonly<{ id: number; outcomes: ReadonlyArray<{ result: AppendResult } | { error: ThreadError }>; ms?: number; size?: number }>
  | Readonly<{ id: number; failed: ThreadError }>;

const CLASSES: Record<string, { prototype: Error }> = { WrongExpectedRevisionError, IdempotencyConflictError, CorruptStoreError };

export const toThreadError = (error: unknown): ThreadError => {
  if (!(error instanceof Error)) return { className: 'Error', message: String(error), fields: {} };
  return { className: error.constructor.name, message: error.message, stack: error.stack, fields: { ...error } };
};

/** The store's own refusals come back as their classes (a stale revision is a 409, not a 500); anything else as an Error with its code. */
export const fromThreadError = (e: ThreadError): Error => {
  const error = Object.create((CLASSES[e.className] ?? Error).prototype) as Error;
  Object.assign(error, e.fields);
  Object.defineProperty(error, 'message', { value: e.message, writable: true, configurable: true });
  if (e.stack) Object.defineProperty(error, 'stack', { value: e.stack, writable: true, configurable: true });
  return error;
};

/** The thread's entry beside this file: compiled (.js), or .ts in a process run from the sources through its loader. */
const ENTRY = join(__dirname, `store-writer.main${extname(__filename)}`);

/**
 * The embedded store's writes on a thread of their own (D66): the thread holds the write connection
 * and runs each group commit — hashing, inserts, the COMMIT and its fsync — while the request thread
 * goes on serving. better-sqlite3 is synchronous, so on the request thread a slow fsync stopped every
 * request for its duration. One batch is in flight at a time; what arrives meanwhile is the next batch.
 */
export class StoreWriter {
  private readonly worker: Worker;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (outcomes: AppendOutcome[]) => void; reject: (error: unknown) => void }>();
  private failure: Error | null = null;
  private closing = false;

  constructor(file: string) {
    this.worker = new Worker(ENTRY, { workerData: { file } });
    this.worker.on('message', (m: WriterReply) => {
      const waiter = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (!waiter) return;
      if ('failed' in m) return waiter.reject(fromThreadError(m.failed));
      if (stageTimings.on && m.size !== undefined) stageTimings.batch(m.size, m.ms);
      waiter.resolve(m.outcomes.map((o) => ('error' in o ? { error: fromThreadError(o.error) } : o)));
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      // Nothing of a batch whose answer did not come back is acknowledged: the client retries it (idempotent).
      // It may have committed before the thread stopped, so its refusal does not say it was not written.
      const refusal = this.closing ? this.failure : this.refusal('this write may have been committed before its answer was lost: retry it with the same Idempotency-Key once the process has restarted');
      for (const w of this.waiting.values()) w.reject(refusal);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the event store's writer thread stopped (code ${code})`)));
  }

  /** Why the thread stopped, unless it was closed on purpose: every later append is refused, and health must say so. */
  stopped(): Error | null {
    return this.closing ? null : this.failure;
  }

  /** A stopped thread's refusal of an append: the store's damage, not an internal error (a closed store's stays as it was). */
  refusal(what: string): Error {
    const stopped = this.stopped();
    return stopped ? new StoreDamagedError(`${stopped.message}; every append is refused until the process restarts; ${what}`) : (this.failure ?? new Error('the event store is closed'));
  }

  commit(batch: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    if (this.failure) return Promise.reject(this.refusal('nothing of this write was recorded'));
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // Only the requests: a pending append also holds its promise's callbacks.
      this.worker.postMessage({ id, batch: batch.map(({ streamId, events, expected }) => ({ streamId, events, expected })) });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    this.failure ??= new Error('the event store is closed');
    await this.worker.terminate();
  }
}
