import type { StoredEvent } from './event-envelope';
import { PollingSubscription } from './polling-subscription';

/** A log in memory the subscription reads; `append` announces like a store's append in this process. */
const logOf = () => {
  const events: StoredEvent[] = [];
  const append = (sub: PollingSubscription | null) => {
    const position = events.length + 1;
    events.push({ position } as StoredEvent);
    sub?.notify();
    return position;
  };
  const readAfter = async (after: number | null, limit: number) => events.filter((e) => e.position > (after ?? 0)).slice(0, limit);
  return { events, append, readAfter, head: async () => events.length };
};

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms).unref())]);

describe('PollingSubscription', () => {
  it('does not drop a wake-up that comes while it handles a batch: the event appended meanwhile is read at once, not after the poll tick', async () => {
    const log = logOf();
    const seen: number[] = [];
    let sub: PollingSubscription | null = null;
    let releaseFirst!: () => void;
    const firstHandled = new Promise<void>((r) => (releaseFirst = r));
    // A poll tick far beyond the test's patience: only a wake-up can deliver the second event in time.
    sub = new PollingSubscription(log.readAfter, log.head, {
      checkpoint: null,
      handler: async (e) => {
        seen.push(e.position);
        if (e.position === 1) {
          // Appended and announced while this event is being handled.
          log.append(sub);
          releaseFirst();
        }
      },
    }, 60_000);
    try {
      log.append(sub);
      await firstHandled;
      await within(sub.caughtUp(2), 5_000);
      expect(seen).toEqual([1, 2]);
    } finally {
      await sub.stop();
    }
  });

  it('a read-your-writes wait asked while it is busy is answered when the loop reaches the position, not after the poll tick', async () => {
    const log = logOf();
    let sub: PollingSubscription | null = null;
    let waited: Promise<void> | null = null;
    sub = new PollingSubscription(log.readAfter, log.head, {
      checkpoint: null,
      handler: async (e) => {
        if (e.position === 1) {
          // An append whose announcement is lost (another process), then a wait for it asked during the handling.
          log.append(null);
          waited = sub!.caughtUp(2);
        }
      },
    }, 60_000);
    try {
      log.append(sub);
      while (!waited) await new Promise((r) => setTimeout(r, 5));
      await within(waited, 5_000);
    } finally {
      await sub.stop();
    }
  });
});
