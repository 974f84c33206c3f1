import { streams } from '@asb/domain';
import { InMemoryEventStore } from '@asb/event-store';
import { ReadModelStore, sqliteProjectionStore } from '@asb/projections';
import { newEvent } from '../../../../test/support/new-event';
import { ChecksProgress } from './checks-progress';

/** Forwarding a score waits for the checks wherever they run: here, or on the leader (D56). */
describe('the checks have seen a farm-year\'s latest data', () => {
  const stream = streams.balance('nl-0001', 2025);
  let store: InMemoryEventStore;
  let models: ReadModelStore;
  let asked: Array<[string, number]>;
  const progress = (answer: boolean | null) =>
    new ChecksProgress(async (name, position) => (asked.push([name, position]), answer), store, sqliteProjectionStore(models), 50);
  beforeEach(async () => {
    store = new InMemoryEventStore();
    models = new ReadModelStore(':memory:');
    asked = [];
    await store.append('farm-nl-0001', [newEvent('FarmRegistered', { farmId: 'nl-0001' })], 'no_stream');
    await store.append(stream, [newEvent('BalanceDataSubmitted', { farmId: 'nl-0001', year: 2025 })], 'no_stream');
  });
  afterEach(() => models.close());

  it('passes once the checks reactor has acted on the latest event of the farm-year', async () => {
    await expect(progress(true).requireSeen('nl-0001', 2025)).resolves.toBeUndefined();
    expect(asked).toEqual([['reactor:checks', 2]]);
  });

  it('refuses with CHECKS_PENDING while it has not', async () => {
    await expect(progress(false).requireSeen('nl-0001', 2025)).rejects.toMatchObject({ code: 'CHECKS_PENDING' });
  });

  it('refuses with CHECKS_FAILED when the checks parked the farm-year\'s data', async () => {
    const [event] = await store.readStream(stream);
    models.park({ subscriber: 'reactor:checks', position: event.position, streamId: stream, revision: 0, eventId: event.id, eventType: event.type, error: 'Error: boom', attempts: 5 });
    await expect(progress(true).requireSeen('nl-0001', 2025)).rejects.toMatchObject({ code: 'CHECKS_FAILED' });
  });

  it('passes where no process of this shape can be asked, and when the farm-year has no data', async () => {
    await expect(progress(null).requireSeen('nl-0001', 2025)).resolves.toBeUndefined();
    await expect(progress(false).requireSeen('nl-0002', 2025)).resolves.toBeUndefined();
  });
});
