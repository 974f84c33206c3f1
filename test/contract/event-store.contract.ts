import { randomUUID } from 'node:crypto';
import {
  IdempotencyConflictError,
  readAllInBatches,
  eventRefOf,
  readEventAt,
  WrongExpectedRevisionError,
  recomputeHash,
  GENESIS_HASH,
  type EventStore,
  type StoredEvent,
} from '@asb/event-store';
import { newEvent } from '../support/new-event';

/**
 * One contract for every event store adapter. Streams get a fresh prefix per test, so the suite
 * can also run against a long-lived EventStoreDB server that holds other data.
 */
export type EventStoreContractOptions = Readonly<{
  /**
   * Writes what else the engine's log holds beside our events (EventStoreDB: its system events,
   * the links its projections write, other applications' events), between the contract's appends.
   */
  interleaveForeignEvents?: () => Promise<void> | void;
}>;

export const eventStoreContract = (name: string, factory: () => Promise<EventStore>, teardown?: () => Promise<void>, options: EventStoreContractOptions = {}) => {
  describe(`event store contract: ${name}`, () => {
    let store: EventStore;
    let prefix: string;
    const s = (n: string) => `${prefix}-${n}`;
    const mine = (events: StoredEvent[]) => events.filter((e) => e.streamId.startsWith(prefix));

    beforeEach(async () => {
      store = await factory();
      prefix = `t${randomUUID().slice(0, 8)}`;
    });
    afterEach(async () => {
      await store.close();
      await teardown?.();
    });

    it('appends to a new stream with revisions from 0 and increasing positions', async () => {
      const result = await store.append(s('a'), [newEvent('A', { n: 1 }), newEvent('A', { n: 2 })], 'no_stream');
      expect(result.nextRevision).toBe(1);
      expect(result.idempotentReplay).toBe(false);
      const events = await store.readStream(s('a'));
      expect(events.map((e) => [e.revision, (e.data as { n: number }).n])).toEqual([[0, 1], [1, 2]]);
      expect(events[1].position).toBeGreaterThan(events[0].position);
      expect(await store.streamRevision(s('a'))).toBe(1);
      expect(await store.streamRevision(s('missing'))).toBeNull();
    });

    it('lists what was appended after a position, by stream, revision and type, in position order, where one writer orders it (D84)', async () => {
      if (!store.appendedAfter) {
        // Sequences taken before commit (PostgreSQL) or a server's own log (EventStoreDB): each load reads its stream's revision.
        expect(['postgres', 'eventstoredb']).toContain(store.kind);
        return;
      }
      const { head: start } = store.appendedAfter(null, 10);
      expect(start).toBe(await store.headPosition());
      const commits = store.commits ?? 0;
      await store.append(s('a'), [newEvent('A', {}), newEvent('B', {})], 'no_stream');
      await store.append(s('b'), [newEvent('C', {})], 'no_stream');
      await store.append(s('a'), [newEvent('A', {})], 'any');
      expect(store.commits).toBe(commits + 3);
      const all = store.appendedAfter(start, 10);
      expect(all.appended.map(([, stream, revision, type]) => [stream, revision, type])).toEqual([
        [s('a'), 0, 'A'],
        [s('a'), 1, 'B'],
        [s('b'), 0, 'C'],
        [s('a'), 2, 'A'],
      ]);
      expect(all.appended.map(([position]) => position)).toEqual((await store.readAll({ after: start })).map((e) => e.position));
      expect(all).toMatchObject({ head: await store.headPosition(), complete: true });
      // At most `limit`, then on from the last listed; nothing after the head.
      const first = store.appendedAfter(start, 3);
      expect(first).toMatchObject({ head: all.appended[2][0], complete: false });
      expect(store.appendedAfter(first.head, 3)).toEqual({ head: all.head, appended: [all.appended[3]], complete: true });
      expect(store.appendedAfter(all.head, 3)).toEqual({ head: all.head, appended: [], complete: true });
    });

    it('refuses an append whose expected revision is stale (optimistic concurrency)', async () => {
      await store.append(s('c'), [newEvent('A', {})], 'no_stream');
      await store.append(s('c'), [newEvent('A', {})], 0);
      await expect(store.append(s('c'), [newEvent('A', {})], 0)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(store.append(s('c'), [newEvent('A', {})], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(store.append(s('none'), [newEvent('A', {})], 'stream_exists')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(store.append(s('none'), [newEvent('A', {})], 3)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect((await store.readStream(s('c'))).length).toBe(2);
    });

    it('lets exactly one of two racing writers with the same expected revision win', async () => {
      await store.append(s('race'), [newEvent('A', {})], 'no_stream');
      const results = await Promise.allSettled([
        store.append(s('race'), [newEvent('B', { w: 1 })], 0),
        store.append(s('race'), [newEvent('B', { w: 2 })], 0),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect((await store.readStream(s('race'))).length).toBe(2);
    });

    it('answers a retried append with the same event ids with the original positions and writes nothing', async () => {
      const batch = [newEvent('A', { n: 1 }), newEvent('A', { n: 2 })];
      const first = await store.append(s('idem'), batch, 'no_stream');
      const retry = await store.append(s('idem'), batch, 'no_stream');
      expect(retry.idempotentReplay).toBe(true);
      expect(retry.positions).toEqual(first.positions);
      expect(retry.nextRevision).toBe(first.nextRevision);
      expect((await store.readStream(s('idem'))).length).toBe(2);
      await expect(store.append(s('idem'), [batch[1], newEvent('A', {})], 'any')).rejects.toBeInstanceOf(IdempotencyConflictError);
    });

    it('answers an append with the events it stored, as a read returns them, and a retry with the same', async () => {
      await store.append(s('answer'), [newEvent('A', { n: 0 })], 'no_stream');
      const batch = [newEvent('A', { n: 1, nested: { b: 2, a: [1, 2] } }), newEvent('A', { n: 2 })];
      const first = await store.append(s('answer'), batch, 0);
      const read = await store.readStream(s('answer'), { fromRevision: 1 });
      const comparable = (events: readonly StoredEvent[]) => events.map(({ raw: _raw, ...e }) => e);
      expect(comparable(first.events)).toEqual(comparable(read));
      expect(first.events.map((e) => e.position)).toEqual(first.positions);
      expect(first.events.map((e) => e.revision)).toEqual([1, 2]);
      expect(first.events[1].prevHash).toBe(first.events[0].hash);
      expect(first.events.every((e) => recomputeHash(e) === e.hash)).toBe(true);
      const retry = await store.append(s('answer'), batch, 0);
      expect(retry.idempotentReplay).toBe(true);
      expect(comparable(retry.events)).toEqual(comparable(first.events));
    });

    it('keeps global order across streams and reads a stream from a revision', async () => {
      await store.append(s('x'), [newEvent('X', { i: 0 })], 'no_stream');
      await store.append(s('y'), [newEvent('Y', { i: 1 })], 'no_stream');
      await store.append(s('x'), [newEvent('X', { i: 2 }), newEvent('X', { i: 3 })], 0);
      const all = mine(await store.readAll());
      expect(all.map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3]);
      const positions = all.map((e) => e.position);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect((await store.readStream(s('x'), { fromRevision: 1 })).map((e) => e.revision)).toEqual([1, 2]);
      expect((await store.readStream(s('x'), { fromRevision: 1, maxCount: 1 })).map((e) => e.revision)).toEqual([1]);
      const second = all.find((e) => e.streamId === s('x') && e.revision === 1)!;
      expect((await readEventAt(store, eventRefOf(second))).data).toEqual(second.data);
      await expect(readEventAt(store, { ...eventRefOf(second), eventId: 'another' })).rejects.toThrow('is not at');
      const afterFirst = mine(await store.readAll({ after: all[0].position }));
      expect(afterFirst.map((e) => (e.data as { i: number }).i)).toEqual([1, 2, 3]);
    });

    it('pages through the log after a position, reports the head position and reads one event back', async () => {
      for (let i = 0; i < 5; i++) await store.append(s(`page${i}`), [newEvent('P', { i })], 'no_stream');
      const all = mine(await store.readAll());
      const start = all[0].position - 1;
      const paged: StoredEvent[] = [];
      for await (const batch of readAllInBatches(store, { after: start, batchSize: 2 })) {
        expect(batch.length).toBeLessThanOrEqual(2);
        paged.push(...batch);
      }
      expect(mine(paged).map((e) => e.id)).toEqual(all.map((e) => e.id));
      expect(await store.readAll({ after: start, limit: 2 })).toHaveLength(2);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(all[all.length - 1].position);
      const [one] = await store.readStream(s('page3'));
      expect((await readEventAt(store, eventRefOf(one))).id).toBe(one.id);
    });

    it('appends to different streams concurrently without conflicts', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(s(`p${i}`), [newEvent('P', { i })], 'no_stream')));
      expect(mine(await store.readAll())).toHaveLength(20);
    });

    it('resumes a subscription from its checkpoint without repeating or skipping events', async () => {
      await store.append(s('sub'), [newEvent('S', { i: 1 }), newEvent('S', { i: 2 })], 'no_stream');
      const seen: number[] = [];
      let checkpoint: number | null = null;
      const first = store.subscribeToAll({
        checkpoint: null,
        handler: (e) => {
          if (!e.streamId.startsWith(prefix)) return;
          seen.push((e.data as { i: number }).i);
          checkpoint = e.position;
        },
      });
      await first.caughtUp();
      await first.stop();
      expect(seen).toEqual([1, 2]);
      await store.append(s('sub'), [newEvent('S', { i: 3 })], 1);
      const second = store.subscribeToAll({
        checkpoint,
        handler: (e) => {
          if (e.streamId.startsWith(prefix)) seen.push((e.data as { i: number }).i);
        },
      });
      await second.caughtUp();
      await store.append(s('sub'), [newEvent('S', { i: 4 })], 2);
      await second.caughtUp();
      await second.stop();
      expect(seen).toEqual([1, 2, 3, 4]);
    });

    it('reads the log in batches to its end, past whatever else the log holds between our events', async () => {
      const start = await store.headPosition();
      const positions: number[] = [];
      for (let i = 0; i < 7; i++) {
        positions.push(...(await store.append(s('paged'), [newEvent('P', { i })], i === 0 ? 'no_stream' : i - 1)).positions);
        await options.interleaveForeignEvents?.();
      }
      const read: number[] = [];
      for await (const batch of readAllInBatches(store, { after: start, batchSize: 2 })) read.push(...mine(batch).map((e) => e.position));
      expect(read).toEqual(positions);
      expect(await store.headPosition()).toBe(positions[6]);
    });

    it('is caught up only when the handler has every event, however slow it is', async () => {
      await store.append(s('slow'), Array.from({ length: 30 }, (_, i) => newEvent('W', { i })), 'no_stream');
      await options.interleaveForeignEvents?.();
      let handled = 0;
      const sub = store.subscribeToAll({
        checkpoint: null,
        handler: async (e) => {
          if (!e.streamId.startsWith(prefix)) return;
          await new Promise((r) => setTimeout(r, 1));
          handled++;
        },
      });
      await sub.caughtUp();
      expect(handled).toBe(30);
      await sub.stop();
    });

    it('refuses every wait once a handler error has stopped a subscription, never leaving one hanging', async () => {
      await store.append(s('dies'), [newEvent('D', { i: 1 })], 'no_stream');
      const errors: unknown[] = [];
      const sub = store.subscribeToAll({
        checkpoint: null,
        handler: (e) => {
          if (e.streamId === s('dies')) throw new Error('poison');
        },
        onError: (error) => errors.push(error),
      });
      await expect(sub.caughtUp()).rejects.toThrow('poison');
      await store.append(s('dies'), [newEvent('D', { i: 2 })], 0);
      await expect(sub.caughtUp()).rejects.toThrow('poison');
      expect(errors).toHaveLength(1);
      await sub.stop();
    });

    it('reads a stream and the log as of a recorded time', async () => {
      const at = (t: string) => ({ metadata: { recordedAt: t } });
      await store.append(s('asof'), [newEvent('T', { v: 1 }, at('2025-01-01T00:00:00Z'))], 'no_stream');
      await store.append(s('asof'), [newEvent('T', { v: 2 }, at('2025-06-01T00:00:00Z'))], 0);
      await store.append(s('asof'), [newEvent('T', { v: 3 }, at('2025-12-01T00:00:00Z'))], 1);
      const then = await store.readStream(s('asof'), { asOf: '2025-06-01T00:00:00.000Z' });
      expect(then.map((e) => (e.data as { v: number }).v)).toEqual([1, 2]);
      const log = mine(await store.readAll({ asOf: '2025-07-01T00:00:00Z' }));
      expect(log.map((e) => (e.data as { v: number }).v)).toEqual([1, 2]);
    });

    it('round-trips the envelope metadata and the encrypted personal part', async () => {
      const personal = { alg: 'aes-256-gcm' as const, keyId: 'farm-1', iv: 'aXY=', tag: 'dGFn', ciphertext: 'Y2lwaGVy' };
      const event = newEvent('M', { amountCents: 650000, pct: 30.5 }, {
        personal,
        schemaVersion: 2,
        metadata: {
          actor: { id: 'wur-1', role: 'calculator' },
          recordedAt: '2025-09-01T10:11:12.345Z',
          correlationId: 'corr-1',
          causationId: 'cause-1',
          authorisationId: 'auth-9',
          normSet: { id: 'drenthe-2025', version: 3 },
          ruleVersion: 'drenthe-2025/1.0.0',
        },
      });
      await store.append(s('meta'), [event], 'no_stream');
      const [read] = await store.readStream(s('meta'));
      expect(read.id).toBe(event.id);
      expect(read.type).toBe('M');
      expect(read.schemaVersion).toBe(2);
      expect(read.data).toEqual({ amountCents: 650000, pct: 30.5 });
      expect(read.metadata).toEqual(event.metadata);
      expect(read.personal).toEqual(personal);
    });

    it('links every event to the previous one in its stream by hash', async () => {
      await store.append(s('h'), [newEvent('H', { i: 0 }), newEvent('H', { i: 1 })], 'no_stream');
      await store.append(s('h'), [newEvent('H', { i: 2 })], 1);
      const events = await store.readStream(s('h'));
      expect(events[0].prevHash).toBe(GENESIS_HASH);
      expect(events[1].prevHash).toBe(events[0].hash);
      expect(events[2].prevHash).toBe(events[1].hash);
      for (const e of events) expect(recomputeHash(e)).toBe(e.hash);
    });
  });
};
