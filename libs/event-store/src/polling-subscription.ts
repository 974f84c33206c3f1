import type { StoredEvent } from './event-envelope';
import type { SubscribeOptions, Subscription } from './event-store.port';

type ReadAfter = (after: number | null, limit: number) => Promise<StoredEvent[]>;

/**
 * Catch-up subscription for stores without a push protocol of their own (embedded, in-memory):
 * read after the checkpoint, hand events over one by one, then wait for a wake-up (an append in
 * this process) or a poll tick (an append by another process on the same file).
 */
export class PollingSubscription implements Subscription {
  private stopped = false;
  private checkpoint: number | null;
  private wakeUp: (() => void) | null = null;
  private waiters: Array<{ target: number; resolve: () => void }> = [];
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
    this.wakeUp?.();
  }

  async caughtUp(): Promise<void> {
    const head = await this.headPosition();
    if ((this.checkpoint ?? 0) >= head) return;
    await new Promise<void>((resolve) => {
      this.waiters.push({ target: head, resolve });
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
        for (const event of batch) {
          if (this.stopped) return;
          await this.options.handler(event);
          this.checkpoint = event.position;
        }
        this.releaseWaiters();
        if (batch.length < this.batchSize) await this.sleep();
      }
    } catch (error) {
      this.stopped = true;
      for (const w of this.waiters) w.resolve();
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
