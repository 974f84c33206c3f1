import type { EventStore } from '@asb/event-store';
import type { ProjectionStore, SubscriberState } from '@asb/projections';

export type SubscriberStatus = SubscriberState &
  Readonly<{
    /** The checkpoint: the last log position this subscriber has dealt with (applied or parked). */
    position: number;
    /** Log positions between the checkpoint and the head (events, on the embedded store). */
    lag: number;
    /** Events set aside for this subscriber and not resolved since. */
    parked: number;
  }>;

export type SubscriberReport = Readonly<{
  head: number;
  /** With DATABASE_URL: whether this process is the elected one that runs the subscribers (D56); null on one process. */
  leader: boolean | null;
  /** The embedded API: the subscribers run on a thread of their own beside the request thread (D66). */
  thread?: boolean;
  /** Parked events over every subscriber, including those of subscribers not running here. */
  parked: number;
  subscribers: SubscriberStatus[];
}>;

/** Where each running subscriber stands against the head of the log, and what it has parked. */
export const subscriberReport = async (store: EventStore, readModels: ProjectionStore, running: readonly SubscriberState[], leader: boolean | null = null): Promise<SubscriberReport> => {
  const head = await store.headPosition();
  const parked = await readModels.parkedCounts();
  const subscribers: SubscriberStatus[] = [];
  for (const s of running) {
    const position = (await readModels.checkpoint(s.name))?.position ?? 0;
    subscribers.push({ ...s, position, lag: Math.max(0, head - position), parked: parked[s.name] ?? 0 });
  }
  return { head, leader, parked: Object.values(parked).reduce((a, b) => a + b, 0), subscribers };
};
