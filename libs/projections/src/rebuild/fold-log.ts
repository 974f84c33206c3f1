import { readAllInBatches, type EventStore } from '@asb/event-store';
import type { RebuildSession } from '../read-model-store';

export type FoldLogOptions = Readonly<{
  /** The last position to fold: fixed before a rebuild starts, so every thread ends on the same event. */
  upTo: number;
  /** Events per read: small enough that parsed events die young (large batches cost major GCs). */
  batchSize: number;
  /** Events folded per write transaction. */
  commitEvery: number;
}>;

/** Reads the log up to `upTo` into a rebuild session, committing as it goes; returns the events read. */
export const foldLog = async (store: EventStore, session: RebuildSession, options: FoldLogOptions): Promise<number> => {
  let eventsRead = 0;
  for await (const batch of readAllInBatches(store, { batchSize: options.batchSize, upTo: options.upTo })) {
    eventsRead += batch.length;
    if (session.fold(batch) >= options.commitEvery) session.commit();
  }
  session.commit();
  return eventsRead;
};
