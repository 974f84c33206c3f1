import { InMemoryEventStore, WrongExpectedRevisionError, type StoredEvent } from '@asb/event-store';
import { ReadModelStore } from '@asb/projections';
import { Reactor, type ReactorOptions } from './reactor';
import { newEvent } from '../../../../test/support/new-event';

const fast = { attempts: 3, backoffMs: 1 };
const submitted = (farmId: string, nContentGPerKg: number | null) => newEvent('BalanceDataSubmitted', { farmId, flows: [{ nContentGPerKg }] });
const nContent = (e: StoredEvent) => (e.data as { flows: Array<{ nContentGPerKg: number | null }> }).flows[0].nContentGPerKg;

describe('a reactor that fails on one event', () => {
  let store: InMemoryEventStore;
  let models: ReadModelStore;
  let errors: unknown[];
  beforeEach(() => {
    store = new InMemoryEventStore();
    models = new ReadModelStore(':memory:');
    errors = [];
  });
  afterEach(async () => {
    await store.close();
    models.close();
  });

  const reactor = (handler: (e: StoredEvent) => Promise<void>, options?: ReactorOptions) => new Reactor('reactor:test', store, models, handler, (e) => errors.push(e), fast, options);

  it('parks it, records why, and acts on the next events', async () => {
    const acted: string[] = [];
    const checks = reactor(async (e) => {
      if (nContent(e) === null) throw new Error('DecimalError: Invalid argument: null');
      acted.push((e.data as { farmId: string }).farmId);
    });
    checks.start();
    await store.append('farm-year-a', [submitted('a', 1)], 'no_stream');
    await store.append('farm-year-b', [submitted('b', null)], 'no_stream');
    await store.append('farm-year-c', [submitted('c', 2)], 'no_stream');
    await checks.caughtUp();
    expect(acted).toEqual(['a', 'c']);
    expect(models.checkpoint('reactor:test')?.position).toBe(3);
    // Not a transient failure: parked at the first attempt.
    expect(models.failures.parked('reactor:test')).toEqual([
      expect.objectContaining({ position: 2, streamId: 'farm-year-b', eventType: 'BalanceDataSubmitted', attempts: 1, error: 'Error: DecimalError: Invalid argument: null' }),
    ]);
    expect(checks.state()).toEqual({ name: 'reactor:test', kind: 'reactor', state: 'running', error: null });
    expect(errors).toEqual([]);
    await checks.stop();
  });

  it('retries a concurrent writer with backoff, and parks only when the retries run out', async () => {
    let conflicts = 0;
    const checks = reactor(async (e) => {
      const farmId = (e.data as { farmId: string }).farmId;
      if (farmId === 'busy' || (farmId === 'once' && conflicts++ === 0)) throw new WrongExpectedRevisionError(e.streamId, 0, 1);
    });
    checks.start();
    await store.append('farm-year-once', [submitted('once', 1)], 'no_stream');
    await store.append('farm-year-busy', [submitted('busy', 1)], 'no_stream');
    await checks.caughtUp();
    expect(models.failures.parked('reactor:test').map((f) => [f.streamId, f.attempts])).toEqual([['farm-year-busy', fast.attempts]]);
    await checks.stop();
  });

  it('on each start tries a parked event once more: resolved when it passes, parked again (not wedged) when it fails', async () => {
    let fixed = false;
    const handler = async (e: StoredEvent) => {
      if (nContent(e) === null && !fixed) throw new Error('Invalid argument: null');
    };
    let checks = reactor(handler);
    checks.start();
    await store.append('farm-year-b', [submitted('b', null)], 'no_stream');
    await checks.caughtUp();
    await checks.stop();

    checks = reactor(handler);
    checks.start();
    await store.append('farm-year-c', [submitted('c', 3)], 'no_stream');
    await checks.caughtUp();
    await checks.stop();
    expect(models.failures.parked('reactor:test')).toEqual([expect.objectContaining({ position: 1, attempts: 2 })]);
    expect(models.checkpoint('reactor:test')?.position).toBe(2);

    fixed = true;
    checks = reactor(handler);
    checks.start();
    await checks.caughtUp();
    await checks.stop();
    expect(models.failures.parked('reactor:test')).toEqual([]);
    expect(models.failures.list({ limit: 10 })).toEqual([expect.objectContaining({ position: 1, attempts: 2, resolvedAt: expect.any(String) })]);
  });
});

describe('a reactor on a delivered batch (D72)', () => {
  let store: InMemoryEventStore;
  let models: ReadModelStore;
  beforeEach(async () => {
    store = new InMemoryEventStore();
    models = new ReadModelStore(':memory:');
    // Appended before the reactor starts: the subscription delivers them as one batch.
    for (const [farm, n] of [['a', 1], ['b', null], ['c', 2], ['d', 3]] as const) await store.append(`farm-year-${farm}`, [submitted(farm, n)], 'no_stream');
  });
  afterEach(async () => {
    await store.close();
    models.close();
  });
  const farmOf = (e: StoredEvent) => (e.data as { farmId: string }).farmId;

  it('acts on the batch whole and writes its checkpoint once, counting every event', async () => {
    const batches: string[][] = [];
    const perEvent: string[] = [];
    const writes: number[] = [];
    const advance = models.advanceCheckpoint.bind(models);
    models.advanceCheckpoint = (name, position, events) => (writes.push(position), advance(name, position, events));
    const checks = new Reactor('reactor:test', store, models, async (e) => void perEvent.push(farmOf(e)), () => undefined, fast, { batch: async (events) => void batches.push(events.map(farmOf)) });
    checks.start();
    await checks.caughtUp();
    await checks.stop();
    expect(batches).toEqual([['a', 'b', 'c', 'd']]);
    expect(perEvent).toEqual([]);
    expect(writes).toEqual([4]);
    expect(models.checkpoint('reactor:test')).toEqual({ position: 4, version: 1, eventsApplied: 4 });
  });

  it('when the batch fails, acts event by event and parks only the event that fails', async () => {
    const acted: string[] = [];
    const handler = async (e: StoredEvent) => {
      if (nContent(e) === null) throw new Error('DecimalError: Invalid argument: null');
      acted.push(farmOf(e));
    };
    const checks = new Reactor('reactor:test', store, models, handler, () => undefined, fast, {
      batch: async (events) => {
        for (const e of events) await handler(e);
      },
    });
    checks.start();
    await checks.caughtUp();
    await checks.stop();
    // The whole batch acted on 'a' before it failed; event by event acts on it again (handlers are idempotent).
    expect(acted).toEqual(['a', 'a', 'c', 'd']);
    expect(models.failures.parked('reactor:test').map((f) => [f.position, f.streamId])).toEqual([[2, 'farm-year-b']]);
    expect(models.checkpoint('reactor:test')?.position).toBe(4);
  });

  it('with batches off (SUBSCRIBER_BATCHES=off) acts and writes its checkpoint event by event', async () => {
    const writes: number[] = [];
    const advance = models.advanceCheckpoint.bind(models);
    models.advanceCheckpoint = (name, position, events) => (writes.push(position), advance(name, position, events));
    const acted: string[] = [];
    const checks = new Reactor('reactor:test', store, models, async (e) => void acted.push(farmOf(e)), () => undefined, fast, { batches: false, batch: async () => {
        throw new Error('no batch when off');
      } });
    checks.start();
    await checks.caughtUp();
    await checks.stop();
    expect(acted).toEqual(['a', 'b', 'c', 'd']);
    expect(writes).toEqual([1, 2, 3, 4]);
  });
});
