import Database from 'better-sqlite3';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { CorruptStoreError } from '../errors';
import { sealLog, SEAL_STREAM } from './seal';
import { verifyLog } from './verifier';
import { storeVerifySource } from './store-verify-source';
import { newEvent } from '../../../../test/support/new-event';

const NOW = '2025-10-01T00:00:00.000Z';

describe('tamper evidence on the embedded store', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'asb-int-'));
    file = join(dir, 'events.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const fill = async (store: SqliteEventStore) => {
    for (let farm = 0; farm < 5; farm++) {
      await store.append(`farm-${farm}`, [newEvent('FarmRegistered', { farm }), newEvent('FarmDetailsCorrected', { farm, ha: 40 })], 'no_stream');
    }
    await store.append('farm-2', [newEvent('FarmDetailsCorrected', { farm: 2, ha: 41 })], 1);
  };

  /** Changes stored bytes with SQLite's own SQL, as someone with file access could. */
  const tamper = (sql: string, ...params: unknown[]) => {
    const db = new Database(file);
    db.prepare(sql).run(...params);
    db.close();
  };

  it('verifies an untouched log with its seals', async () => {
    const store = new SqliteEventStore({ file });
    await fill(store);
    const sealed = await sealLog(store, { now: NOW, maxSegment: 4 });
    expect(sealed.sealed.map((s) => s.eventCount)).toEqual([4, 4, 3]);
    await store.append('farm-9', [newEvent('FarmRegistered', { farm: 9 })], 'no_stream');
    const report = await verifyLog(storeVerifySource(store));
    await store.close();
    expect(report.ok).toBe(true);
    expect(report.checkedSeals).toBe(3);
    expect(report.unsealedEvents).toBe(4); // the three seal events + farm-9
    expect(report.checkedEvents).toBe(15);
  });

  it('names exactly the event whose stored bytes were altered', async () => {
    const store = new SqliteEventStore({ file });
    await fill(store);
    await sealLog(store, { now: NOW });
    const target = (await store.readStream('farm-3'))[1];
    await store.close();
    // One byte: 40 hectares become 49.
    tamper(`UPDATE events SET body = replace(body, '"ha":40', '"ha":49') WHERE position = ?`, target.position);
    const reopened = new SqliteEventStore({ file, tailCheck: 0 });
    const report = await verifyLog(storeVerifySource(reopened));
    await reopened.close();
    expect(report.ok).toBe(false);
    expect(report.firstFailure).toMatchObject({ kind: 'content_altered', position: target.position, streamId: 'farm-3', revision: 1 });
  });

  it('catches an altered event whose hash was rewritten too, by the link of the next event', async () => {
    const store = new SqliteEventStore({ file });
    await fill(store);
    const [first] = await store.readStream('farm-2');
    await store.close();
    const db = new Database(file);
    const body = (db.prepare('SELECT body FROM events WHERE position = ?').get(first.position) as { body: string }).body.replace('"farm":2', '"farm":7');
    const { createHash } = await import('node:crypto');
    db.prepare('UPDATE events SET body = ?, hash = ? WHERE position = ?').run(body, createHash('sha256').update(body).digest('hex'), first.position);
    db.close();
    const report = await verifyLog(storeVerifySource(new SqliteEventStore({ file, tailCheck: 0 })));
    expect(report.firstFailure).toMatchObject({ kind: 'chain_broken', streamId: 'farm-2', revision: 1 });
  });

  it('fails the seal when an event is deleted, even the last of its stream', async () => {
    const store = new SqliteEventStore({ file });
    await fill(store);
    await sealLog(store, { now: NOW });
    const last = (await store.readStream('farm-4'))[1];
    await store.close();
    tamper('DELETE FROM events WHERE position = ?', last.position);
    const report = await verifyLog(storeVerifySource(new SqliteEventStore({ file, tailCheck: 0 })));
    expect(report.ok).toBe(false);
    expect(report.failures.map((f) => f.kind)).toEqual(['seal_mismatch']);
    expect(report.firstFailure?.sealNo).toBe(1);
  });

  it('fails when a whole stream is deleted', async () => {
    const store = new SqliteEventStore({ file });
    await fill(store);
    await sealLog(store, { now: NOW });
    await store.close();
    tamper('DELETE FROM events WHERE stream_id = ?', 'farm-1');
    const report = await verifyLog(storeVerifySource(new SqliteEventStore({ file, tailCheck: 0 })));
    expect(report.failures.some((f) => f.kind === 'seal_mismatch')).toBe(true);
  });

  it('refuses to open a store whose newest events do not match their hashes', async () => {
    const store = new SqliteEventStore({ file });
    await fill(store);
    await store.close();
    tamper(`UPDATE events SET body = replace(body, '"ha":41', '"ha":14') WHERE stream_id = 'farm-2' AND revision = 2`);
    expect(() => new SqliteEventStore({ file })).toThrow(CorruptStoreError);
  });

  it('reports page damage in the stored file as part of verification, not on every open', async () => {
    const store = new SqliteEventStore({ file });
    for (let i = 0; i < 60; i++) await store.append(`farm-${i}`, [newEvent('FarmRegistered', { farm: i, note: 'x'.repeat(400) })], 'no_stream');
    await store.close();
    // Merge the WAL, then overwrite the middle of the file with garbage, as a failing disk might.
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.close();
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, Math.floor(pages / 2) * 4096);
    closeSync(fd);
    const damaged = new SqliteEventStore({ file, tailCheck: 0 }); // opens without reading the whole file
    const report = await verifyLog(storeVerifySource(damaged));
    expect(report.ok).toBe(false);
    expect(report.failures.some((f) => f.kind === 'storage_damaged')).toBe(true);
    expect(() => new SqliteEventStore({ file, tailCheck: 0, quickCheckOnOpen: true })).toThrow(CorruptStoreError);
    await damaged.close();
  });

  it('does not seal an idle log again', async () => {
    const store = new SqliteEventStore({ file });
    await fill(store);
    expect((await sealLog(store, { now: NOW })).sealed).toHaveLength(1);
    expect((await sealLog(store, { now: NOW })).sealed).toHaveLength(0);
    expect(await store.readStream(SEAL_STREAM)).toHaveLength(1);
    await store.close();
  });
});
