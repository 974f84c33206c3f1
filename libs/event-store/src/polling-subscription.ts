import type { StoredEvent } from './event-envelope';
import type { SubscribeOptions, Subscription } from './event-store.port';

type ReadAfter = (after: number | null, limit: number) => Promise<StoredEvent[]>;

/**
 * Catch-up subscription for stores without a push protocol of their own (embedded, in-memory):
 * read after the checkpoint, hand events over one by one (or the batch whole, to `handleBatch`), then wait for a wake-up (an append in
 * this process) or a poll tick (an append by another process on the same file).
 */
export class PollingSubscription implements Subscription {
  private stopped = false;
  private checkpoint: number | null;
  private wakeUp: (() => void) | null = null;
  /** A wake-up that came while the loop was reading or handling: the next sleep returns at once instead of dropping it. */
  private woken = false;
  private waiters: Array<{ target: number; resolve: () => void; reject: (error: unknown) => void }> = [];
  /** The handler error that stopped it: every later wait is refused with it instead of hanging. */
  private failure: SubscriptionFailedError | null = null;
  private readonly loop: Promise<void>;

  constructor(
    private readonly readAfter: ReadAfter,
    private readonly headPosition: () => Promise<number>,
    private readonly options: SubscribeOptions,
    private readonly pollMs: number,
    private readonly batchSize = 1000,
  ) {
    this.checkpoint = options.checkpoint;
    this.loop = this.run();
  }

  notify(): void {
    if (this.wakeUp) this.wakeUp();
    else this.woken = true;
  }

  async caughtUp(position?: number): Promise<void> {
    const target = position ?? (await this.headPosition());
    if (this.failure) throw this.failure;
    if (this.stopped || (this.checkpoint ?? 0) >= target) return;
    await new Promise<void>((resolve, reject) => {
      this.waiters.push({ target, resolve, reject });
      this.notify();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.notify();
    await this.loop;
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }

  private async run(): Promise<void> {
    try {
      while (!this.stopped) {
        const batch = await this.readAfter(this.checkpoint, this.batchSize);
        if (this.options.handleBatch && batch.length) {
          if (this.stopped) return;
          await this.options.handleBatch(batch);
          this.checkpoint = batch[batch.length - 1].position;
        } else {
          for (const event of batch) {
            if (this.stopped) return;
            await this.options.handler(event);
            this.checkpoint = event.position;
          }
        }
        this.releaseWaiters();
        if (batch.length < this.batchSize) await this.sleep();
      }
    } catch (error) {
      this.stopped = true;
      this.failure = new SubscriptionFailedError(error);
      for (const w of this.waiters) w.reject(this.failure);
      this.waiters = [];
      if (this.options.onError) this.options.onError(error);
      else throw error;
    }
  }

  private releaseWaiters(): void {
    const reached = this.checkpoint ?? 0;
    this.waiters = this.waiters.filter((w) => {
      if (reached >= w.target) {
        w.resolve();
        return false;
      }
      return true;
    });
  }

  private sleep(): Promise<void> {
    // An append (or a read-your-writes wait) announced while the loop was busy: read again now, not after a poll tick.
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wakeUp = null;
        resolve();
      }
      this.wakeUp = done;
    });
  }
}

/** A subscription stopped by a handler error: waits for it are refused, the cause attached. */
export class SubscriptionFailedError extends Error {
  constructor(override readonly cause: unknown) {
    super(`subscription stopped: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'SubscriptionFailedError';
  }
}

/** Starts a polling subscription that removes itself from `live` when it stops or fails. */
export const trackedPollingSubscription = (
  live: Set<PollingSubscription>,
  readAfter: ReadAfter,
  headPosition: () => Promise<number>,
  options: SubscribeOptions,
  pollMs: number,
): PollingSubscription => {
  const sub: PollingSubscription = new PollingSubscription(
    readAfter,
    headPosition,
    {
      ...options,
      onError: (e) => {
        live.delete(sub);
        options.onError?.(e);
      },
    },
    pollMs,
  );
  live.add(sub);
  const stop = sub.stop.bind(sub);
  sub.stop = async () => {
    live.delete(sub);
    await stop();
  };
  return sub;
};
