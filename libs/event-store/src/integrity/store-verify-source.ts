import { readAllInBatches, type EventStore } from '../event-store.port';
import { leafRecordBatches, type CheckpointStore } from './checkpoint-store';
import { SEAL_STREAM } from './seal';
import type { VerifySource } from './verifier';

/**
 * The live store as a verify source: the log read tolerantly (unreadable bytes are findings, not a
 * crash), the old seals, and — where there are any — the checkpoints and the leaf record.
 */
export const storeVerifySource = (store: EventStore, checkpoints?: CheckpointStore, batchSize = 5000): VerifySource => ({
  seals: async () => {
    try {
      return await store.readStream(SEAL_STREAM);
    } catch {
      const seals = [];
      for await (const batch of readAllInBatches(store, { batchSize, tolerant: true })) seals.push(...batch.filter((e) => e.streamId === SEAL_STREAM));
      return seals;
    }
  },
  batches: () => readAllInBatches(store, { batchSize, tolerant: true }),
  ...(store.checkStorage ? { storage: () => store.checkStorage!() } : {}),
  ...(store.assignedHead ? { assignedHead: () => store.assignedHead!() } : {}),
  ...(store.recordedHeads ? { recordedHeads: () => store.recordedHeads!() } : {}),
  ...(store.checkIndexes ? { indexes: () => store.checkIndexes!() } : {}),
  ...(checkpoints ? { checkpoints: () => checkpoints.all(), leafRecord: () => leafRecordBatches(checkpoints, { batchSize }) } : {}),
});
