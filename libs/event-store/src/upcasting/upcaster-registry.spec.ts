import { InMemoryEventStore } from '../memory/in-memory-event-store';
import { recomputeHash } from '../hashing';
import { UpcasterRegistry } from './upcaster-registry';
import { UpcastingEventStore } from './upcasting-event-store';
import type { StoredEvent } from '../event-envelope';
import { newEvent } from '../../../../test/support/new-event';

describe('schema evolution through upcasters', () => {
  // v1 stored the peat share as a fraction; v2 holds a percentage and names the soil types.
  const registry = new UpcasterRegistry([
    { type: 'FarmRegistered', fromVersion: 1, upcast: (d: { peatShare: number }) => ({ peatSharePct: d.peatShare * 100, soilTypes: [] }) },
    { type: 'FarmRegistered', fromVersion: 2, upcast: (d: object) => ({ ...d, livestockUnits: null }) },
  ]);

  it('reads a stored v1 event as the current version, leaving the stored bytes and hash alone', async () => {
    const store = new InMemoryEventStore();
    await store.append('farm-1', [newEvent('FarmRegistered', { peatShare: 0.3 }, { schemaVersion: 1 })], 'no_stream');
    const [stored] = await store.readStream('farm-1');
    const read = registry.upcast(stored);
    expect(registry.currentVersion('FarmRegistered')).toBe(3);
    expect(read.schemaVersion).toBe(3);
    expect(read.data).toEqual({ peatSharePct: 30, soilTypes: [], livestockUnits: null });
    expect(recomputeHash(stored)).toBe(stored.hash);
  });

  it('passes current events through and refuses events newer than the code', async () => {
    const store = new InMemoryEventStore();
    await store.append('x', [newEvent('Other', { a: 1 }), newEvent('FarmRegistered', {}, { schemaVersion: 9 })], 'no_stream');
    const [other, future] = await store.readStream('x');
    expect(registry.upcast(other)).toBe(other);
    expect(() => registry.upcast(future)).toThrow(/newer than this code/);
  });

  it('upcasts every read and every subscription of the decorated store, and writes through unchanged', async () => {
    const log = new InMemoryEventStore();
    const store = new UpcastingEventStore(log, registry);
    await store.append('farm-1', [newEvent('FarmRegistered', { peatShare: 0.5 }, { schemaVersion: 1 })], 'no_stream');
    const expected = { peatSharePct: 50, soilTypes: [], livestockUnits: null };
    expect((await store.readStream('farm-1'))[0].data).toEqual(expected);
    expect((await store.readAll())[0].data).toEqual(expected);
    const delivered: StoredEvent[] = [];
    const subscription = store.subscribeToAll({ checkpoint: null, handler: (e) => void delivered.push(e) });
    await subscription.caughtUp();
    await subscription.stop();
    expect(delivered.map((e) => e.data)).toEqual([expected]);
    // Underneath, the bytes as written: the hash still verifies.
    const [stored] = await log.readStream('farm-1');
    expect(stored.data).toEqual({ peatShare: 0.5 });
    expect(recomputeHash(stored)).toBe(stored.hash);
  });
});
