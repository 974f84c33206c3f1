import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { SqliteEventStore } from './sqlite-event-store';
import { toThreadError, type AppendRequest, type WriterReply } from './store-writer';

/**
 * The writer thread of the embedded store (D66): its own connection to the file, committing each
 * batch it is sent as the store commits a group on its own thread, and answering with every
 * append's result or refusal. The tail was checked by the store that started it.
 */
const store = new SqliteEventStore({ file: (workerData as { file: string }).file, mustExist: true, tailCheck: 0 });
/** Told of each commit as soon as it is made (the subscriber thread's port, with WRITER_TELLS_SUBSCRIBERS). */
let tell: MessagePort | null = null;
parentPort!.on('message', (m: { id: number; batch: AppendRequest[] } | { tell: MessagePort }) => {
  if ('tell' in m) return void (tell = m.tell);
  const { id, batch } = m;
  let reply: WriterReply;
  try {
    const started = performance.now();
    const outcomes = store.commitBatch(batch);
    // The thread's time for the batch (hashing, inserts, COMMIT and fsync), for the bench's stage timings (issue 18).
    reply = { id, outcomes: outcomes.map((o) => ('error' in o ? { error: toThreadError(o.error) } : o)), ms: performance.now() - started, size: outcomes.length };
  } catch (error) {
    reply = { id, failed: toThreadError(error) };
  }
  // The subscribers first: their catch-up is what read-your-writes waits for, and the request thread may be in a long turn.
  if (tell && 'outcomes' in reply) {
    let head = 0;
    for (const o of reply.outcomes) if ('result' in o && !o.result.idempotentReplay) for (const p of o.result.positions) if (p > head) head = p;
    if (head) tell.postMessage({ kind: 'appended', head });
  }
  parentPort!.postMessage(reply);
});
