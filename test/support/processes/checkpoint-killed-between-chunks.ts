/**
 * Child process for the checkpoint crash test (D78): signs a checkpoint over the log in `file` with
 * the key in `keyFile`, writing its leaf record in chunks of 300, and kills itself with SIGKILL
 * right after the second chunk is committed — a crash between chunks, with nothing cleaned up.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Checkpointer, keyIdOf, publishKey, SqliteCheckpointStore, SqliteEventStore } from '@asb/event-store';

const [file, keyFile] = process.argv.slice(2);
const privateKey = createPrivateKey(readFileSync(keyFile, 'utf8'));
const publicKey = createPublicKey(privateKey);
const store = new SqliteEventStore({ file, tailCheck: 0 });
const checkpoints = new SqliteCheckpointStore(file, {
  leafChunk: 300,
  afterChunk: (written) => {
    if (written === 600) process.kill(process.pid, 'SIGKILL');
  },
});
const checkpointer = new Checkpointer(store, checkpoints, {
  logName: 'test-log',
  key: () => ({ keyId: keyIdOf(publicKey), privateKey, published: publishKey(publicKey) }),
  now: () => '2025-10-01T00:00:00.000Z',
  turns: true,
});
void checkpointer.checkpoint().then(() => process.exit(3)); // reaching here means it was not killed
