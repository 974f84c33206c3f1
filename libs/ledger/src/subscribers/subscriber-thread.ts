import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describeError, type SubscriberState } from '@asb/projections';
import type { LedgerConfig } from '../config/ledger-config';
import { ReadModelsReached } from './read-models-reached';
import type { ThreadCpu } from './thread-cpu';
import type { LoopDelay } from './thread-loop-delay';

/** What the request thread asks the subscriber thread. */
export type ThreadQuestion =
  | Readonly<{ kind: 'caughtUp'; position?: number; ms?: number }>
  | Readonly<{ kind: 'reactorReached'; name: string; position: number; ms: number }>
  | Readonly<{ kind: 'states' }>
  /** The thread's own CPU time and id (Linux), for the bench: `process.cpuUsage` counts every thread. */
  | Readonly<{ kind: 'cpu' }>
  /** How long the thread was kept from its event loop since the last ask (p99 and max in ms; the bench's): every read-your-writes answer waits on it. */
  | Readonly<{ kind: 'loop' }>
  /** A CPU profile of the thread between `start` and `stop` (the bench's BENCH_CPU_PROF); `stop` answers the profile. */
  | Readonly<{ kind: 'profile'; action: 'start' | 'stop' }>;

export type ToThread =
  | Readonly<{ kind: 'appended'; head: number }>
  | Readonly<{ kind: 'ask'; id: number; question: ThreadQuestion }>
  /** Read-your-writes (D83): say when the read models include `position` (`reached` or `lagging`), once. */
  | Readonly<{ kind: 'want'; position: number }>
  | Readonly<{ kind: 'stop' }>;

export type FromThread =
  | Readonly<{ kind: 'ready' }>
  | Readonly<{ kind: 'answer'; id: number; value: unknown }>
  | Readonly<{ kind: 'reached'; position: number }>
  | Readonly<{ kind: 'lagging'; position: number }>;

export type ThreadData = Readonly<{ config: LedgerConfig; scheduleSeals: boolean }>;

/** The thread's entry beside this file: compiled (.js) or, in a process run from the sources, .ts through its loader. */
const ENTRY = join(__dirname, `subscriber-thread.main${extname(__filename)}`);

/**
 * The embedded store's projections, reactors and their checkpoints, and the signing of the log's
 * checkpoints, on a worker thread of their own (D66), so that the request thread does HTTP and decisions only and the second core folds read
 * models. The thread opens the same files through connections of its own (SQLite WAL: one writer at
 * a time, readers never blocked) and is the only writer of the read models. The request thread
 * tells it of each group commit and asks it, as it would ask its own subscriptions, whether the read
 * models include a position yet (read-your-writes).
 */
export class SubscriberThread {
  private worker: Worker | null = null;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; fallback: unknown }>();
  /** Why the thread stopped when nobody asked it to: reported as a failed subscriber, waits refused. */
  private failure: string | null = null;
  private stopping: Promise<void> | null = null;
  /** Read-your-writes answered on this thread from one message a batch (D83); null with RYW_BROADCAST=off. */
  private readonly readModels: ReadModelsReached | null;

  constructor(
    private readonly config: LedgerConfig,
    /** Sign checkpoints every interval in the thread (the API's own option, D66). */
    private readonly scheduleSeals: boolean,
    private readonly onError: (error: unknown) => void,
    /** The log's head (read here, on the request thread), for a wait without a position. */
    head: () => Promise<number>,
  ) {
    this.readModels = config.readYourWritesBroadcast
      ? new ReadModelsReached((position) => this.worker?.postMessage({ kind: 'want', position } satisfies ToThread), head)
      : null;
  }

  /** Resolves once the thread's projections have caught up with the log and its reactors run. */
  start(): Promise<void> {
    this.failure = null;
    this.stopping = null;
    const worker = new Worker(ENTRY, { workerData: { config: this.config, scheduleSeals: this.scheduleSeals } satisfies ThreadData });
    this.worker = worker;
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (m: FromThread) => {
        if (m.kind === 'ready') return resolve();
        if (m.kind === 'reached') return this.readModels?.reached(m.position);
        if (m.kind === 'lagging') return this.readModels?.lagging(m.position);
        const waiter = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        waiter?.resolve(m.value);
      });
      worker.on('error', (error) => {
        this.failure = describeError(error);
        this.onError(error);
        reject(error);
      });
      worker.on('exit', (code) => {
        this.worker = null;
        if (!this.stopping && !this.failure) {
          this.failure = `the subscriber thread stopped with code ${code}`;
          this.onError(new Error(this.failure));
          reject(new Error(this.failure));
        }
        // Nobody answers any more: read-your-writes says "lagging", reports say "failed".
        for (const { resolve: answer, fallback } of this.waiting.values()) answer(fallback);
        this.waiting.clear();
        this.readModels?.fail();
      });
    });
  }

  /** After a group commit on the request thread: the thread's subscriptions read now rather than at their next poll. */
  appended(head: number): void {
    this.worker?.postMessage({ kind: 'appended', head } satisfies ToThread);
  }

  private ask<T>(question: ThreadQuestion, fallback: T): Promise<T> {
    const worker = this.worker;
    if (!worker) return Promise.resolve(fallback);
    const id = this.next++;
    return new Promise<T>((resolve) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, fallback });
      worker.postMessage({ kind: 'ask', id, question } satisfies ToThread);
    });
  }

  /** As Subscribers.caughtUp, in the thread; rejects when a subscription there has stopped, or the thread has. */
  async caughtUp(position?: number): Promise<void> {
    if (this.failure) throw new Error(this.failure);
    const error = await this.ask<string | null>({ kind: 'caughtUp', position }, null);
    if (error) throw new Error(error);
  }

  /** As Subscribers.caughtUpWithin: false when the read models lag, or the thread is not running. */
  caughtUpWithin(position: number | undefined, ms: number): Promise<boolean> {
    if (!this.readModels) return this.ask({ kind: 'caughtUp', position, ms }, false);
    if (!this.worker) return Promise.resolve(false);
    return this.readModels.within(position, ms);
  }

  reactorReached(name: string, position: number, ms: number): Promise<boolean | null> {
    return this.ask<boolean | null>({ kind: 'reactorReached', name, position, ms }, null);
  }

  /** The thread's subscribers; one failed entry when the thread itself has stopped. */
  async states(): Promise<SubscriberState[]> {
    if (this.failure) return [{ name: 'subscriber-thread', kind: 'projection', state: 'failed', error: this.failure }];
    return this.ask<SubscriberState[]>({ kind: 'states' }, []);
  }

  /** The thread's own CPU time (null off Linux or when the thread is not running). */
  cpu(): Promise<ThreadCpu | null> {
    return this.ask<ThreadCpu | null>({ kind: 'cpu' }, null);
  }

  /** The thread's event-loop delay since the last ask (null when the thread is not running); the first ask starts measuring. */
  loopDelay(): Promise<LoopDelay | null> {
    return this.ask<LoopDelay | null>({ kind: 'loop' }, null);
  }

  /** Starts or stops a CPU profile of the thread; `stop` answers the profile (a `.cpuprofile` object). */
  profile(action: 'start' | 'stop'): Promise<unknown> {
    return this.ask<unknown>({ kind: 'profile', action }, null);
  }

  /** Stops the thread's subscribers and closes its connections; it exits on its own (terminated after 10 s). */
  stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return Promise.resolve();
    this.stopping ??= new Promise<void>((done) => {
      const timer = setTimeout(() => void worker.terminate(), 10_000);
      worker.once('exit', () => {
        clearTimeout(timer);
        done();
      });
      worker.postMessage({ kind: 'stop' } satisfies ToThread);
    });
    return this.stopping;
  }
}
