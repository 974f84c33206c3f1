import { Client } from 'pg';
import { PostgresServer } from '../../../../test/support/postgres-server';
import { newEvent } from '../../../../test/support/new-event';
import type { StoredEvent } from '../event-envelope';
import { PostgresEventStore } from './postgres-event-store';

/**
 * D48: the global order has no holes a reader can skip. Sequence values commit out of order; this
 * store serialises appends on one row instead, so positions commit in their order.
 */
const server = new PostgresServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('PostgreSQL store: global order under concurrent writers', () => {
  it('a subscriber sees every event exactly once, in position order, while writers in several connections append', async () => {
    const url = await server.createDatabase();
    // Four writer processes' worth of pools, each holding its transaction open a random while before COMMIT.
    const writers = Array.from({ length: 4 }, () => new PostgresEventStore({ connectionString: url, maxConnections: 4, beforeCommit: () => sleep(Math.random() * 8) }));
    const reader = new PostgresEventStore({ connectionString: url, pollMs: 2 });
    const seen: StoredEvent[] = [];
    const sub = reader.subscribeToAll({ checkpoint: null, handler: (e) => void seen.push(e) });
    let appended = 0;
    await Promise.all(
      writers.map(async (store, w) => {
        // Each writer keeps four appends in flight on streams of its own.
        await Promise.all(
          Array.from({ length: 4 }, async (_, lane) => {
            for (let i = 0; i < 12; i++) {
              const n = 1 + ((w + lane + i) % 3);
              await store.append(`w${w}-l${lane}`, Array.from({ length: n }, () => newEvent('Appended', { w, lane, i })), i === 0 ? 'no_stream' : 'any');
              appended += n;
            }
          }),
        );
      }),
    );
    const head = await reader.headPosition();
    await sub.caughtUp(head);
    await sub.stop();
    const positions = seen.map((e) => e.position);
    expect(head).toBe(appended);
    // Exactly once, in order, without a hole: 1..N.
    expect(positions).toEqual(Array.from({ length: appended }, (_, i) => i + 1));
    expect(new Set(seen.map((e) => e.id)).size).toBe(appended);
    expect((await reader.readAll()).map((e) => e.id)).toEqual(seen.map((e) => e.id));
    expect(await reader.assignedHead()).toBe(appended);
    await Promise.all([...writers, reader].map((s) => s.close()));
  });

  it('wakes a subscriber in another process at once by LISTEN/NOTIFY, not by its poll', async () => {
    const url = await server.createDatabase();
    const writer = new PostgresEventStore({ connectionString: url });
    const reader = new PostgresEventStore({ connectionString: url, pollMs: 60_000 });
    const seen: number[] = [];
    const sub = reader.subscribeToAll({ checkpoint: null, handler: (e) => void seen.push(e.position) });
    await sub.caughtUp();
    await sleep(200); // the LISTEN connection is up
    const started = Date.now();
    const { positions } = await writer.append('n', [newEvent('N', {})], 'no_stream');
    // Not caughtUp(): it wakes the subscription itself. Only the notification can deliver it this soon.
    while (!seen.length && Date.now() - started < 5_000) await sleep(10);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(seen).toEqual(positions);
    await Promise.all([sub.stop(), writer.close(), reader.close()]);
  });

  it('keeps delivering when the server drops its connections: the listener and the pool reconnect', async () => {
    const url = await server.createDatabase();
    const writer = new PostgresEventStore({ connectionString: url });
    const reader = new PostgresEventStore({ connectionString: url, pollMs: 60_000 });
    const seen: number[] = [];
    const sub = reader.subscribeToAll({ checkpoint: null, handler: (e) => void seen.push(e.position) });
    await writer.append('d', [newEvent('D', { i: 0 })], 'no_stream');
    await sub.caughtUp();
    await sleep(200);
    const admin = new Client({ connectionString: url });
    await admin.connect();
    // An operator's restart or a failover, as the clients see it: every other connection to the database is cut.
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    await admin.end();
    await sleep(100);
    await writer.append('d', [newEvent('D', { i: 1 })], 0);
    const started = Date.now();
    while (seen.length < 2 && Date.now() - started < 10_000) await sleep(20);
    expect(seen).toEqual([1, 2]);
    await Promise.all([sub.stop(), writer.close(), reader.close()]);
  });

  it('a failed append (stale revision) leaves no hole: the position it would have had goes to the next', async () => {
    const store = new PostgresEventStore({ connectionString: await server.createDatabase() });
    await store.append('a', [newEvent('A', {})], 'no_stream');
    await expect(store.append('a', [newEvent('A', {})], 'no_stream')).rejects.toThrow('expected revision');
    const { positions } = await store.append('b', [newEvent('B', {})], 'no_stream');
    expect(positions).toEqual([2]);
    await store.close();
  });

  describe('why appends are serialised (the hazard, shown on plain tables)', () => {
    let url: string;
    const clients: Client[] = [];
    const connect = async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      clients.push(c);
      return c;
    };
    beforeAll(async () => {
      url = await server.createDatabase();
      const c = await connect();
      await c.query('CREATE TABLE naive (position bigserial PRIMARY KEY, tx xid8 NOT NULL DEFAULT pg_current_xact_id())');
    });
    afterAll(() => Promise.all(clients.map((c) => c.end())));
    const readAfter = async (c: Client, after: number, belowXmin: boolean) =>
      (
        await c.query<{ position: string }>(
          `SELECT position FROM naive WHERE position > $1 ${belowXmin ? 'AND tx < pg_snapshot_xmin(pg_current_snapshot())' : ''} ORDER BY position`,
          [after],
        )
      ).rows.map((r) => Number(r.position));

    it('a sequence alone: a reader passes over a position that commits after a larger one', async () => {
      const [t1, t2, reader] = [await connect(), await connect(), await connect()];
      const before = Number((await reader.query('SELECT coalesce(max(position), 0) AS p FROM naive')).rows[0].p);
      await t1.query('BEGIN');
      await t1.query('INSERT INTO naive DEFAULT VALUES'); // takes before + 1
      await t2.query('BEGIN');
      await t2.query('INSERT INTO naive DEFAULT VALUES'); // takes before + 2
      await t2.query('COMMIT');
      const first = await readAfter(reader, before, false);
      expect(first).toEqual([before + 2]);
      await t1.query('COMMIT');
      expect(await readAfter(reader, first.at(-1)!, false)).toEqual([]); // before + 1 is never delivered
    });

    it('a sequence read below pg_snapshot_xmin: still skips when transaction ids and sequence values are taken in opposite orders', async () => {
      const [ta, tb, reader] = [await connect(), await connect(), await connect()];
      const before = Number((await reader.query('SELECT coalesce(max(position), 0) AS p FROM naive')).rows[0].p);
      await ta.query('BEGIN');
      await ta.query('SELECT pg_current_xact_id()'); // ta's id is the older (e.g. it wrote a stream row first)
      await tb.query('BEGIN');
      await tb.query('SELECT pg_current_xact_id()');
      await tb.query('INSERT INTO naive DEFAULT VALUES'); // tb takes before + 1
      await ta.query('INSERT INTO naive DEFAULT VALUES'); // ta takes before + 2
      await ta.query('COMMIT');
      // tb still runs, but its id is newer than ta's: ta's row is below xmin and visible.
      const first = await readAfter(reader, before, true);
      expect(first).toEqual([before + 2]);
      await tb.query('COMMIT');
      expect(await readAfter(reader, first.at(-1)!, true)).toEqual([]); // before + 1 is never delivered
    });
  });
});
