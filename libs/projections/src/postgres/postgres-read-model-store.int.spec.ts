import { PostgresEventStore } from '@asb/event-store';
import { PostgresServer } from '../../../../test/support/postgres-server';
import { newEvent } from '../../../../test/support/new-event';
import { allProjections } from '../all-projections';
import type { Projection } from '../projection';
import { ProjectionRunner } from '../projection-runner';
import { ReadModelStore } from '../read-model-store';
import { sqliteReadModels } from '../read-models.port';
import { PostgresReadModelStore } from './postgres-read-model-store';
import { ReadModelProgress } from './read-model-progress';

type Tally = { key: string; events: number; positions: number[] };

/** Counts per farm and per region, and remembers every position it folded: a position twice is an event applied twice. */
const tallies: Projection<Tally> = {
  name: 'tallies',
  version: 1,
  handles: ['Delivered', 'FarmRegistered'],
  keysOf: (e) => [`farm:${(e.data as { farmId: string }).farmId}`, 'region:drenthe'],
  initialState: (key) => ({ key, events: 0, positions: [] }),
  evolve: (state, e) => {
    if ((e.data as { quantity?: unknown }).quantity === null) throw new Error('Invalid argument: null');
    return { ...state, events: state.events + 1, positions: [...state.positions, e.position] };
  },
};

const registered = (farmId: string) =>
  newEvent('FarmRegistered', {
    farmId, farmerId: `boer-${farmId}`, registeredAt: '2025-08-12T09:00:00.000Z', province: 'Drenthe',
    landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, soilTypes: ['sand'], peatSharePct: 0, livestockUnits: 100,
  });
const delivered = (farmId: string, quantity: number | null) => newEvent('Delivered', { farmId, quantity });

describe('read models on PostgreSQL', () => {
  const server = new PostgresServer();
  let url: string;
  let log: PostgresEventStore;
  const opened: Array<{ close(): Promise<void> | void }> = [];
  const store = (schema?: string) => {
    const s = new PostgresReadModelStore({ connectionString: url, schema });
    opened.push(s);
    return s;
  };
  beforeAll(async () => {
    await server.start();
  }, 30_000);
  beforeEach(async () => {
    url = await server.createDatabase();
    log = new PostgresEventStore({ connectionString: url, pollMs: 20 });
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    await log.close();
  });
  afterAll(() => server.stop());

  it('keeps every projection live, and a rebuild from zero is byte-identical — on PostgreSQL and on the embedded store', async () => {
    for (let i = 0; i < 12; i++) await log.append(`farm-${i}`, [registered(`f${i}`), delivered(`f${i}`, i)], 'no_stream');
    const live = store();
    const runner = new ProjectionRunner(log, live, [...allProjections, tallies]);
    await runner.start(); // catches up in batches
    for (let i = 12; i < 20; i++) await log.append(`farm-${i}`, [registered(`f${i}`), delivered(`f${i}`, i)], 'no_stream'); // live
    await runner.caughtUp();
    await runner.stop();

    const rebuilt = await new ProjectionRunner(log, store('rebuild'), [...allProjections, tallies]).rebuild();
    const embedded = new ReadModelStore(':memory:');
    const fromEmbedded = await new ProjectionRunner(log, embedded, [...allProjections, tallies]).rebuild();
    for (const p of rebuilt.projections) {
      expect([p.name, await live.digest(p.name)]).toEqual([p.name, p.digest]);
      expect([p.name, fromEmbedded.projections.find((q) => q.name === p.name)!.digest]).toEqual([p.name, p.digest]);
    }
    expect(rebuilt.eventsRead).toBe(40);
    expect(await live.get<Tally>('tallies', 'region:drenthe')).toMatchObject({ events: 40 });
    expect(await live.checkpoint('tallies')).toMatchObject({ position: 40, eventsApplied: 40 });
    // Derived data: its commits do not wait for the disk.
    expect((await live.pool.query('SHOW synchronous_commit')).rows).toEqual([{ synchronous_commit: 'off' }]);
    embedded.close();
  });

  it('two runners at once (a failover that overlaps) apply each event exactly once', async () => {
    const a = store();
    const b = store();
    const runners = [new ProjectionRunner(log, a, [tallies]), new ProjectionRunner(log, b, [tallies])];
    for (let i = 0; i < 5; i++) await log.append(`farm-${i}`, [delivered(`f${i % 3}`, i)], 'no_stream');
    await Promise.all(runners.map((r) => r.start()));
    await Promise.all(Array.from({ length: 30 }, (_, i) => log.append(`farm-x${i}`, [delivered(`f${i % 3}`, i), delivered(`f${i % 4}`, i)], 'no_stream')));
    await Promise.all(runners.map((r) => r.caughtUp()));
    await Promise.all(runners.map((r) => r.stop()));
    const region = (await a.get<Tally>('tallies', 'region:drenthe'))!;
    expect(region.events).toBe(65);
    expect(new Set(region.positions).size).toBe(65);
    expect(region.positions).toEqual([...region.positions].sort((x, y) => x - y));
    expect(await a.checkpoint('tallies')).toMatchObject({ position: 65, eventsApplied: 65 });
    const rebuilt = await new ProjectionRunner(log, store('again'), [tallies]).rebuild();
    expect(rebuilt.projections[0].digest).toBe(await a.digest('tallies'));
  });

  it('parks an event a projection cannot fold with the checkpoint past it, and reports it', async () => {
    const models = store();
    const logged: string[] = [];
    models.onRecorded = (f) => logged.push(`${f.subscriber}@${f.position}`);
    const runner = new ProjectionRunner(log, models, [tallies]);
    await runner.start();
    await log.append('farm-a', [delivered('a', 1)], 'no_stream');
    await log.append('farm-b', [delivered('b', null)], 'no_stream');
    await log.append('farm-a', [delivered('a', 2)], 0);
    await runner.caughtUp();
    await runner.stop();
    expect(await models.get<Tally>('tallies', 'farm:a')).toMatchObject({ events: 2 });
    expect(await models.get('tallies', 'farm:b')).toBeUndefined();
    expect(await models.parkedCounts()).toEqual({ tallies: 1 });
    expect((await models.parked('tallies')).map((f) => [f.position, f.eventType])).toEqual([[2, 'Delivered']]);
    expect((await models.failures({ limit: 10 })).map((f) => f.subscriber)).toEqual(['tallies']);
    expect(logged).toEqual(['tallies@2']);
    expect(await models.checkpoint('tallies')).toMatchObject({ position: 3, eventsApplied: 2 });
  });

  it('answers the query port as the embedded store does', async () => {
    const tags: Projection<{ n: number }> = {
      name: 'tags', version: 1, handles: ['Tagged'],
      keysOf: (e) => [String((e.data as { key: string }).key)],
      initialState: () => ({ n: 0 }),
      evolve: (s) => ({ n: s.n + 1 }),
    };
    const keys = ['a:1', 'a:2', 'a:3', 'b:1', 'a:2', 'a_%:x', 'ab:1'];
    const events = keys.map((key, i) => ({ ...newEvent('Tagged', { key }), position: i + 1 }) as never);
    const pg = store();
    const embedded = new ReadModelStore(':memory:');
    await pg.applyBatch(tags, events);
    embedded.applyBatch(tags, events);
    const sqlite = sqliteReadModels(embedded);
    for (const port of [pg, sqlite]) {
      expect(await port.page('tags', { prefix: 'a:', limit: 2 })).toEqual({ items: [{ key: 'a:1', doc: { n: 1 } }, { key: 'a:2', doc: { n: 2 } }], next: 'a:2' });
    }
    const ask = async (port: typeof sqlite) => [
      await port.get('tags', 'b:1'), await port.get('tags', 'c'), await port.count('tags'), await port.checkpoint('tags'),
      await port.list('tags'), await port.list('tags', 'a'), await port.listMatching('tags', 'a_%', ':x'), await port.listMatching('tags', '', ':1'),
      await port.page('tags', { prefix: 'a:', after: 'a:2', limit: 5 }), await port.page('tags', { prefix: 'a:', after: '0', limit: 5 }),
    ];
    expect(await ask(pg)).toEqual(await ask(sqlite));
    expect(await pg.digest('tags')).toBe(embedded.digest('tags'));
    embedded.close();
  });

  it('tells a replica that does not run the subscribers when their checkpoints pass a position, and forgets a reset one', async () => {
    const writer = store();
    const progress = new ReadModelProgress(store(), url);
    opened.push(progress);
    const soon = () => Date.now() + 3000;
    expect(await progress.reached(['tallies', 'reactor:x'], 1, Date.now() + 150)).toBe(false); // nothing yet: waits out its deadline
    const waiting = progress.reached(['tallies', 'reactor:x'], 2, soon());
    await writer.applyBatch(tallies, [{ ...newEvent('Delivered', { farmId: 'a', quantity: 1 }), position: 1 } as never]);
    await writer.advanceCheckpoint('reactor:x', 2);
    await writer.applyBatch(tallies, [{ ...newEvent('Other', {}), position: 2 } as never]); // not folded: only the checkpoint moves
    expect(await waiting).toBe(true);
    await writer.reset('tallies'); // to be rebuilt: replicas learn it from the notification, shortly after the commit
    let forgotten = false;
    for (const until = soon(); !forgotten && Date.now() < until; await new Promise((r) => setTimeout(r, 20))) {
      forgotten = !(await progress.reached(['tallies'], 1, Date.now() + 50));
    }
    expect(forgotten).toBe(true);
  });
});
