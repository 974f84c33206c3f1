import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { sealLog } from './seal';
import { exportLogBundle, exportStreamsBundle, verifyBundle, type AuditBundle } from './bundle';
import { newEvent } from '../../../../test/support/new-event';

describe('audit bundles, checked offline', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'asb-bundle-'));
    store = new SqliteEventStore({ file: join(dir, 'events.db') });
    for (let f = 0; f < 6; f++) await store.append(`farm-f${f}`, [newEvent('FarmRegistered', { farmId: `f${f}` }), newEvent('FarmDetailsCorrected', { farmId: `f${f}`, n: 1 })], 'no_stream');
    await sealLog(store, { now: '2025-10-01T00:00:00Z', maxSegment: 5 });
    await store.append('farm-f2', [newEvent('FarmDetailsCorrected', { farmId: 'f2', n: 2 })], 1);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Through JSON, as the bundle travels: the checker sees only the file.
  const roundTrip = (b: AuditBundle): AuditBundle => JSON.parse(JSON.stringify(b));

  it('verifies a whole-log bundle and names an altered event in it', async () => {
    const bundle = roundTrip(await exportLogBundle(store));
    expect((await verifyBundle(bundle)).ok).toBe(true);
    const altered = { ...bundle, events: bundle.events.map((e, i) => (i === 3 ? { ...e, raw: e.raw!.replace('"n":1', '"n":9') } : e)) };
    expect((await verifyBundle(altered)).firstFailure).toMatchObject({ kind: 'content_altered', position: bundle.events[3].position });
  });

  it("proves a farm's events are inside sealed segments without the rest of the log", async () => {
    const bundle = roundTrip(await exportStreamsBundle(store, 'farm f2', ['farm-f2']));
    expect(bundle.events).toHaveLength(3);
    expect(Object.keys(bundle.proofs)).toHaveLength(2);
    const report = await verifyBundle(bundle);
    expect(report).toMatchObject({ ok: true, unsealedEvents: 1 });
  });

  it('catches a farm bundle with an event dropped, altered, or slipped in without a proof', async () => {
    const bundle = roundTrip(await exportStreamsBundle(store, 'farm f2', ['farm-f2']));
    expect((await verifyBundle({ ...bundle, events: bundle.events.filter((_, i) => i !== 1) })).firstFailure?.kind).toBe('revision_gap');
    const forged = { ...bundle.events[0], raw: bundle.events[0].raw!.replace('"f2"', '"fX"') };
    expect((await verifyBundle({ ...bundle, events: [forged, ...bundle.events.slice(1)] })).firstFailure?.kind).toBe('content_altered');
    const { [bundle.events[1].id]: _dropped, ...fewer } = bundle.proofs;
    expect((await verifyBundle({ ...bundle, proofs: fewer })).failures.map((f) => f.kind)).toContain('seal_mismatch');
  });
});
