import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { canonicalBody } from '../hashing';
import { bundleEvents, exportLogBundle, exportStreamsBundle, verifyBundle, type AuditBundle, type BundleEvent } from './bundle';
import { keyIdOf, publishKey, signCheckpoint, type SigningKey } from './checkpoint';
import { Checkpointer } from './checkpointer';
import { InMemoryCheckpointStore } from './checkpoint-store';
import { LEGACY_BUNDLE_FORMAT } from './legacy-bundle';
import { newEvent } from '../../../../test/support/new-event';

const newKey = (): SigningKey => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { keyId: keyIdOf(publicKey), privateKey, published: publishKey(publicKey) };
};
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
// Through JSON, as a bundle travels: the checker sees only the file.
const roundTrip = (b: AuditBundle): AuditBundle => JSON.parse(JSON.stringify(b));
const at = (b: AuditBundle, streamId: string, revision: number): { event: BundleEvent; index: number } => {
  const index = bundleEvents(b).findIndex((e) => e.streamId === streamId && e.revision === revision);
  return { event: b.events[index], index };
};
const replaceAt = (b: AuditBundle, index: number, event: BundleEvent | null): AuditBundle => ({
  ...b,
  events: b.events.flatMap((e, i) => (i === index ? (event ? [event] : []) : [e])),
});

/** The tamper matrix on exported bundles: what someone holding the file can change, and what verification names. */
describe('audit bundles, checked offline', () => {
  let dir: string;
  let store: SqliteEventStore;
  let checkpointer: Checkpointer;
  const key = newKey();
  let log: AuditBundle;
  let farm: AuditBundle;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'asb-bundle-'));
    store = new SqliteEventStore({ file: join(dir, 'events.db') });
    checkpointer = new Checkpointer(store, new InMemoryCheckpointStore(), { logName: 'test-log', key: () => key, now: () => '2025-10-01T00:00:00.000Z' });
    for (let f = 0; f < 6; f++) await store.append(`farm-f${f}`, [newEvent('FarmRegistered', { farmId: `f${f}` }), newEvent('FarmDetailsCorrected', { farmId: `f${f}`, n: 1 })], 'no_stream');
    await store.append('farm-f2', [newEvent('FarmDetailsCorrected', { farmId: 'f2', n: 2 })], 1);
    await store.append('levy-f2', [newEvent('LevyAssessed', { farmId: 'f2', cents: 1200 })], 'no_stream');
    const { checkpoint } = await checkpointer.checkpoint();
    await store.append('farm-f5', [newEvent('FarmDetailsCorrected', { farmId: 'f5', n: 3 })], 1); // after the checkpoint
    log = roundTrip(await exportLogBundle(store, checkpoint, key.published));
    farm = roundTrip(await exportStreamsBundle(store, checkpointer, checkpoint, key.published, 'farm f2', ['farm-f2', 'levy-f2']));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const pinned = { trustedKeys: [key.published] };

  it('verifies a whole-log bundle cut at its checkpoint, and a farm bundle proven complete', async () => {
    expect(log.events).toHaveLength(14);
    expect(await verifyBundle(log, pinned)).toMatchObject({ ok: true, keyPinned: true, checkedEvents: 14 });
    expect(farm.events).toHaveLength(4);
    expect(farm.streamHeads).toHaveLength(2);
    expect(await verifyBundle(farm, pinned)).toMatchObject({ ok: true, checkedEvents: 4, checkedStreams: 2 });
    expect(await verifyBundle(farm)).toMatchObject({ ok: true, keyPinned: false });
  });

  it('carries one representation: what a reader sees is parsed from the hashed bytes', async () => {
    const withData = { ...log, events: log.events.map((e, i) => (i === 3 ? { ...e, data: { n: 999 } } : e)) } as AuditBundle;
    expect((await verifyBundle(withData, pinned)).ok).toBe(true);
    expect(bundleEvents(withData)[3].data).toEqual(bundleEvents(log)[3].data);
  });

  it.each([
    ['log', () => log],
    ['farm', () => farm],
  ])('%s bundle: names the event whose stored bytes were altered', async (_, bundle) => {
    const b = bundle();
    const { event, index } = at(b, 'farm-f2', 1);
    const altered = replaceAt(b, index, { ...event, raw: event.raw.replace('"n":1', '"n":9') });
    expect((await verifyBundle(altered, pinned)).firstFailure).toMatchObject({ kind: 'content_altered', position: event.position, streamId: 'farm-f2', revision: 1, type: 'FarmDetailsCorrected' });
  });

  it('farm bundle: names an event rewritten with its hash recomputed (its proof no longer leads to the signed root)', async () => {
    const { event, index } = at(farm, 'farm-f2', 1);
    const raw = event.raw.replace('"n":1', '"n":9');
    const report = await verifyBundle(replaceAt(farm, index, { ...event, raw, hash: sha(raw) }), pinned);
    expect(report.firstFailure).toMatchObject({ kind: 'checkpoint_mismatch', position: event.position, streamId: 'farm-f2', revision: 1 });
  });

  it('log bundle: a rewrite with its hash recomputed breaks the root and is named through its stream', async () => {
    const { event, index } = at(log, 'levy-f2', 0);
    const raw = event.raw.replace('1200', '120');
    const report = await verifyBundle(replaceAt(log, index, { ...event, raw, hash: sha(raw) }), pinned);
    expect(report.failures.map((f) => f.kind)).toEqual(expect.arrayContaining(['stream_incomplete', 'checkpoint_mismatch']));
    expect(report.firstFailure).toMatchObject({ kind: 'stream_incomplete', streamId: 'levy-f2', revision: 0, position: event.position });
  });

  it("log bundle: dropping the tail names each stream cut short", async () => {
    const report = await verifyBundle({ ...log, events: log.events.slice(0, -2) }, pinned);
    expect(report.failures.filter((f) => f.kind === 'stream_incomplete').map((f) => [f.streamId, f.revision])).toEqual([
      ['farm-f2', 2],
      ['levy-f2', 0],
    ]);
    expect(report.failures.map((f) => f.kind)).toContain('checkpoint_mismatch');
  });

  it("farm bundle: dropping a stream's last event, an inner event, or a whole stream's events is named", async () => {
    const last = at(farm, 'farm-f2', 2);
    expect((await verifyBundle(replaceAt(farm, last.index, null), pinned)).firstFailure).toMatchObject({ kind: 'stream_incomplete', streamId: 'farm-f2', revision: 2 });
    const inner = at(farm, 'farm-f2', 1);
    expect((await verifyBundle(replaceAt(farm, inner.index, null), pinned)).firstFailure).toMatchObject({ kind: 'revision_gap', streamId: 'farm-f2', revision: 2 });
    const levy = at(farm, 'levy-f2', 0);
    expect((await verifyBundle(replaceAt(farm, levy.index, null), pinned)).failures).toEqual([expect.objectContaining({ kind: 'stream_incomplete', streamId: 'levy-f2', revision: 0 })]);
    const noHead = { ...farm, streamHeads: farm.streamHeads.slice(1) };
    expect((await verifyBundle(noHead, pinned)).failures.map((f) => f.kind)).toEqual(['stream_incomplete']);
  });

  it('farm bundle: an event slipped in that the checkpoint never covered is named', async () => {
    const other = log.events[0]; // farm-f0@0, not the farm's
    const forged = { ...farm, scope: { ...farm.scope, streams: ['farm-f2', 'levy-f2', 'farm-f0'] }, events: [{ ...other, leafIndex: 1, path: farm.events[0].path }, ...farm.events] } as AuditBundle;
    expect((await verifyBundle(forged, pinned)).failures.map((f) => f.kind)).toEqual(expect.arrayContaining(['checkpoint_mismatch', 'stream_incomplete']));
  });

  it('catches a forged checkpoint, and a bundle re-signed with another key once the operator key is pinned', async () => {
    const forged = { ...log, checkpoint: { ...log.checkpoint, rootHash: 'ab'.repeat(32) } };
    expect((await verifyBundle(forged, pinned)).failures.map((f) => f.kind)).toContain('checkpoint_signature_invalid');
    const thief = newKey();
    const { event, index } = at(log, 'levy-f2', 0);
    const raw = event.raw.replace('1200', '120');
    const rewritten = replaceAt(log, index, { ...event, raw, hash: sha(raw) });
    // The forger would rebuild the whole bundle consistently; the key is what it cannot reuse.
    const resigned = { ...rewritten, publicKey: thief.published, checkpoint: signCheckpoint({ ...log.checkpoint }, thief) };
    expect((await verifyBundle(resigned, pinned)).failures.map((f) => f.kind)).toContain('checkpoint_signature_invalid');
    expect((await verifyBundle(resigned)).keyPinned).toBe(false);
  });

  it('refuses what is not a bundle as unusable input', async () => {
    await expect(verifyBundle({ format: 'something-else' })).rejects.toThrow(/not an audit bundle/);
    await expect(verifyBundle({ ...log, checkpoint: undefined })).rejects.toThrow(/lacks/);
  });

  it('a format-1 bundle whose parsed data was edited while raw and hash were kept no longer verifies', async () => {
    const events = (await store.readStream('farm-f2')).map((e) => ({ ...e }));
    const legacy = { format: LEGACY_BUNDLE_FORMAT, scope: { kind: 'log' }, events, seals: [], proofs: {} };
    expect((await verifyBundle(JSON.parse(JSON.stringify({ ...legacy, scope: { kind: 'streams', label: 'x', streams: ['farm-f2'] } })))).ok).toBe(true);
    const edited = JSON.parse(JSON.stringify({ ...legacy, scope: { kind: 'streams', label: 'x', streams: ['farm-f2'] } }));
    edited.events[1].data.n = 7;
    expect(canonicalBody(edited.events[1])).not.toBe(edited.events[1].raw);
    expect((await verifyBundle(edited)).firstFailure).toMatchObject({ kind: 'content_altered', streamId: 'farm-f2', revision: 1 });
  });
});
