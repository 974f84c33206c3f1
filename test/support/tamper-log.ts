import type { CheckpointResult, EventStore, SignedCheckpoint } from '@asb/event-store';
import { newEvent } from './new-event';

/** What the tamper matrices need of a store under test: the store and something that signs a checkpoint. */
export type TamperLog = Readonly<{ store: EventStore; checkpointer: { checkpoint(): Promise<CheckpointResult> }; close(): Promise<void> | void }>;

/**
 * The tamper matrices' log, the same on every store: five farms of two events, a third event on
 * farm-2, a checkpoint over all eleven; optionally a tail of `tail` two-event streams after it.
 */
export const fillTamperLog = async (log: TamperLog, tail = 0): Promise<SignedCheckpoint> => {
  for (let farm = 0; farm < 5; farm++) {
    await log.store.append(`farm-${farm}`, [newEvent('FarmRegistered', { farm }), newEvent('FarmDetailsCorrected', { farm, ha: 40 })], 'no_stream');
  }
  await log.store.append('farm-2', [newEvent('FarmDetailsCorrected', { farm: 2, ha: 41 })], 1);
  const { checkpoint } = await log.checkpointer.checkpoint();
  for (let i = 0; i < tail; i++) await log.store.append(`farm-tail-${i}`, [newEvent('FarmRegistered', { farm: 100 + i }), newEvent('FarmDetailsCorrected', { farm: 100 + i, ha: 7 })], 'no_stream');
  await log.close();
  return checkpoint;
};
