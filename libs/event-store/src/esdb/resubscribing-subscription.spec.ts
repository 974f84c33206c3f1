import type { EventStoreDBClient } from '@eventstore/db-client';
import type { StoredEvent } from '../event-envelope';
import { ResubscribingAllSubscription } from './eventstoredb-event-store';

/** A stand-in for the gRPC client: each subscribeToAll call plays one scripted connection. */
const fakeClient = (connections: Array<{ events: number[]; thenFail: boolean }>) => {
  const calls: unknown[] = [];
  const client = {
    subscribeToAll(options: { fromPosition: unknown }) {
      calls.push(options.fromPosition);
      const script = connections.shift() ?? { events: [], thenFail: false };
      const listeners: Record<string, () => void> = {};
      let end: () => void = () => undefined;
      const ended = new Promise<void>((r) => (end = r));
      return {
        on(name: string, fn: () => void) {
          listeners[name] = fn;
          return this;
        },
        unsubscribe: async () => end(),
        async *[Symbol.asyncIterator]() {
          for (const p of script.events) yield { event: { position: p } };
          if (script.thenFail) throw new Error('14 UNAVAILABLE: connection dropped');
          listeners.caughtUp?.();
          await ended;
        },
      };
    },
  };
  return { client: client as unknown as EventStoreDBClient, calls };
};

describe('EventStoreDB $all subscription', () => {
  it('resubscribes after a dropped connection, with backoff, from its checkpoint', async () => {
    const { client, calls } = fakeClient([
      { events: [10, 20], thenFail: true },
      { events: [20, 30], thenFail: true }, // the server may repeat the checkpointed event
      { events: [40], thenFail: false },
    ]);
    const seen: number[] = [];
    const drops: unknown[] = [];
    const sub = new ResubscribingAllSubscription(
      client,
      { checkpoint: null, handler: (e) => void seen.push(e.position), onDrop: (e) => drops.push(e) },
      (r) => ({ position: (r as unknown as { event: { position: number } }).event.position }) as StoredEvent,
      async () => 40,
      { initialMs: 1, maxMs: 4 },
    );
    await sub.caughtUp();
    await sub.stop();
    expect(seen).toEqual([10, 20, 30, 40]);
    expect(drops).toHaveLength(2);
    expect(calls).toEqual(['start', { commit: 20n, prepare: 20n }, { commit: 30n, prepare: 30n }]);
  });

  it('stops and reports when the handler fails instead of retrying forever', async () => {
    const { client } = fakeClient([{ events: [1, 2], thenFail: false }]);
    const errors: unknown[] = [];
    const sub = new ResubscribingAllSubscription(
      client,
      { checkpoint: null, handler: () => { throw new Error('projection bug'); }, onError: (e) => errors.push(e) },
      (r) => ({ position: (r as unknown as { event: { position: number } }).event.position }) as StoredEvent,
      async () => 2,
    );
    await new Promise((r) => setTimeout(r, 20));
    await sub.stop();
    expect(errors).toHaveLength(1);
  });

  it('refuses a wait once the handler has stopped it, and never leaves an earlier wait hanging', async () => {
    let fail: () => void = () => undefined;
    const failing = new Promise<void>((r) => (fail = r));
    const { client } = fakeClient([{ events: [1], thenFail: false }]);
    const sub = new ResubscribingAllSubscription(
      client,
      { checkpoint: null, handler: async () => { await failing; throw new Error('poison'); }, onError: () => undefined },
      (r) => ({ position: (r as unknown as { event: { position: number } }).event.position }) as StoredEvent,
      async () => 2,
    );
    const waiting = sub.caughtUp();
    fail();
    await expect(waiting).rejects.toThrow('poison');
    await expect(sub.caughtUp(1)).rejects.toThrow('poison');
    await sub.stop();
  });
});
