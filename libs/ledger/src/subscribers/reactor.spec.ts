import { InMemoryEventStore, WrongExpectedRevisionError, type StoredEvent } from '@asb/event-store';
import { ReadModelStore } from '@asb/projections';
import { Reactor } from './reactor';
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

  const reactor = (handler: (e: StoredEvent) => Promise<void>) => new Reactor('reactor:test', store, models, handler, (e) => errors.push(e), fast);

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
