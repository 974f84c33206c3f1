import { EventStoreDBClient, FORWARDS, START, jsonEvent } from '@eventstore/db-client';
import { WrongExpectedRevisionError } from '../errors';
import { readAllInBatches } from '../event-store.port';
import { AppendTooLargeError, EventStoreDbEventStore, UnsupportedServerError, type EventStoreDbOptions } from './eventstoredb-event-store';
import { eventStoreContract } from '../../../../test/contract/event-store.contract';
import { PROFILES, ScriptedEventStoreServer, type ServerProfile } from '../../../../test/support/esdb-scripted-server/scripted-server';
import { newEvent } from '../../../../test/support/new-event';

/**
 * The EventStoreDB adapter and the real `@eventstore/db-client` 6.2.1 against a SCRIPTED gRPC server
 * (test/support/esdb-scripted-server): EventStoreDB's published protocol, with the server behaviours
 * that once broke the adapter reproduced from a reading of the server's sources. It is not a
 * verification against EventStoreDB (D47): what the script does not reproduce is not tested here.
 */
const withServer = (profile: ServerProfile) => {
  const ctx = { server: null as unknown as ScriptedEventStoreServer, url: '' };
  beforeAll(async () => {
    ctx.server = new ScriptedEventStoreServer(profile);
    ctx.url = await ctx.server.start();
  });
  afterAll(async () => {
    await ctx.server.stop();
  });
  return ctx;
};

describe('EventStoreDB adapter against the scripted server, profile 23.10 (caught_up, BatchAppend)', () => {
  const ctx = withServer(PROFILES.v23_10);
  eventStoreContract('EventStoreDB adapter on the scripted 23.10 server', async () => new EventStoreDbEventStore({ connectionString: ctx.url, readPageSize: 16 }), undefined, {
    interleaveForeignEvents: () => {
      ctx.server.systemNoise(20);
      ctx.server.linkTo('any', ctx.server.log.slice(-2));
      ctx.server.inject([{ streamId: 'another-app', type: 'Foreign', data: {} }]);
    },
  });
});

describe('EventStoreDB adapter against the scripted server, profile 22.10 (no caught_up)', () => {
  const ctx = withServer(PROFILES.v22_10);
  eventStoreContract('EventStoreDB adapter on the scripted 22.10 server', async () => new EventStoreDbEventStore({ connectionString: ctx.url }));
});

describe('EventStoreDB protocol behaviours (scripted server)', () => {
  const ctx = withServer(PROFILES.v23_10);
  let store: EventStoreDbEventStore;
  let n = 0;
  const stream = (name: string) => `${name}-${++n}`;
  const open = (options: Partial<EventStoreDbOptions> = {}) => (store = new EventStoreDbEventStore({ connectionString: ctx.url, ...options }));
  afterEach(async () => {
    await store?.close();
  });

  it('the client raises caughtUp while events before it are still buffered; caughtUp() waits until the handler has them', async () => {
    open();
    const s = stream('slow');
    for (let i = 0; i < 40; i++) await store.append(s, [newEvent('E', { i })], i === 0 ? 'no_stream' : i - 1);
    // The server behaviour, seen through the bare client: `caughtUp` comes before the consumer has the events.
    const client = EventStoreDBClient.connectionString(ctx.url);
    const raw = client.subscribeToAll({ fromPosition: START });
    let consumed = 0;
    let consumedAtCaughtUp = -1;
    raw.on('caughtUp', () => (consumedAtCaughtUp = consumed));
    for await (const _ of raw) {
      await new Promise((r) => setTimeout(r, 1));
      if (++consumed === 40) break;
    }
    await raw.unsubscribe();
    await client.dispose();
    expect(consumedAtCaughtUp).toBeGreaterThanOrEqual(0);
    expect(consumedAtCaughtUp).toBeLessThan(40);

    const seen: number[] = [];
    const sub = store.subscribeToAll({
      checkpoint: null,
      handler: async (e) => {
        if (e.streamId !== s) return;
        await new Promise((r) => setTimeout(r, 1));
        seen.push((e.data as { i: number }).i);
      },
    });
    await sub.caughtUp();
    expect(seen).toHaveLength(40);
    await store.append(s, [newEvent('E', { i: 40 })], 39);
    await sub.caughtUp(); // a second wait is for the log as it is now, not resolved at once
    expect(seen).toHaveLength(41);
    await sub.stop();
  });

  it('gives every event of a multi-event append its own position; the server acknowledges only the last', async () => {
    open();
    const s = stream('batch');
    const batch = [newEvent('B', { i: 0 }), newEvent('B', { i: 1 }), newEvent('B', { i: 2 })];
    const result = await store.append(s, batch, 'no_stream');
    const logged = (await store.readAll()).filter((e) => e.streamId === s).map((e) => e.position);
    expect(result.positions).toEqual(logged);
    expect(new Set(result.positions).size).toBe(3);
    const ack = ctx.server.log.filter((r) => r.streamId === s).pop()!;
    expect(result.positions[2]).toBe(Number(ack.position));
    const retry = await store.append(s, batch, 'no_stream');
    expect(retry).toEqual({ ...result, idempotentReplay: true });
  });

  it('pages $all past system, link and foreign events: a batch is short only at the end of the log', async () => {
    open({ readPageSize: 8 });
    const s = stream('paged');
    const ours: number[] = [];
    for (let i = 0; i < 6; i++) {
      ours.push(...(await store.append(s, [newEvent('P', { i })], i === 0 ? 'no_stream' : i - 1)).positions);
      const written = ctx.server.log.filter((r) => r.streamId === s);
      ctx.server.systemNoise(20);
      ctx.server.linkTo('paged', written.slice(-1));
      ctx.server.inject([{ streamId: 'another-app', type: 'Foreign', data: { i } }]);
    }
    const start = ours[0] - 1;
    const batches: number[][] = [];
    for await (const batch of readAllInBatches(store, { after: start, batchSize: 2 })) batches.push(batch.map((e) => e.position));
    expect(batches.flat().filter((p) => ours.includes(p))).toEqual(ours);
    expect((await store.readAll({ after: start, limit: 4 })).map((e) => e.position)).toEqual(ours.slice(0, 4));
  });

  it('finds the head past more system events than any fixed window, and answers 0 only for a log without ours', async () => {
    const empty = new ScriptedEventStoreServer(PROFILES.v23_10);
    const url = await empty.start();
    empty.systemNoise(150);
    const bare = new EventStoreDbEventStore({ connectionString: url, readPageSize: 16 });
    expect(await bare.headPosition()).toBe(0);
    const { positions } = await bare.append('only', [newEvent('H', {})], 'no_stream');
    empty.systemNoise(150);
    empty.linkTo('only', empty.log.filter((r) => r.streamId === 'only'));
    expect(await bare.headPosition()).toBe(positions[0]);
    await bare.close();
    await empty.stop();
    open();
  });

  it('answers a retried batch no longer at the tail with its original positions and appends nothing', async () => {
    open();
    const s = stream('idem');
    const batch = [newEvent('I', { i: 0 }), newEvent('I', { i: 1 })];
    const first = await store.append(s, batch, 'no_stream');
    for (let i = 2; i < 12; i++) await store.append(s, [newEvent('I', { i })], i - 1);
    const retry = await store.append(s, batch, 'any');
    expect(retry.idempotentReplay).toBe(true);
    expect(retry.positions).toEqual(first.positions);
    expect(retry.nextRevision).toBe(11);
    expect(await store.readStream(s)).toHaveLength(12);
  });

  it('maps a wrong expected version with no stream (BatchAppend) to actual no_stream, not NaN', async () => {
    open();
    const s = stream('gone');
    await store.append(s, [newEvent('G', {})], 'no_stream');
    ctx.server.answerNextAppendWithNoStream = true;
    const error = await store.append(s, [newEvent('G', {})], 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect((error as WrongExpectedRevisionError).actual).toBe('no_stream');
    expect((error as WrongExpectedRevisionError).expected).toBe(0);
  });

  it('refuses an append over 1 MiB whole before sending it, and maps the server refusal the same way', async () => {
    open();
    const s = stream('big');
    const half = 'x'.repeat(600 * 1024);
    const before = ctx.server.calls.BatchAppend ?? 0;
    await expect(store.append(s, [newEvent('L', { half }), newEvent('L', { half })], 'no_stream')).rejects.toBeInstanceOf(AppendTooLargeError);
    expect(ctx.server.calls.BatchAppend ?? 0).toBe(before);
    expect(await store.readStream(s)).toEqual([]);
    // The same event fits alone: the limit is per append, and no append is split.
    await store.append(s, [newEvent('L', { half })], 'no_stream');

    ctx.server.maxAppendSize = 10_000;
    try {
      const error = await store.append(s, [newEvent('L', { text: 'y'.repeat(20_000) })], 0).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppendTooLargeError);
      expect((error as AppendTooLargeError).maxAppendSize).toBe(10_000);
    } finally {
      ctx.server.maxAppendSize = 1024 * 1024;
    }
    expect(await store.readStream(s)).toHaveLength(1);
  });

  it('resubscribes with backoff, not in a hot loop, when the server ends the subscription cleanly', async () => {
    open({ resubscribe: { initialMs: 20, maxMs: 80 } });
    const s = stream('ended');
    await store.append(s, [newEvent('R', { i: 0 })], 'no_stream');
    ctx.server.endSubscriptionsAfterConfirmation = true;
    const before = ctx.server.calls.Subscribe ?? 0;
    const drops: unknown[] = [];
    const seen: number[] = [];
    const sub = store.subscribeToAll({ checkpoint: null, handler: (e) => void (e.streamId === s && seen.push(0)), onDrop: (e) => drops.push(e) });
    await new Promise((r) => setTimeout(r, 300));
    const attempts = (ctx.server.calls.Subscribe ?? 0) - before;
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(8); // 20, 40, 80, 80 ms: a hot loop makes hundreds
    expect(drops.length).toBeGreaterThanOrEqual(1);
    ctx.server.endSubscriptionsAfterConfirmation = false;
    await sub.caughtUp();
    expect(seen).toEqual([0]);
    await sub.stop();
  });
});

describe('EventStoreDB protocol behaviours of older servers (scripted)', () => {
  it('22.10 sends no caught_up: start-up does not wait for it', async () => {
    const server = new ScriptedEventStoreServer(PROFILES.v22_10);
    const store = new EventStoreDbEventStore({ connectionString: await server.start() });
    await store.append('old', [newEvent('O', {}), newEvent('O', {})], 'no_stream');
    const seen: string[] = [];
    const sub = store.subscribeToAll({ checkpoint: null, handler: (e) => void seen.push(e.id) });
    await sub.caughtUp();
    expect(seen).toHaveLength(2);
    await sub.stop();
    await store.close();
    await server.stop();
  });

  it('without BatchAppend the client falls back to Append: no_stream and the size limit map the same', async () => {
    const server = new ScriptedEventStoreServer({ ...PROFILES.v23_10, version: '23.10.0 (BatchAppend withheld)', batchAppend: false });
    const store = new EventStoreDbEventStore({ connectionString: await server.start() });
    const { positions } = await store.append('plain', [newEvent('A', { i: 0 }), newEvent('A', { i: 1 })], 'no_stream');
    expect(server.calls.Append).toBe(1);
    expect(server.calls.BatchAppend).toBeUndefined();
    expect(new Set(positions).size).toBe(2);
    server.answerNextAppendWithNoStream = true;
    const error = await store.append('plain', [newEvent('A', {})], 1).catch((e: unknown) => e);
    expect((error as WrongExpectedRevisionError).actual).toBe('no_stream');
    server.maxAppendSize = 1000;
    await expect(store.append('plain', [newEvent('A', { text: 'z'.repeat(5000) })], 1)).rejects.toBeInstanceOf(AppendTooLargeError);
    await store.close();
    await server.stop();
  });

  it('21.10 sends no positions in stream reads: the adapter refuses clearly instead of inventing them', async () => {
    const server = new ScriptedEventStoreServer(PROFILES.v21_10);
    const url = await server.start();
    const client = EventStoreDBClient.connectionString(url);
    await client.appendToStream('legacy', [jsonEvent({ type: 'L', data: {}, metadata: { $asb: { revision: 0, schemaVersion: 1, prevHash: '', hash: '' } } })]);
    for await (const r of client.readStream('legacy', { direction: FORWARDS, fromRevision: START })) expect(r.event?.position?.prepare).toBe(2n ** 64n - 1n);
    await client.dispose();
    const store = new EventStoreDbEventStore({ connectionString: url });
    await expect(store.readStream('legacy')).rejects.toBeInstanceOf(UnsupportedServerError);
    // An append is refused before anything is written, not written and then unable to say where.
    const size = server.log.length;
    await expect(store.append('fresh', [newEvent('F', {})], 'no_stream')).rejects.toBeInstanceOf(UnsupportedServerError);
    expect(server.log).toHaveLength(size);
    await store.close();
    await server.stop();
  });

  it('20.10 answers no ServerFeatures: the adapter refuses to append to it', async () => {
    const server = new ScriptedEventStoreServer(PROFILES.v20_10);
    const store = new EventStoreDbEventStore({ connectionString: await server.start() });
    await expect(store.append('fresh', [newEvent('F', {})], 'no_stream')).rejects.toThrow('version unknown');
    expect(server.log).toHaveLength(0);
    await store.close();
    await server.stop();
  });
});
