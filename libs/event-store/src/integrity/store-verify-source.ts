import { readAllInBatches, type EventStore } from '../event-store.port';
import { SEAL_STREAM } from './seal';
import type { VerifySource } from './verifier';

/** The live store as a verify source. Seals are read by stream, or by a scan when that read refuses altered bytes. */
export const storeVerifySource = (store: EventStore, batchSize = 5000): VerifySource => ({
  seals: async () => {
    try {
      return await store.readStream(SEAL_STREAM);
    } catch {
      const seals = [];
      for await (const batch of readAllInBatches(store, { batchSize })) seals.push(...batch.filter((e) => e.streamId === SEAL_STREAM));
      return seals;
    }
  },
  batches: () => readAllInBatches(store, { batchSize }),
  ...(store.checkStorage ? { storage: () => store.checkStorage!() } : {}),
});
