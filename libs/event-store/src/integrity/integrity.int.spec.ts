import { fillTamperLog } from '../../../../test/support/tamper-log';
import Database from 'better-sqlite3';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { CorruptStoreError } from '../errors';
import { canonicalJson } from '../canonical-json';
import { keyIdOf, publishKey, type SignedCheckpoint, type SigningKey } from './checkpoint';
import { Checkpointer } from './checkpointer';
import { SqliteCheckpointStore } from './sqlite-checkpoint-store';
import { sealLog } from './seal';
import { verifyLog, type VerifyOptions, type VerifyReport } from './verifier';
import { storeVerifySource } from './store-verify-source';
import { InMemoryKeyStore, PersonalDataCipher } from '../personal-data/personal-data-cipher';
import { eventIsIncluded, streamHeadIsCommitted } from './log-proofs';
import { compareWitnesses, newWitness, observe, type WitnessState } from './witness';
import { newEvent } from '../../../../test/support/new-event';

const NOW = '2025-10-01T00:00:00.000Z';

const newKey = (): SigningKey => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { keyId: keyIdOf(publicKey), privateKey, published: publishKey(publicKey) };
};

type Row = { position: number; stream_id: string; revision: number; event_id: string; type: string; body: string; hash: string };

/**
 * The tamper matrix on the embedded store: each kind of change someone with the file (or the
 * server) can make to events.db with SQLite's own SQL, and what verification names.
 */
describe('tamper evidence on the embedded store', () => {
  let dir: string;
  let file: string;
  const key = newKey();
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'asb-int-'));
    file = join(dir, 'events.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const open = (signing: SigningKey = key, options: { tailCheck?: number } = { tailCheck: 0 }) => {
    const store = new SqliteEventStore({ file, ...options });
    const checkpoints = new SqliteCheckpointStore(file);
    const checkpointer = new Checkpointer(store, checkpoints, { logName: 'test-log', key: () => signing, now: () => NOW });
    return {
      store,
      checkpoints,
      checkpointer,
      verify: (options: VerifyOptions = {}) => verifyLog(storeVerifySource(store, checkpoints), { trustedKeys: [key.published], ...options }),
      close: async () => {
        await store.close();
        await checkpoints.close();
      },
    };
  };

  const fill = (tail = 0) => fillTamperLog(open(), tail);

  const sql = (statement: string, ...params: unknown[]) => {
    const db = new Database(file);
    db.prepare(statement).run(...params);
    db.close();
  };
  const row = (streamId: string, revision: number): Row => {
    const db = new Database(file);
    const r = db.prepare('SELECT * FROM events WHERE stream_id = ? AND revision = ?').get(streamId, revision) as Row;
    db.close();
    return r;
  };
  /** Rewrites an event's bytes and recomputes its hash, as an insider covering tracks would. */
  const rewrite = (streamId: string, revision: number, from: string, to: string) => {
    const r = row(streamId, revision);
    const body = r.body.replace(from, to);
    expect(body).not.toBe(r.body);
    sql('UPDATE events SET body = ?, hash = ? WHERE position = ?', body, createHash('sha256').update(body).digest('hex'), r.position);
    return r;
  };
  const verifyNow = async (options: VerifyOptions = {}): Promise<VerifyReport> => {
    const l = open();
    try {
      return await l.verify(options);
    } finally {
      await l.close();
    }
  };
  const names = (r: Row) => ({ position: r.position, streamId: r.stream_id, revision: r.revision, eventId: r.event_id, type: r.type });

  it('verifies an untouched log against its signed checkpoint, with events after it counted', async () => {
    const checkpoint = await fill(2);
    const report = await verifyNow();
    expect(report).toMatchObject({ ok: true, checkedEvents: 15, checkedCheckpoints: 1, uncheckpointedEvents: 4, newestCheckpoint: { treeSize: 11, rootHash: checkpoint.rootHash } });
  });

  it('names the event whose stored bytes were altered (one byte)', async () => {
    await fill();
    const target = row('farm-3', 1);
    sql(`UPDATE events SET body = replace(body, '"ha":40', '"ha":49') WHERE position = ?`, target.position);
    const report = await verifyNow();
    expect(report.firstFailure).toMatchObject({ kind: 'content_altered', ...names(target) });
  });

  it('names a rewritten event whose hash was recomputed — not the next event — by the checkpointed leaf', async () => {
    await fill();
    const target = rewrite('farm-2', 1, '"ha":40', '"ha":4');
    const report = await verifyNow();
    expect(report.firstFailure).toMatchObject({ kind: 'event_rewritten', ...names(target) });
    // The broken link of the next event is reported too, and says the earlier one is the suspect.
    expect(report.failures.find((f) => f.kind === 'chain_broken')).toMatchObject({ streamId: 'farm-2', revision: 2, message: expect.stringContaining(`position ${target.position}`) });
  });

  it("names a rewritten last event of a stream (no later link to break)", async () => {
    await fill();
    const target = rewrite('farm-4', 1, '"ha":40', '"ha":4');
    expect((await verifyNow()).firstFailure).toMatchObject({ kind: 'event_rewritten', ...names(target) });
  });

  it('names a deleted last event of a stream, and a deleted event inside a stream', async () => {
    await fill();
    const last = row('farm-4', 1);
    const inner = row('farm-2', 1);
    sql('DELETE FROM events WHERE position IN (?, ?)', last.position, inner.position);
    const report = await verifyNow();
    expect(report.failures.filter((f) => f.kind === 'event_deleted')).toEqual([
      expect.objectContaining(names(inner)),
      expect.objectContaining(names(last)),
    ]);
    expect(report.firstFailure).toMatchObject({ kind: 'event_deleted', ...names(inner) });
  });

  it('names every event of a deleted stream', async () => {
    await fill();
    const [a, b] = [row('farm-1', 0), row('farm-1', 1)];
    sql('DELETE FROM events WHERE stream_id = ?', 'farm-1');
    const report = await verifyNow();
    expect(report.failures.filter((f) => f.kind === 'event_deleted')).toEqual([expect.objectContaining(names(a)), expect.objectContaining(names(b))]);
  });

  it('names the events cut off by truncating the log into the checkpointed range', async () => {
    await fill();
    const cut = [row('farm-4', 1), row('farm-2', 2)];
    sql('DELETE FROM events WHERE position >= ?', cut[0].position);
    const report = await verifyNow();
    expect(report.failures.filter((f) => f.kind === 'event_deleted')).toEqual(cut.map((r) => expect.objectContaining(names(r))));
    expect(report.failures.map((f) => f.kind)).toContain('checkpoint_beyond_log');
  });

  it('names two events whose bytes were swapped between positions', async () => {
    await fill();
    const [a, b] = [row('farm-0', 0), row('farm-1', 0)];
    const db = new Database(file);
    db.prepare('UPDATE events SET event_id = ?, stream_id = ? WHERE position = ?').run('x', 'x', a.position);
    db.prepare('UPDATE events SET body = ?, hash = ?, event_id = ?, stream_id = ? WHERE position = ?').run(a.body, a.hash, a.event_id, a.stream_id, b.position);
    db.prepare('UPDATE events SET body = ?, hash = ?, event_id = ?, stream_id = ? WHERE position = ?').run(b.body, b.hash, b.event_id, b.stream_id, a.position);
    db.close();
    const report = await verifyNow();
    expect(report.failures.filter((f) => f.kind === 'event_rewritten').map((f) => f.position)).toEqual([a.position, b.position]);
  });

  it('catches deletions in the events after the newest checkpoint by the positions the store assigned', async () => {
    await fill(2);
    const last = row('farm-tail-1', 1);
    const inner = row('farm-tail-0', 1);
    sql('DELETE FROM events WHERE position IN (?, ?)', last.position, inner.position);
    const report = await verifyNow();
    expect(report.failures.filter((f) => f.kind === 'events_missing').map((f) => f.range)).toEqual([
      { fromPosition: inner.position, toPosition: inner.position },
      { fromPosition: last.position, toPosition: last.position },
    ]);
  });

  it('names the stream of a rewritten or deleted last event after the newest checkpoint, by the head the store recorded', async () => {
    await fill(2);
    const rewritten = rewrite('farm-tail-0', 1, '"ha":7', '"ha":70');
    const deleted = row('farm-tail-1', 1);
    sql('DELETE FROM events WHERE position = ?', deleted.position);
    const report = await verifyNow();
    expect(report.failures.filter((f) => f.kind === 'stream_head_differs')).toEqual([
      expect.objectContaining({ streamId: 'farm-tail-0', revision: 1, position: rewritten.position }),
      expect.objectContaining({ streamId: 'farm-tail-1', revision: 1, message: expect.stringContaining('revisions 1..1 were deleted') }),
    ]);
  });

  it('names an altered byte after the newest checkpoint, and an altered hash column alone', async () => {
    await fill(1);
    const tail = row('farm-tail-0', 0);
    sql(`UPDATE events SET body = replace(body, '"farm":100', '"farm":101') WHERE position = ?`, tail.position);
    const inner = row('farm-1', 0);
    sql('UPDATE events SET hash = ? WHERE position = ?', 'ee'.repeat(32), inner.position);
    const report = await verifyNow();
    expect(report.failures.filter((f) => f.eventId === inner.event_id).map((f) => f.kind).sort()).toEqual(['content_altered', 'event_rewritten']);
    expect(report.failures.find((f) => f.kind === 'content_altered' && f.position === tail.position)).toMatchObject(names(tail));
  });

  it("names a stream whose recorded head alone was edited (the log's events untouched), in the checkpointed range and after it", async () => {
    await fill(2);
    sql('UPDATE streams SET last_hash = ? WHERE stream_id = ?', 'ab'.repeat(32), 'farm-1');
    sql('UPDATE streams SET revision = revision + 1 WHERE stream_id = ?', 'farm-tail-0');
    const report = await verifyNow();
    expect(report.ok).toBe(false);
    const named = report.failures.map((f) => f.streamId);
    expect(named).toEqual(expect.arrayContaining(['farm-1', 'farm-tail-0']));
  });

  it('says how far its answer reaches: a rewrite of the last event after the newest checkpoint, with its hash and its stream head rewritten too, passes, and the report counts those events as only hash-chained', async () => {
    // The limit of an unsealed tail, stated rather than hidden: no signature covers it yet.
    await fill(2);
    const rewritten = rewrite('farm-tail-0', 1, '"ha":7', '"ha":70');
    sql('UPDATE streams SET last_hash = ? WHERE stream_id = ?', createHash('sha256').update(rewritten.body.replace('"ha":7', '"ha":70')).digest('hex'), 'farm-tail-0');
    const report = await verifyNow();
    expect(report).toMatchObject({ ok: true, uncheckpointedEvents: 4, uncheckpointedSince: expect.any(String) });
    expect(report.newestCheckpoint?.treeSize).toBe(11);
    // The next checkpoint signs the rewritten bytes; a witness that kept none of the tail cannot tell either.
    // The same rewrite inside the checkpointed range is named (see 'names a rewritten last event of a stream').
  });

  it('names a whole stream deleted after the newest checkpoint', async () => {
    await fill(2);
    const [a, b] = [row('farm-tail-0', 0), row('farm-tail-0', 1)];
    sql('DELETE FROM events WHERE stream_id = ?', 'farm-tail-0');
    const report = await verifyNow();
    expect(report.failures.find((f) => f.kind === 'events_missing')).toMatchObject({ range: { fromPosition: a.position, toPosition: b.position } });
    expect(report.failures.find((f) => f.kind === 'stream_head_differs')).toMatchObject({ streamId: 'farm-tail-0', message: expect.stringContaining('the stream was deleted') });
  });

  it('names an event slipped into the table outside the store, even one that links correctly to its stream', async () => {
    await fill();
    const head = row('farm-3', 1);
    const forged = JSON.parse(head.body);
    const body = canonicalJson({ ...forged, id: '00000000-0000-4000-8000-000000000001', revision: 2, prevHash: head.hash, data: { farm: 3, ha: 400 } });
    sql('INSERT INTO events (event_id, stream_id, revision, type, recorded_at, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?)', '00000000-0000-4000-8000-000000000001', 'farm-3', 2, head.type, '2025-09-01T10:00:00.000Z', body, createHash('sha256').update(body).digest('hex'));
    const report = await verifyNow();
    expect(report.failures).toEqual([expect.objectContaining({ kind: 'stream_head_differs', streamId: 'farm-3', message: expect.stringContaining('added outside the store') })]);
  });

  it('reports a leaf record altered on its own (the log still matches its checkpoints)', async () => {
    await fill();
    sql('UPDATE checkpoint_leaves SET hash = ? WHERE leaf_index = 3', 'ab'.repeat(32));
    const report = await verifyNow();
    expect(report.failures).toEqual([expect.objectContaining({ kind: 'leaf_record_altered', treeSize: 11 })]);
  });

  it.each([
    ['stream_id', 'farm-9', 'a read of farm-3 would miss it'],
    ['revision', 7, 'a read would misplace it'],
    ['recorded_at', '2024-01-01T00:00:00.000Z', 'an as-of read would see it before it was recorded'],
    ['type', 'FarmDeregistered', 'a catalogue would miscount it'],
  ])('names an event whose %s column was changed while its bytes and hash were left alone (%s: %s)', async (column: string, value: string | number, _why: string) => {
    await fill();
    const target = row('farm-3', 1);
    sql(`UPDATE events SET ${column} = ? WHERE position = ?`, value, target.position);
    const report = await verifyNow();
    expect(report.failures).toEqual([expect.objectContaining({ kind: 'index_altered', ...names(target), message: expect.stringContaining(`${column} column`) })]);
  });

  it('refuses to serve an event moved to another stream by its column: a decision never folds a foreign event', async () => {
    await fill();
    const moved = row('farm-3', 1);
    sql('UPDATE events SET stream_id = ?, revision = 0 WHERE position = ?', 'farm-9', moved.position);
    const l = open();
    await expect(l.store.readStream('farm-9')).rejects.toThrow(CorruptStoreError);
    await l.close();
  });

  it('catches a deleted newest checkpoint: the leaf record reaches past the newest one left', async () => {
    await fill();
    const l = open();
    await l.store.append('farm-9', [newEvent('FarmRegistered', { farm: 9 })], 'no_stream');
    const { checkpoint } = await l.checkpointer.checkpoint();
    await l.close();
    sql('DELETE FROM checkpoints WHERE tree_size = ?', checkpoint.treeSize);
    expect((await verifyNow()).failures.map((f) => f.kind)).toContain('checkpoint_missing');
  });

  it('catches a forged checkpoint (edited root, same signature)', async () => {
    const checkpoint = await fill();
    sql('UPDATE checkpoints SET body = ? WHERE tree_size = ?', JSON.stringify({ ...checkpoint, rootHash: 'ab'.repeat(32) }), checkpoint.treeSize);
    expect((await verifyNow()).failures.map((f) => f.kind)).toContain('checkpoint_signature_invalid');
  });

  it('names the range when the leaf record was altered along with the event', async () => {
    await fill();
    const target = rewrite('farm-3', 0, '"farm":3', '"farm":8');
    sql('UPDATE checkpoint_leaves SET hash = (SELECT hash FROM events WHERE position = ?) WHERE position = ?', target.position, target.position);
    const report = await verifyNow();
    expect(report.failures.find((f) => f.kind === 'checkpoint_mismatch')).toMatchObject({ range: { fromPosition: 1, toPosition: 11 } });
    expect(report.failures.map((f) => f.kind)).not.toContain('event_rewritten');
  });

  it('keeps crypto-shredding: erasing a data key leaves the log, its checkpoint and every proof valid', async () => {
    const keys = new InMemoryKeyStore();
    const cipher = new PersonalDataCipher(keys);
    const l = open();
    await l.store.append('farm-p', [newEvent('FarmRegistered', { province: 'Drenthe' }, { personal: cipher.seal('farm-p', { name: 'J. de Boer' }) })], 'no_stream');
    const { checkpoint } = await l.checkpointer.checkpoint();
    const [event] = await l.store.readStream('farm-p');
    keys.destroy('farm-p');
    expect(cipher.open(event.personal!)).toEqual({ erased: true, keyId: 'farm-p' });
    // The tree is over the stored (encrypted) bytes, which erasure never touches.
    expect((await l.verify()).ok).toBe(true);
    expect(eventIsIncluded(event.hash, (await l.checkpointer.inclusion(event.position))!, checkpoint)).toBe(true);
    expect(streamHeadIsCommitted((await l.checkpointer.streamHead('farm-p'))!, checkpoint)).toBe(true);
    await l.close();
  });

  describe('a damaged store', () => {
    it('opens, refuses writes, and verifies to the end naming the event', async () => {
      await fill();
      const target = row('farm-2', 2);
      sql(`UPDATE events SET body = replace(body, '"ha":41', '"ha":14') WHERE position = ?`, target.position);
      const l = open(key, {});
      expect(l.store.damage()).toMatchObject({ position: target.position, message: expect.stringContaining('farm-2@2') });
      await expect(l.store.append('farm-7', [newEvent('FarmRegistered', {})], 'no_stream')).rejects.toThrow(CorruptStoreError);
      const report = await l.verify();
      await l.close();
      expect(report.firstFailure).toMatchObject({ kind: 'content_altered', ...names(target) });
      expect(report.checkedEvents).toBe(11);
    });

    it('reports bytes that are not an event and goes on to the end', async () => {
      await fill(1);
      const target = row('farm-1', 1);
      sql('UPDATE events SET body = ? WHERE position = ?', '{"broken', target.position);
      const report = await verifyNow();
      expect(report.failures).toEqual([expect.objectContaining({ kind: 'content_unreadable', ...names(target) })]);
      expect(report.checkedEvents).toBe(13);
    });

    it('reports page damage in the stored file as part of verification, not on every open', async () => {
      const store = new SqliteEventStore({ file });
      for (let i = 0; i < 60; i++) await store.append(`farm-${i}`, [newEvent('FarmRegistered', { farm: i, note: 'x'.repeat(400) })], 'no_stream');
      await store.close();
      const db = new Database(file);
      db.pragma('wal_checkpoint(TRUNCATE)');
      const pages = db.pragma('page_count', { simple: true }) as number;
      db.close();
      const fd = openSync(file, 'r+');
      writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, Math.floor(pages / 2) * 4096);
      closeSync(fd);
      const damaged = new SqliteEventStore({ file, tailCheck: 0 });
      const report = await verifyLog(storeVerifySource(damaged));
      expect(report.ok).toBe(false);
      expect(report.failures.some((f) => f.kind === 'storage_damaged')).toBe(true);
      await damaged.close();
      const checked = new SqliteEventStore({ file, tailCheck: 0, quickCheckOnOpen: true });
      expect(checked.damage()).not.toBeNull();
      await checked.close();
    });
  });

  describe('seals written before checkpoints', () => {
    it('still verify after the upgrade, and a deletion in a sealed segment is named by the checkpoint after it', async () => {
      const l = open();
      for (let farm = 0; farm < 3; farm++) await l.store.append(`farm-${farm}`, [newEvent('FarmRegistered', { farm })], 'no_stream');
      await sealLog(l.store, { now: NOW, maxSegment: 2 });
      await l.checkpointer.checkpoint();
      expect(await l.verify()).toMatchObject({ ok: true, checkedSeals: 2 });
      await l.close();
      const gone = row('farm-1', 0);
      sql('DELETE FROM events WHERE position = ?', gone.position);
      const report = await verifyNow();
      expect(report.firstFailure).toMatchObject({ kind: 'event_deleted', ...names(gone) });
      expect(report.failures.map((f) => f.kind)).toContain('seal_mismatch');
    });
  });

  describe('witnesses', () => {
    const witnessOf = async (l: ReturnType<typeof open>, state?: WitnessState): Promise<WitnessState> => {
      const latest = (await l.checkpointer.latest())!;
      const base = state ?? newWitness('test-log', key.published);
      const newest = base.checkpoints.at(-1);
      const seen = observe(base, latest, newest ? await l.checkpointer.consistency(newest.treeSize, latest.treeSize) : null);
      if (!seen.accepted) throw new Error(seen.reason);
      return seen.state;
    };

    /** The insider with the stolen key: rewrites an event (and the stream's recorded head), then rebuilds every checkpoint and the leaf record, re-signed. */
    const rewriteAndResign = async () => {
      const target = rewrite('farm-2', 2, '"ha":41', '"ha":14');
      sql('UPDATE streams SET last_hash = (SELECT hash FROM events WHERE position = ?) WHERE stream_id = ?', target.position, 'farm-2');
      sql('DELETE FROM checkpoints');
      sql('DELETE FROM checkpoint_leaves');
      const l = open();
      await l.checkpointer.checkpoint();
      await l.close();
      return target;
    };

    it('accepts only checkpoints that extend what it saw', async () => {
      await fill();
      const l = open();
      let state = await witnessOf(l);
      await l.store.append('farm-9', [newEvent('FarmRegistered', { farm: 9 })], 'no_stream');
      await l.checkpointer.checkpoint();
      state = await witnessOf(l, state);
      expect(state.checkpoints.map((c) => c.treeSize)).toEqual([11, 12]);
      expect((await l.verify({ witnessed: state.checkpoints })).ok).toBe(true);
      await l.close();
    });

    it('catches a rewrite re-signed with the stolen key, which the store alone no longer shows', async () => {
      await fill();
      const l = open();
      const state = await witnessOf(l);
      await l.close();
      await rewriteAndResign();
      expect((await verifyNow()).ok).toBe(true); // everything in the store agrees with itself
      const report = await verifyNow({ witnessed: state.checkpoints });
      expect(report.ok).toBe(false);
      expect(report.failures.find((f) => f.kind === 'checkpoint_forked')).toMatchObject({ treeSize: 11, source: 'witness' });
      expect(report.failures.find((f) => f.kind === 'checkpoint_mismatch' && f.source === 'witness')).toMatchObject({ range: { fromPosition: 1, toPosition: 11 } });
      // Shown to the witness again, the re-signed log is refused.
      const again = open();
      const seen = observe(state, (await again.checkpointer.latest())!, null);
      await again.close();
      expect(seen).toMatchObject({ accepted: false, reason: expect.stringContaining('history was rewritten') });
    });

    it('catches a truncation the insider covered by deleting checkpoints, and a rolled-back log', async () => {
      await fill();
      const l = open();
      await l.store.append('farm-9', [newEvent('FarmRegistered', { farm: 9 })], 'no_stream');
      await l.checkpointer.checkpoint();
      const state = await witnessOf(l);
      await l.close();
      sql('DELETE FROM events WHERE stream_id = ?', 'farm-9');
      sql('DELETE FROM streams WHERE stream_id = ?', 'farm-9');
      sql('DELETE FROM checkpoints WHERE tree_size = 12');
      sql('DELETE FROM checkpoint_leaves WHERE leaf_index = 11');
      sql("UPDATE sqlite_sequence SET seq = 11 WHERE name = 'events'");
      expect((await verifyNow()).ok).toBe(true);
      const report = await verifyNow({ witnessed: state.checkpoints });
      expect(report.failures.map((f) => f.kind)).toEqual(expect.arrayContaining(['checkpoint_missing', 'checkpoint_beyond_log']));
      const again = open();
      expect(observe(state, (await again.checkpointer.latest())!, null)).toMatchObject({ accepted: false });
      await again.close();
    });

    it('two witnesses shown a forked log find it when they compare: same size, different root', async () => {
      await fill();
      const honest = open();
      const a = await witnessOf(honest);
      await honest.close();
      await rewriteAndResign();
      const forked = open();
      const b = await witnessOf(forked, newWitness('test-log', key.published));
      await forked.close();
      expect(compareWitnesses(a, b)).toEqual([{ treeSize: 11, rootA: a.checkpoints[0].rootHash, rootB: b.checkpoints[0].rootHash }]);
    });

    it("keeps the log's name from its first checkpoint, whatever a later process is configured with", async () => {
      await fill();
      const store = new SqliteEventStore({ file, tailCheck: 0 });
      const checkpoints = new SqliteCheckpointStore(file);
      const renamed = new Checkpointer(store, checkpoints, { logName: 'another-name', key: () => key, now: () => NOW });
      await store.append('farm-9', [newEvent('FarmRegistered', { farm: 9 })], 'no_stream');
      expect((await renamed.checkpoint()).checkpoint.log).toBe('test-log');
      await store.close();
      await checkpoints.close();
    });

    it('refuses a checkpoint signed with another key', async () => {
      await fill();
      const l = open(newKey());
      await l.store.append('farm-9', [newEvent('FarmRegistered', { farm: 9 })], 'no_stream');
      const { checkpoint } = await l.checkpointer.checkpoint();
      await l.close();
      expect(observe(newWitness('test-log', key.published), checkpoint as SignedCheckpoint, null)).toMatchObject({ accepted: false });
    });
  });
});
