import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@asb/event-store';
import { ReadModelStore } from '../read-model-store';
import { ProjectionRunner } from '../projection-runner';
import type { Projection } from '../projection';
import { newEvent } from '../../../../test/support/new-event';

type Tally = { farmId: string; events: number; lastQuantity: string };

/** Keeps per farm (and per region) a count and the last quantity; a null quantity throws, as Decimal does. */
const tallies: Projection<Tally> = {
  name: 'tallies',
  version: 1,
  handles: ['Delivered'],
  keysOf: (e) => [`farm:${(e.data as { farmId: string }).farmId}`, 'region:drenthe'],
  initialState: (key) => ({ farmId: key, events: 0, lastQuantity: '0' }),
  evolve: (state, e) => {
    const quantity = (e.data as { quantity: number | null }).quantity;
    if (quantity === null) throw new Error('Invalid argument: null');
    return { ...state, events: state.events + 1, lastQuantity: quantity.toFixed(1) };
  },
};

const delivered = (farmId: string, quantity: number | null) => newEvent('Delivered', { farmId, quantity });

describe('a projection that fails on one event parks it and goes on', () => {
  let dir: string;
  let store: SqliteEventStore;
  let logged: string[];
  const open = () => {
    const models = new ReadModelStore(join(dir, 'rm.db'));
    models.failures.onRecorded = (f) => logged.push(`${f.subscriber}@${f.position}`);
    return models;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'asb-park-'));
    store = new SqliteEventStore({ file: join(dir, 'events.db'), pollMs: 20 });
    logged = [];
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('live: the events after the poison apply, the checkpoint moves past it, and the failure is recorded once', async () => {
    const models = open();
    const runner = new ProjectionRunner(store, models, [tallies]);
    await runner.start();
    await store.append('farm-a', [delivered('a', 1)], 'no_stream');
    const poison = delivered('b', null);
    await store.append('farm-b', [poison], 'no_stream');
    await store.append('farm-a', [delivered('a', 2)], 0);
    await runner.caughtUp();

    expect(models.get<Tally>('tallies', 'farm:a')).toMatchObject({ events: 2, lastQuantity: '2.0' });
    // All or nothing: the poison touched neither its farm nor the region.
    expect(models.get<Tally>('tallies', 'farm:b')).toBeUndefined();
    expect(models.get<Tally>('tallies', 'region:drenthe')).toMatchObject({ events: 2 });
    expect(models.checkpoint('tallies')).toMatchObject({ position: 3, eventsApplied: 2 });
    const [failure, ...more] = models.failures.list({ limit: 10 });
    expect(more).toEqual([]);
    expect(failure).toMatchObject({
      subscriber: 'tallies', position: 2, streamId: 'farm-b', revision: 0, eventId: poison.id,
      eventType: 'Delivered', error: 'Error: Invalid argument: null', attempts: 1, resolvedAt: null,
    });
    expect(logged).toEqual(['tallies@2']);
    expect(models.failures.parkedCounts()).toEqual({ tallies: 1 });
    expect(runner.states()).toEqual([{ name: 'tallies', kind: 'projection', state: 'running', error: null }]);
    await runner.stop();
    models.close();
  });

  it('a restart neither meets the parked event again nor records it twice; catch-up on start parks the same way', async () => {
    let models = open();
    let runner = new ProjectionRunner(store, models, [tallies]);
    await runner.start();
    await store.append('farm-b', [delivered('b', null)], 'no_stream');
    await runner.caughtUp();
    await runner.stop();
    models.close();

    // Appended while the process is down: folded by the catch-up of the next start.
    await store.append('farm-c', [delivered('c', null)], 'no_stream');
    await store.append('farm-a', [delivered('a', 5)], 'no_stream');
    models = open();
    runner = new ProjectionRunner(store, models, [tallies]);
    await runner.start();
    await runner.caughtUp();
    await store.append('farm-a', [delivered('a', 6)], 0);
    await runner.caughtUp();
    expect(models.get<Tally>('tallies', 'farm:a')).toMatchObject({ events: 2, lastQuantity: '6.0' });
    expect(models.failures.list({ limit: 10 }).map((f) => [f.position, f.attempts])).toEqual([[1, 1], [2, 1]]);
    expect(models.checkpoint('tallies')?.position).toBe(4);
    await runner.stop();
    models.close();
  });

  it('a rebuild parks the same events and ends with the same documents as live', async () => {
    const models = open();
    const runner = new ProjectionRunner(store, models, [tallies]);
    await runner.start();
    for (let i = 0; i < 20; i++) await store.append(`farm-${i}`, [delivered(`f${i % 4}`, i % 7 === 3 ? null : i)], 'no_stream');
    await runner.caughtUp();
    await runner.stop();
    const live = { digest: models.digest('tallies'), checkpoint: models.checkpoint('tallies'), parked: models.failures.list({ limit: 100 }).map((f) => f.eventId) };
    expect(live.parked).toHaveLength(3);

    const report = await runner.rebuild({ batchSize: 3, commitEvery: 4 });
    expect(report.projections[0]).toMatchObject({ digest: live.digest, parked: 3, eventsApplied: 17 });
    expect(models.checkpoint('tallies')).toEqual(live.checkpoint);
    expect(models.failures.list({ limit: 100 }).map((f) => f.eventId)).toEqual(live.parked);
    expect(models.failures.list({ limit: 100 }).every((f) => f.attempts === 1)).toBe(true);
    models.close();
  });

  it('a document the write cannot hold parks its event in the live path instead of stopping the projection', async () => {
    const models = open();
    const bigint: Projection<Tally> = {
      ...tallies,
      evolve: (s, e) => ((e.data as { quantity: number }).quantity === 13 ? ({ ...s, events: 13n } as unknown as Tally) : tallies.evolve(s, e)),
    };
    const runner = new ProjectionRunner(store, models, [bigint]);
    await runner.start();
    await store.append('farm-a', [delivered('a', 13)], 'no_stream');
    await store.append('farm-a', [delivered('a', 1)], 0);
    await runner.caughtUp();
    expect(models.get<Tally>('tallies', 'farm:a')).toMatchObject({ events: 1 });
    expect(models.failures.list({ limit: 10 })).toEqual([expect.objectContaining({ position: 1, error: expect.stringContaining('BigInt') })]);
    expect(models.checkpoint('tallies')).toMatchObject({ position: 2, version: 1 });
    await runner.stop();
    models.close();
  });

  it('a batch written for all projections in one transaction that fails is written projection by projection: the failure stays with its projection (D72)', async () => {
    const models = open();
    const bigint: Projection<Tally> = {
      ...tallies,
      name: 'tallies-bigint',
      evolve: (s, e) => ((e.data as { quantity: number }).quantity === 13 ? ({ ...s, events: 13n } as unknown as Tally) : tallies.evolve(s, e)),
    };
    const together: number[] = [];
    const applyBatches = models.applyBatches.bind(models);
    models.applyBatches = (projections, events) => (together.push(events.length), applyBatches(projections, events));
    const runner = new ProjectionRunner(store, models, [tallies, bigint]);
    await runner.start();
    // One append, one delivered batch of two events.
    await store.append('farm-a', [delivered('a', 13), delivered('a', 1)], 'no_stream');
    await runner.caughtUp();
    expect(together).toEqual([2]);
    expect(models.get<Tally>('tallies', 'farm:a')).toMatchObject({ events: 2, lastQuantity: '1.0' });
    expect(models.get<Tally>('tallies-bigint', 'farm:a')).toMatchObject({ events: 1 });
    expect(models.failures.list({ limit: 10 })).toEqual([expect.objectContaining({ subscriber: 'tallies-bigint', position: 1, error: expect.stringContaining('BigInt') })]);
    expect([models.checkpoint('tallies')?.position, models.checkpoint('tallies-bigint')?.position]).toEqual([2, 2]);
    await runner.stop();
    models.close();
  });
});
