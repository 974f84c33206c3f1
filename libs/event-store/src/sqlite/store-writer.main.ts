import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from './sqlite-event-store';
import { toThreadError, type AppendRequest, type WriterReply } from './store-writer';

/**
 * The writer thread of the embedded store (D66): its own connection to the file, committing each
 * batch it is sent as the store commits a group on its own thread, and answering with every
 * append's result or refusal. The tail was checked by the store that started it.
 */
const store = new SqliteEventStore({ file: (workerData as { file: string }).file, mustExist: true, tailCheck: 0 });
type Sent = { id: number; batch: AppendRequest[] };
/**
 * What reached the thread while it committed goes as one group commit (with STORE_WRITER_PIPELINE the
 * store sends appends as they come): one transaction and fsync, each append in its savepoint, and each
 * message answered after that commit, in the order sent.
 */
let queued: Sent[] = [];
const commitQueued = () => {
  const sent = queued;
  queued = [];
  const started = performance.now();
  let replies: WriterReply[];
  try {
    const outcomes = store.commitBatch(sent.length === 1 ? sent[0].batch : sent.flatMap((m) => m.batch));
    // The thread's time for the group (hashing, inserts, COMMIT and fsync), for the bench's stage timings (issue 18).
    const ms = performance.now() - started;
    let at = 0;
    replies = sent.map(({ id, batch }, i) => {
      const own = outcomes.slice(at, (at += batch.length));
      return { id, outcomes: own.map((o) => ('error' in o ? { error: toThreadError(o.error) } : o)), ...(i === 0 ? { ms, size: outcomes.length } : {}) };
    });
  } catch (error) {
    replies = sent.map(({ id }) => ({ id, failed: toThreadError(error) }));
  }
  for (const reply of replies) parentPort!.postMessage(reply);
};
parentPort!.on('message', (m: Sent) => {
  queued.push(m);
  if (queued.length === 1) setImmediate(commitQueued);
});
