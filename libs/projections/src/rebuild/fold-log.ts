import { readAllInBatches, type EventStore } from '@asb/event-store';
import type { FoldSession } from '../projection-store';

export type FoldLogOptions = Readonly<{
  /** Start after this position (the oldest checkpoint when catching up); from the start when absent. */
  after?: number;
  /** The last position to fold: fixed before a rebuild starts, so every thread ends on the same event. */
  upTo: number;
  /** Events per read: small enough that parsed events die young (large batches cost major GCs). */
  batchSize: number;
  /** Events folded per write transaction. */
  commitEvery: number;
}>;

/** Reads the log up to `upTo` into a fold session, committing as it goes; returns the events read. */
export const foldLog = async (store: EventStore, session: FoldSession, options: FoldLogOptions): Promise<number> => {
  let eventsRead = 0;
  for await (const batch of readAllInBatches(store, { after: options.after, batchSize: options.batchSize, upTo: options.upTo })) {
    eventsRead += batch.length;
    if ((await session.fold(batch)) >= options.commitEvery) await session.commit();
  }
  await session.commit();
  return eventsRead;
};
