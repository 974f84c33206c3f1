import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@asb/event-store';
import { ReadModelStore } from './read-model-store';
import { ProjectionRunner } from './projection-runner';
import { eventCatalogueProjection, type EventTypeCount } from './catalogue/event-catalogue.projection';
import { farmRegisterProjection, type FarmRecord } from './farms/farm-register.projection';
import { allProjections } from './all-projections';
import type { Projection } from './projection';
import { newEvent } from '../../../test/support/new-event';

const registered = (farmId: string, livestockUnits = 100) =>
  newEvent('FarmRegistered', {
    farmId, farmerId: `boer-${farmId}`, registeredAt: '2025-08-12T09:00:00.000Z', province: 'Drenthe',
    landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, soilTypes: ['sand'], peatSharePct: 0, livestockUnits,
  });
const corrected = (farmId: string, livestockUnits: number) =>
  newEvent('FarmDetailsCorrected', { farmId, changes: { livestockUnits }, reason: 'census', correctedAt: '2025-09-01T00:00:00.000Z' });

describe('projections on the embedded store', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'asb-proj-'));
    store = new SqliteEventStore({ file: join(dir, 'events.db'), pollMs: 20 });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given farm events, when the runner catches up, then the farm register shows current details', async () => {
    await store.append('farm-a', [registered('a'), corrected('a', 118)], 'no_stream');
    await store.append('farm-b', [registered('b', 80)], 'no_stream');
    const models = new ReadModelStore(join(dir, 'rm.db'));
    const runner = new ProjectionRunner(store, models, allProjections);
    await runner.start();
    await runner.caughtUp();
    await runner.stop();
    expect(models.get<FarmRecord>('farm-register', 'a')).toMatchObject({ livestockUnits: 118, corrections: 1 });
    expect(models.get<FarmRecord>('farm-register', 'b')).toMatchObject({ livestockUnits: 80, corrections: 0 });
    expect(models.get<EventTypeCount>('event-catalogue', 'FarmRegistered')?.count).toBe(2);
    models.close();
  });

  it('resumes after a restart from its checkpoint without counting an event twice', async () => {
    await store.append('farm-a', [registered('a')], 'no_stream');
    const file = join(dir, 'rm.db');
    let models = new ReadModelStore(file);
    let runner = new ProjectionRunner(store, models, allProjections);
    await runner.start();
    await runner.caughtUp();
    await runner.stop();
    models.close();

    await store.append('farm-a', [corrected('a', 90)], 0);
    await store.append('farm-b', [registered('b')], 'no_stream');
    models = new ReadModelStore(file);
    runner = new ProjectionRunner(store, models, allProjections);
    await runner.start();
    await runner.caughtUp();
    await runner.stop();
    expect(models.get<EventTypeCount>('event-catalogue', 'FarmRegistered')?.count).toBe(2);
    expect(models.get<EventTypeCount>('event-catalogue', 'FarmDetailsCorrected')?.count).toBe(1);
    expect(models.checkpoint('farm-register')).toMatchObject({ position: 3, eventsApplied: 3 });
    models.close();
  });

  it('drops the documents of a retired projection on start and keeps checkpoints that have no documents', async () => {
    await store.append('farm-a', [registered('a')], 'no_stream');
    const models = new ReadModelStore(join(dir, 'rm.db'));
    const retired: Projection<FarmRecord> = { ...farmRegisterProjection, name: 'retired-register' };
    models.applyBatch(retired, await store.readAll());
    models.advanceCheckpoint('reactor:checks', 1);
    const runner = new ProjectionRunner(store, models, allProjections);
    await runner.start();
    await runner.caughtUp();
    await runner.stop();
    expect(models.count('retired-register')).toBe(0);
    expect(models.checkpoint('retired-register')).toBeNull();
    expect(models.checkpoint('reactor:checks')?.position).toBe(1);
    expect(models.get<FarmRecord>('farm-register', 'a')).toBeDefined();
    models.close();
  });

  it('commits a batch and its checkpoint together: a failure mid-commit leaves neither', async () => {
    await store.append('farm-a', [registered('a'), corrected('a', 1), corrected('a', 2)], 'no_stream');
    const models = new ReadModelStore(join(dir, 'rm.db'));
    // A document JSON cannot hold fails in the write, after the fold: nothing of the batch is kept.
    const failing: Projection<FarmRecord> = {
      ...farmRegisterProjection,
      evolve: (s, e) => {
        const next = farmRegisterProjection.evolve(s, e);
        return next?.livestockUnits === 2 ? ({ ...next, livestockUnits: 2n } as unknown as FarmRecord) : next;
      },
    };
    const events = await store.readAll();
    expect(() => models.applyBatch(failing, events)).toThrow(/BigInt/);
    expect(models.checkpoint('farm-register')).toBeNull();
    expect(models.get('farm-register', 'a')).toBeUndefined();
    models.applyBatch(farmRegisterProjection, events);
    models.applyBatch(farmRegisterProjection, events); // redelivery after a restart: ignored
    expect(models.get<FarmRecord>('farm-register', 'a')).toMatchObject({ livestockUnits: 2, corrections: 2 });
    expect(models.checkpoint('farm-register')?.eventsApplied).toBe(3);
    models.close();
  });

  it('writes a delivered batch to every projection in one transaction, and the same documents as one each (D72)', async () => {
    const digests: string[][] = [];
    for (const oneTransaction of [true, false]) {
      const log = new SqliteEventStore({ file: join(dir, `events-${oneTransaction}.db`), pollMs: 20 });
      const models = new ReadModelStore(join(dir, `rm-${oneTransaction}.db`));
      const calls = { together: 0, single: 0 };
      const [applyBatches, applyBatch] = [models.applyBatches.bind(models), models.applyBatch.bind(models)];
      models.applyBatches = (projections, events) => (calls.together++, applyBatches(projections, events));
      models.applyBatch = (projection, events) => (calls.single++, applyBatch(projection, events));
      const runner = new ProjectionRunner(log, models, allProjections, undefined, { oneTransaction });
      await runner.start();
      await log.append('farm-a', [registered('a', 1), corrected('a', 2)], 'no_stream'); // one delivered batch
      await runner.caughtUp();
      await runner.stop();
      await log.close();
      expect(calls).toEqual(oneTransaction ? { together: 1, single: 0 } : { together: 0, single: allProjections.length });
      digests.push(allProjections.map((p) => `${p.name} ${models.checkpoint(p.name)?.position ?? '-'} ${models.count(p.name)} ${JSON.stringify(models.list(p.name).map((d) => d.key))}`));
      models.close();
    }
    expect(digests[0]).toEqual(digests[1]);
  });

  it('rebuilds from zero into byte-identical read models', async () => {
    for (let i = 0; i < 30; i++) await store.append(`farm-${i}`, [registered(`f${i}`, i), corrected(`f${i}`, i + 1)], 'no_stream');
    const models = new ReadModelStore(join(dir, 'rm.db'));
    const runner = new ProjectionRunner(store, models, allProjections);
    await runner.start();
    await runner.caughtUp();
    await runner.stop();
    const live = allProjections.map((p) => models.digest(p.name));
    const report = await runner.rebuild({ batchSize: 7 });
    expect(report.eventsRead).toBe(60);
    expect(report.projections.map((p) => p.digest)).toEqual(live);
    expect(report.projections.find((p) => p.name === eventCatalogueProjection.name)?.eventsApplied).toBe(60);
    expect(report.projections.find((p) => p.name === 'farm-register')?.documents).toBe(30);
    // Commits mid-log: documents written by an earlier commit are read back, not started afresh.
    const small = await runner.rebuild({ batchSize: 3, commitEvery: 5 });
    expect(small.projections.map((p) => p.digest)).toEqual(live);
    expect(small.projections.find((p) => p.name === eventCatalogueProjection.name)?.eventsApplied).toBe(60);
    models.close();
  });

  it('rebuilds up to the head as it was when the rebuild started', async () => {
    for (let i = 0; i < 10; i++) await store.append(`farm-${i}`, [registered(`f${i}`)], 'no_stream');
    const models = new ReadModelStore(join(dir, 'rm.db'));
    const runner = new ProjectionRunner(store, models, allProjections);
    const head = await store.headPosition();
    // An append that lands while the rebuild reads is left for the live subscription.
    const rebuilding = runner.rebuild({ batchSize: 2 });
    await store.append('farm-late', [registered('late')], 'no_stream');
    const report = await rebuilding;
    expect(report.eventsRead).toBe(10);
    expect(models.checkpoint('farm-register')?.position).toBe(head);
    expect(models.get('farm-register', 'late')).toBeUndefined();
    models.close();
  });
});
