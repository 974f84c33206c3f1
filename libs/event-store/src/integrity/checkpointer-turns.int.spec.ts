import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { keyIdOf, publishKey, type SigningKey } from './checkpoint';
import { Checkpointer } from './checkpointer';
import { SqliteCheckpointStore } from './sqlite-checkpoint-store';
import { newEvent } from '../../../../test/support/new-event';

/**
 * Issue 18: the checkpoint signer shares the subscriber thread with the projections and the read-your-writes
 * answers. The embedded store reads synchronously, so a checkpoint over thousands of events must hand the
 * event loop back between batches, or every answer waiting on that thread waits for the whole re-hashing.
 */
describe('the checkpointer on the embedded store', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'asb-ckpt-turns-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the event loop turns while it re-hashes a long tail, and signs the same checkpoint', async () => {
    const file = join(dir, 'events.db');
    const store = new SqliteEventStore({ file, tailCheck: 0 });
    const checkpoints = new SqliteCheckpointStore(file);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const key: SigningKey = { keyId: keyIdOf(publicKey), privateKey, published: publishKey(publicKey) };
    try {
      for (let farm = 0; farm < 60; farm++) await store.append(`farm-${farm}`, Array.from({ length: 40 }, (_, i) => newEvent('Noted', { farm, i })), 'no_stream');
      const checkpointer = new Checkpointer(store, checkpoints, { logName: 'test-log', key: () => key, now: () => '2025-10-01T00:00:00.000Z' });
      // Work another part of the thread would do meanwhile (a projection's batch, a read-your-writes answer).
      let turns = 0;
      let waiting = true;
      const other = () => {
        turns++;
        if (waiting) setImmediate(other);
      };
      setImmediate(other);
      const { created, addedEvents, checkpoint } = await checkpointer.checkpoint();
      waiting = false;
      expect(created).toBe(true);
      expect(addedEvents).toBe(2400);
      expect(checkpoint.treeSize).toBe(2400);
      // 2,400 events in batches of 500: the other work ran between them, not only after the checkpoint.
      expect(turns).toBeGreaterThanOrEqual(4);
    } finally {
      await store.close();
      await checkpoints.close();
    }
  });
});
