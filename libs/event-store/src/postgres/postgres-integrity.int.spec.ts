import { fillTamperLog } from '../../../../test/support/tamper-log';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { Client } from 'pg';
import { PostgresServer } from '../../../../test/support/postgres-server';
import { newEvent } from '../../../../test/support/new-event';
import { CorruptStoreError } from '../errors';
import { keyIdOf, publishKey, type SigningKey } from '../integrity/checkpoint';
import { Checkpointer } from '../integrity/checkpointer';
import { CheckpointConflictError } from '../integrity/checkpoint-store';
import { eventIsIncluded, streamHeadIsCommitted } from '../integrity/log-proofs';
import { storeVerifySource } from '../integrity/store-verify-source';
import { verifyLog, type VerifyReport } from '../integrity/verifier';
import { PostgresEventStore } from './postgres-event-store';

const NOW = '2025-10-01T00:00:00.000Z';
const key: SigningKey = (() => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { keyId: keyIdOf(publicKey), privateKey, published: publishKey(publicKey) };
})();

type Row = { position: string; stream_id: string; revision: number; event_id: string; type: string; body: string; hash: string };

/**
 * Checkpoints, proofs and verification on the PostgreSQL store, and the tamper matrix's main cases
 * done with SQL on its tables — the same findings as on the embedded store.
 */
describe('tamper evidence on the PostgreSQL store', () => {
  const server = new PostgresServer();
  let url: string;
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(async () => {
    url = await server.createDatabase();
  });

  const open = (options: { tailCheck?: number } = { tailCheck: 0 }) => {
    const store = new PostgresEventStore({ connectionString: url, ...options });
    const checkpointer = new Checkpointer(store, store.checkpoints, { logName: 'test-log', key: () => key, now: () => NOW });
    return {
      store,
      checkpointer,
      verify: () => verifyLog(storeVerifySource(store, store.checkpoints), { trustedKeys: [key.published] }),
      close: () => store.close(),
    };
  };

  const fill = (tail = 0) => fillTamperLog(open(), tail);

  const sql = async <R extends object = Row>(statement: string, ...params: unknown[]): Promise<R[]> => {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query<R>(statement, params)).rows;
    } finally {
      await c.end();
    }
  };
  const row = async (streamId: string, revision: number): Promise<Row> => (await sql('SELECT * FROM events WHERE stream_id = $1 AND revision = $2', streamId, revision))[0]!;
  const names = (r: Row) => ({ position: Number(r.position), streamId: r.stream_id, revision: r.revision, eventId: r.event_id, type: r.type });
  const verifyNow = async (): Promise<VerifyReport> => {
    const l = open();
    try {
      return await l.verify();
    } finally {
      await l.close();
    }
  };

  it('verifies an untouched log against its signed checkpoint, and proves inclusion and stream heads', async () => {
    const checkpoint = await fill(2);
    expect(await verifyNow()).toMatchObject({ ok: true, checkedEvents: 15, checkedCheckpoints: 1, uncheckpointedEvents: 4, newestCheckpoint: { treeSize: 11, rootHash: checkpoint.rootHash } });
    const l = open();
    const { checkpoint: second, created } = await l.checkpointer.checkpoint();
    expect(created).toBe(true);
    const [event] = await l.store.readStream('farm-3', { fromRevision: 1 });
    expect(eventIsIncluded(event.hash, (await l.checkpointer.inclusion(event.position))!, second)).toBe(true);
    expect(streamHeadIsCommitted((await l.checkpointer.streamHead('farm-tail-1'))!, second)).toBe(true);
    expect((await l.checkpointer.consistency(checkpoint.treeSize, second.treeSize))?.path.length).toBeGreaterThan(0);
    // An unchanged log keeps its newest checkpoint.
    expect((await l.checkpointer.checkpoint()).created).toBe(false);
    await l.close();
  });

  it('names the event whose stored bytes were altered, and a rewritten event whose hash was recomputed', async () => {
    await fill();
    const altered = await row('farm-3', 1);
    await sql(`UPDATE events SET body = replace(body, '"ha":40', '"ha":49') WHERE position = $1`, altered.position);
    const rewritten = await row('farm-2', 1);
    const body = rewritten.body.replace('"ha":40', '"ha":4');
    await sql('UPDATE events SET body = $1, hash = $2 WHERE position = $3', body, createHash('sha256').update(body).digest('hex'), rewritten.position);
    const report = await verifyNow();
    expect(report.failures.find((f) => f.kind === 'content_altered')).toMatchObject(names(altered));
    expect(report.failures.find((f) => f.kind === 'event_rewritten')).toMatchObject(names(rewritten));
  });

  it('names deleted events under a checkpoint from the leaf record, and after it by the positions the store assigned', async () => {
    await fill(2);
    const inner = await row('farm-2', 1);
    const tail = await row('farm-tail-0', 1);
    await sql('DELETE FROM events WHERE position = ANY($1::bigint[])', [inner.position, tail.position]);
    const report = await verifyNow();
    expect(report.failures.find((f) => f.kind === 'event_deleted')).toMatchObject(names(inner));
    expect(report.failures.find((f) => f.kind === 'events_missing')).toMatchObject({ range: { fromPosition: Number(tail.position), toPosition: Number(tail.position) } });
    expect(report.failures.find((f) => f.kind === 'stream_head_differs')).toMatchObject({ streamId: 'farm-tail-0' });
  });

  it.each([
    ['stream_id', 'farm-9'],
    ['revision', 7],
    ['recorded_at', '2024-01-01T00:00:00.000Z'],
    ['type', 'FarmDeregistered'],
  ])('names an event whose %s column was changed while its bytes were left alone', async (column: string, value: string | number) => {
    await fill();
    const target = await row('farm-3', 1);
    await sql(`UPDATE events SET ${column} = $1 WHERE position = $2`, value, target.position);
    const report = await verifyNow();
    expect(report.failures).toEqual([expect.objectContaining({ kind: 'index_altered', ...names(target), message: expect.stringContaining(`${column} column`) })]);
  });

  it('reports a leaf record altered on its own, and a forged checkpoint', async () => {
    const checkpoint = await fill();
    await sql('UPDATE checkpoint_leaves SET hash = $1 WHERE leaf_index = 3', 'ab'.repeat(32));
    expect((await verifyNow()).failures).toEqual([expect.objectContaining({ kind: 'leaf_record_altered', treeSize: 11 })]);
    await sql('UPDATE checkpoints SET body = $1 WHERE tree_size = $2', JSON.stringify({ ...checkpoint, rootHash: 'ab'.repeat(32) }), checkpoint.treeSize);
    expect((await verifyNow()).failures.map((f) => f.kind)).toContain('checkpoint_signature_invalid');
  });

  it('opens a store whose newest event fails its hash read-only: writes refused, verification names it', async () => {
    await fill();
    const target = await row('farm-2', 2);
    await sql(`UPDATE events SET body = replace(body, '"ha":41', '"ha":14') WHERE position = $1`, target.position);
    const l = open({});
    await expect(l.store.append('farm-7', [newEvent('FarmRegistered', {})], 'no_stream')).rejects.toBeInstanceOf(CorruptStoreError);
    expect(l.store.damage()).toMatchObject({ position: Number(target.position) });
    expect((await l.verify()).firstFailure).toMatchObject({ kind: 'content_altered', ...names(target) });
    await l.close();
  });

  it('refuses a checkpoint that does not extend the stored leaf record (two signers)', async () => {
    await fill();
    const a = open();
    const b = open();
    await a.checkpointer.checkpoint(); // loads the tree in a
    await b.checkpointer.checkpoint();
    await a.store.append('farm-8', [newEvent('FarmRegistered', {})], 'no_stream');
    const results = await Promise.allSettled([a.checkpointer.checkpoint(), b.checkpointer.checkpoint()]);
    expect(results.map((r) => r.status)).toContain('fulfilled');
    // The loser either saw the winner's checkpoint (nothing to add) or was refused, never stored a fork.
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(CheckpointConflictError);
    expect((await a.store.checkpoints.all()).map((c) => c.treeSize)).toEqual([11, 12]);
    expect((await a.verify()).ok).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });

  it('read commands open an existing store only: no tables are created where there are none', async () => {
    const store = new PostgresEventStore({ connectionString: url, mustExist: true });
    await expect(store.headPosition()).rejects.toThrow('no event store');
    await store.close();
    expect(await sql<{ t: string | null }>("SELECT to_regclass('events')::text AS t")).toEqual([{ t: null }]);
  });
});
