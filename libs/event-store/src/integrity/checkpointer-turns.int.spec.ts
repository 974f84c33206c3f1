import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { keyIdOf, publishKey, type SigningKey } from './checkpoint';
import { Checkpointer } from './checkpointer';
import { CheckpointConflictError } from './checkpoint-store';
import { SqliteCheckpointStore } from './sqlite-checkpoint-store';
import { storeVerifySource } from './store-verify-source';
import { verifyLog } from './verifier';
import { newEvent } from '../../../../test/support/new-event';
import { countTurns } from '../../../../test/support/turn-counter';

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
      const other = countTurns();
      const { created, addedEvents, checkpoint } = await checkpointer.checkpoint();
      const turns = other.stop();
      expect(created).toBe(true);
      expect(addedEvents).toBe(2400);
      expect(checkpoint.treeSize).toBe(2400);
      // 2,400 events in batches of 250: the other work ran between them, not only after the checkpoint.
      expect(turns).toBeGreaterThanOrEqual(4);
    } finally {
      await store.close();
      await checkpoints.close();
    }
  });

  /** The checkpoint tables as they are in the file: what a restart, `asb verify` and a bundle read. */
  const tables = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return {
        checkpoints: db.prepare('SELECT * FROM checkpoints ORDER BY tree_size').all(),
        leaves: db.prepare('SELECT * FROM checkpoint_leaves ORDER BY leaf_index').all(),
        pending: db.prepare('SELECT * FROM checkpoint_pending').all(),
      };
    } finally {
      db.close();
    }
  };

  /** A log of 2,400 events in `count` files alike (copies of one), closed: each signer gets the same log. */
  const logs = async (count: number) => {
    const first = join(dir, 'events-0.db');
    const store = new SqliteEventStore({ file: first, tailCheck: 0 });
    for (let farm = 0; farm < 60; farm++) await store.append(`farm-${farm}`, Array.from({ length: 40 }, (_, i) => newEvent('Noted', { farm, i })), 'no_stream');
    await store.close();
    return Array.from({ length: count }, (_, i) => {
      if (i > 0) copyFileSync(first, join(dir, `events-${i}.db`));
      return join(dir, `events-${i}.db`);
    });
  };

  const signer = (file: string, options: { turns: boolean; leafChunk?: number; afterChunk?: (written: number) => void }) => {
    const store = new SqliteEventStore({ file, tailCheck: 0 });
    const checkpoints = new SqliteCheckpointStore(file, { leafChunk: options.leafChunk, afterChunk: options.afterChunk });
    const checkpointer = new Checkpointer(store, checkpoints, { logName: 'test-log', key: () => key, now: () => '2025-10-01T00:00:00.000Z', turns: options.turns });
    return {
      store,
      checkpointer,
      checkpoints,
      verify: () => verifyLog(storeVerifySource(store, checkpoints), { trustedKeys: [key.published] }),
      close: async () => {
        await store.close();
        await checkpoints.close();
      },
    };
  };
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const key: SigningKey = { keyId: keyIdOf(publicKey), privateKey, published: publishKey(publicKey) };

  it('writes the leaf record in chunks with turns between them, and stores the same checkpoint and record as one insert (D78)', async () => {
    const [once, chunked] = await logs(2);
    const a = signer(once, { turns: false });
    const b = signer(chunked, { turns: true, leafChunk: 100 });
    let chunks = 0;
    try {
      await a.checkpointer.checkpoint();
      const other = countTurns();
      const written = await b.checkpointer.checkpoint();
      const turns = other.stop();
      expect(written.addedEvents).toBe(2400);
      chunks = 2400 / 100;
      // 5 re-hash batches and 24 chunks of leaves, with other work between them.
      expect(turns).toBeGreaterThanOrEqual(chunks);
      expect((await b.verify()).ok).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
    expect(tables(chunked)).toEqual(tables(once));
    expect(tables(chunked).leaves).toHaveLength(2400);
  });

  it('a crash between chunks leaves no checkpoint and nothing any reader sees; the next signer writes the same checkpoint, chunked or at once (D78)', async () => {
    const [reference, restartedChunked, restartedAtOnce] = await logs(3);
    const a = signer(reference, { turns: false });
    await a.checkpointer.checkpoint();
    expect((await a.verify()).ok).toBe(true);
    await a.close();
    for (const [file, turns] of [[restartedChunked, true], [restartedAtOnce, false]] as const) {
      // The process dies after its second chunk of 300 leaves was committed.
      const crashed = signer(file, { turns: true, leafChunk: 300, afterChunk: (written) => {
        if (written === 600) throw new Error('killed between chunks');
      } });
      await expect(crashed.checkpointer.checkpoint()).rejects.toThrow('killed between chunks');
      // No checkpoint; the 600 leaves written are in the file, marked, and no reader sees them.
      expect(await crashed.checkpoints.latest()).toBeNull();
      expect(await crashed.checkpoints.leafCount()).toBe(0);
      expect(await crashed.checkpoints.leaves(0, 5000)).toEqual([]);
      expect(tables(file).leaves).toHaveLength(600);
      const report = await crashed.verify();
      expect(report.failures).toEqual([]);
      await crashed.close();
      // After the restart: a new signer, in chunks or at once.
      const restarted = signer(file, { turns, leafChunk: 250 });
      const { created } = await restarted.checkpointer.checkpoint();
      expect(created).toBe(true);
      expect((await restarted.verify()).ok).toBe(true);
      await restarted.close();
      expect(tables(file)).toEqual(tables(reference));
    }
  });

  it('a process killed (SIGKILL) between chunks leaves no checkpoint; after the restart the same checkpoint is signed (D78)', async () => {
    const [reference, killed] = await logs(2);
    const a = signer(reference, { turns: false });
    await a.checkpointer.checkpoint();
    await a.close();
    const keyFile = join(dir, 'signing-key.pem');
    writeFileSync(keyFile, key.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const root = resolve(__dirname, '../../../..');
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/support/processes/checkpoint-killed-between-chunks.ts'), killed, keyFile], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    const signal = await new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, s) => done(s)));
    expect(signal).toBe('SIGKILL');
    // What the killed process left: no checkpoint, 600 marked leaves that no reader sees, a log that verifies.
    expect(tables(killed).checkpoints).toEqual([]);
    expect(tables(killed).leaves).toHaveLength(600);
    const restarted = signer(killed, { turns: true });
    try {
      expect(await restarted.checkpoints.leafCount()).toBe(0);
      expect((await restarted.verify()).failures).toEqual([]);
      expect((await restarted.checkpointer.checkpoint()).created).toBe(true);
      expect((await restarted.verify()).ok).toBe(true);
    } finally {
      await restarted.close();
    }
    expect(tables(killed)).toEqual(tables(reference));
  });

  it('two signers writing chunks side by side (the subscriber thread and an on-demand checkpoint): one wins, the other is told and signs after it (D78)', async () => {
    const [reference, shared] = await logs(2);
    const a = signer(reference, { turns: false });
    await a.checkpointer.checkpoint();
    await a.close();
    const first = signer(shared, { turns: true, leafChunk: 100 });
    const second = signer(shared, { turns: true, leafChunk: 150 });
    try {
      const results = await Promise.allSettled([first.checkpointer.checkpoint(), second.checkpointer.checkpoint()]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(CheckpointConflictError);
      // The one refused tries again, as IntegrityService does: nothing new to sign.
      const loser = results[0].status === 'rejected' ? first : second;
      expect((await loser.checkpointer.checkpoint()).created).toBe(false);
      expect((await loser.verify()).ok).toBe(true);
    } finally {
      await first.close();
      await second.close();
    }
    expect(tables(shared)).toEqual(tables(reference));
  });

  it('a leaf record reaching past the newest checkpoint without the mark is still a removed checkpoint, and no signer writes over it', async () => {
    const [file] = await logs(1);
    const s = signer(file, { turns: true, leafChunk: 300 });
    try {
      await s.checkpointer.checkpoint();
      await s.store.append('farm-late', Array.from({ length: 700 }, (_, i) => newEvent('Noted', { i })), 'no_stream');
      await s.checkpointer.checkpoint();
      const db = new Database(file);
      db.prepare('DELETE FROM checkpoints WHERE tree_size = 3100').run();
      db.close();
      expect((await s.verify()).failures.map((f) => f.kind)).toContain('checkpoint_missing');
      const restarted = signer(file, { turns: true, leafChunk: 300 });
      await expect(restarted.checkpointer.checkpoint()).rejects.toThrow('does not match the newest checkpoint');
      await expect(restarted.checkpoints.add({ ...(await restarted.checkpoints.latest())!, treeSize: 3100 }, [])).rejects.toThrow('past the newest checkpoint');
      await restarted.close();
      expect(tables(file).leaves).toHaveLength(3100);
    } finally {
      await s.close();
    }
  });
});
