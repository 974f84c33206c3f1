import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from './sqlite-event-store';
import { toThreadError, type AppendRequest, type WriterReply } from './store-writer';

/**
 * The writer thread of the embedded store (D66): its own connection to the file, committing each
 * batch it is sent as the store commits a group on its own thread, and answering with every
 * append's result or refusal. The tail was checked by the store that started it.
 */
const store = new SqliteEventStore({ file: (workerData as { file: string }).file, mustExist: true, tailCheck: 0 });
parentPort!.on('message', ({ id, batch }: { id: number; batch: AppendRequest[] }) => {
  let reply: WriterReply;
  try {
    const started = performance.now();
    const outcomes = store.commitBatch(batch);
    // The thread's time for the batch (hashing, inserts, COMMIT and fsync), for the bench's stage timings (issue 18).
    reply = { id, outcomes: outcomes.map((o) => ('error' in o ? { error: toThreadError(o.error) } : o)), ms: performance.now() - started, size: outcomes.length };
  } catch (error) {
    reply = { id, failed: toThreadError(error) };
  }
  parentPort!.postMessage(reply);
});
