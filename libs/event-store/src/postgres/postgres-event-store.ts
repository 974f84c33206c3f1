import { Client, Pool, type PoolClient, type PoolConfig } from 'pg';
import { assertUniqueIds, checkExpectedRevision, resolveIdempotentRetry, type KnownEvent } from '../append-checks';
import { CorruptStoreError } from '../errors';
import { checkStreamPosition, describeRow } from '../stored-row';
import type { AppendResult, ExpectedRevision, NewEvent, StoredEvent } from '../event-envelope';
import type { EventStore, IndexMismatch, ReadAllOptions, ReadStreamOptions, StoreDamage, SubscribeOptions, Subscription } from '../event-store.port';
import { GENESIS_HASH, canonicalBody, sha256Hex, toEventBody } from '../hashing';
import { PollingSubscription, trackedPollingSubscription } from '../polling-subscription';
import { normaliseRecordedAt } from '../recorded-at';
import { PostgresCheckpointStore } from './postgres-checkpoint-store';
import { createSchema, schemaExists } from './schema';

export type PostgresEventStoreOptions = Readonly<{
  /** `postgres://user:password@host:port/database` (DATABASE_URL). */
  connectionString: string;
  /** Open an existing store only: read commands must not create tables where the data is not. */
  mustExist?: boolean;
  /** How many of the newest events are re-hashed on open to catch altered bytes. */
  tailCheck?: number;
  /** Poll interval of subscriptions; LISTEN/NOTIFY wakes them at once, polling is the fallback. */
  pollMs?: number;
  /** Connections in the pool. */
  maxConnections?: number;
  /** For tests: runs inside the append's transaction just before COMMIT (to widen race windows). */
  beforeCommit?: () => Promise<void>;
}>;

type Row = { position: string; hash: string; body: string };

/** The channel appends notify on commit; the payload is the last position appended. */
export const EVENTS_CHANNEL = 'asb_events';

/** The store's tables are not in the database a read command was pointed at. */
export class NoEventStoreError extends Error {
  readonly code = 'NO_EVENT_STORE';
  constructor(message: string) {
    super(message);
    this.name = 'NoEventStoreError';
  }
}


/**
 * The EventStore port on PostgreSQL (the `pg` client). Appends are serialised by a row lock on
 * `log_head` (D48): positions are assigned in commit order, contiguously, so a reader that reads
 * "after position p" never skips an event that commits later with a smaller position, and the
 * verifier can treat a missing position as a deletion, exactly as on the embedded store.
 */
export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres' as const;
  readonly pool: Pool;
  /** Checkpoints and the leaf record, in tables of the same database (beside the log, never in it). */
  readonly checkpoints: PostgresCheckpointStore;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly ready: Promise<void>;
  private damaged: StoreDamage | null = null;
  private listener: Client | null = null;
  private listenerRetry: NodeJS.Timeout | null = null;
  private closed = false;
  private closing: Promise<void> | null = null;

  constructor(private readonly options: PostgresEventStoreOptions) {
    const config: PoolConfig = { connectionString: options.connectionString, max: options.maxConnections ?? 10 };
    this.pool = new Pool(config);
    // An idle client that loses its server must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    this.ready = this.open();
    this.ready.catch(() => undefined); // reported by the first operation that awaits it
    this.checkpoints = new PostgresCheckpointStore(this.pool, this.ready);
  }

  private async open(): Promise<void> {
    const client = await this.pool.connect();
    try {
      if (this.options.mustExist) {
        if (!(await schemaExists(client))) throw new NoEventStoreError('no event store in the database DATABASE_URL names (no events table): nothing to read');
      } else {
        await createSchema(client);
      }
      await this.checkTail(client);
    } finally {
      client.release();
    }
  }

  /** Damage found on open is recorded, not thrown: writes are refused, verification can still look. */
  private async checkTail(client: PoolClient): Promise<void> {
    const { rows } = await client.query<Row>('SELECT position, hash, body FROM events ORDER BY position DESC LIMIT $1', [this.options.tailCheck ?? 256]);
    try {
      for (const row of rows) this.parse(row, true);
    } catch (error) {
      this.damaged = error instanceof CorruptStoreError ? { message: error.message, position: error.position } : { message: String(error) };
    }
  }

  opened(): Promise<void> {
    return this.ready;
  }

  damage(): StoreDamage | null {
    return this.damaged;
  }

  private parse(row: Row, verify: boolean, tolerant = false): StoredEvent {
    const position = Number(row.position);
    if (verify && sha256Hex(row.body) !== row.hash) {
      throw new CorruptStoreError(`event ${describeRow(row)} does not match its hash`, position);
    }
    let event: { -readonly [K in keyof StoredEvent]: StoredEvent[K] };
    try {
      event = JSON.parse(row.body);
      if (typeof event !== 'object' || event === null) throw new Error('not an object');
    } catch {
      if (tolerant) return { position, hash: row.hash, raw: row.body } as StoredEvent;
      throw new CorruptStoreError(`event at position ${position} is not valid JSON`, position);
    }
    event.position = position;
    event.hash = row.hash;
    event.raw = row.body;
    return event;
  }

  private async query<R extends object>(text: string, values: unknown[] = []): Promise<R[]> {
    await this.ready;
    return (await this.pool.query<R>(text, values)).rows;
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    assertUniqueIds(events);
    await this.ready;
    if (this.damaged) throw new CorruptStoreError(`the event store is damaged (${this.damaged.message}); writes are refused until it has been examined (asb verify)`, this.damaged.position);
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      // The one lock every append takes first (D48): appends commit one at a time, in position order.
      const head = Number((await client.query<{ position: string }>('SELECT position FROM log_head WHERE id = 1 FOR UPDATE')).rows[0]!.position);
      const known = new Map<string, KnownEvent>();
      const { rows: existing } = await client.query<{ position: string; stream_id: string; revision: number; event_id: string }>(
        'SELECT position, stream_id, revision, event_id FROM events WHERE event_id = ANY($1::text[])',
        [events.map((e) => e.id)],
      );
      for (const r of existing) known.set(r.event_id, { id: r.event_id, streamId: r.stream_id, position: Number(r.position), revision: r.revision });
      const retry = resolveIdempotentRetry(streamId, events, (id) => known.get(id));
      const stream = (await client.query<{ revision: number; last_hash: string }>('SELECT revision, last_hash FROM streams WHERE stream_id = $1', [streamId])).rows[0];
      if (retry) {
        const { rows: original } = await client.query<Row>('SELECT position, hash, body FROM events WHERE position = ANY($1::bigint[]) ORDER BY position', [retry.map((r) => r.position)]);
        await client.query('ROLLBACK');
        return { nextRevision: stream!.revision, positions: retry.map((r) => r.position), idempotentReplay: true, events: original.map((r) => this.parse(r, false)) };
      }
      checkExpectedRevision(streamId, expected, stream ? stream.revision : null);
      let revision = stream ? stream.revision : -1;
      let prevHash = stream ? stream.last_hash : GENESIS_HASH;
      const cols = { position: [] as number[], id: [] as string[], revision: [] as number[], type: [] as string[], recordedAt: [] as string[], body: [] as string[], hash: [] as string[] };
      for (const e of events) {
        revision += 1;
        const metadata = normaliseRecordedAt(e.metadata);
        const body = canonicalBody(toEventBody({ ...e, metadata }, streamId, revision, prevHash));
        const hash = sha256Hex(body);
        cols.position.push(head + cols.position.length + 1);
        cols.id.push(e.id);
        cols.revision.push(revision);
        cols.type.push(e.type);
        cols.recordedAt.push(metadata.recordedAt);
        cols.body.push(body);
        cols.hash.push(hash);
        prevHash = hash;
      }
      await client.query(
        `INSERT INTO events (position, event_id, stream_id, revision, type, recorded_at, body, hash)
         SELECT p, i, $2, r, t, a, b, h FROM unnest($1::bigint[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[]) AS u(p, i, r, t, a, b, h)`,
        [cols.position, streamId, cols.id, cols.revision, cols.type, cols.recordedAt, cols.body, cols.hash],
      );
      await client.query(
        'INSERT INTO streams (stream_id, revision, last_hash) VALUES ($1, $2, $3) ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, last_hash = excluded.last_hash',
        [streamId, revision, prevHash],
      );
      const last = head + events.length;
      await client.query('UPDATE log_head SET position = $1 WHERE id = 1', [last]);
      // Delivered to listeners only if and when the transaction commits.
      await client.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, String(last)]);
      await this.options.beforeCommit?.();
      await client.query('COMMIT');
      for (const s of this.subscriptions) s.notify();
      // What a read would return: the stored bytes parsed, not the objects they were made from.
      const stored = cols.body.map((body, i) => this.parse({ position: String(cols.position[i]), hash: cols.hash[i], body }, false));
      return { nextRevision: revision, positions: cols.position, idempotentReplay: false, events: stored };
    } catch (error) {
      // A connection that cannot even roll back is dropped from the pool, not handed to the next append.
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const from = options.fromRevision ?? 0;
    const limit = options.maxCount ?? null;
    const rows =
      options.asOf === undefined
        ? await this.query<Row>('SELECT position, hash, body FROM events WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3', [streamId, from, limit])
        : await this.query<Row>('SELECT position, hash, body FROM events WHERE stream_id = $1 AND revision >= $2 AND recorded_at <= $3 ORDER BY revision LIMIT $4', [
            streamId,
            from,
            new Date(options.asOf).toISOString(),
            limit,
          ]);
    // As on the embedded store: aggregate loads are re-hashed and checked to be this stream's, in order.
    return rows.map((r, i) => checkStreamPosition(this.parse(r, true), streamId, from + i, describeRow(r)));
  }

  /**
   * Positions are assigned under the append lock and commit in their order (D48), so every snapshot
   * sees a prefix of the log: reading "after p" never passes over an event still to commit below p.
   */
  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? 0;
    const limit = options.limit ?? null;
    const rows =
      options.asOf === undefined
        ? await this.query<Row>('SELECT position, hash, body FROM events WHERE position > $1 ORDER BY position LIMIT $2', [after, limit])
        : await this.query<Row>('SELECT position, hash, body FROM events WHERE position > $1 AND recorded_at <= $2 ORDER BY position LIMIT $3', [
            after,
            new Date(options.asOf).toISOString(),
            limit,
          ]);
    return rows.map((r) => this.parse(r, false, options.tolerant));
  }

  async streamRevision(streamId: string): Promise<number | null> {
    const [row] = await this.query<{ revision: number }>('SELECT revision FROM streams WHERE stream_id = $1', [streamId]);
    return row?.revision ?? null;
  }

  async headPosition(): Promise<number> {
    const [row] = await this.query<{ head: string | null }>('SELECT MAX(position) AS head FROM events');
    return Number(row?.head ?? 0);
  }

  /** The highest position ever assigned (log_head): positions never skip, so more than the head means deleted events. */
  async assignedHead(): Promise<number | null> {
    const [row] = await this.query<{ position: string }>('SELECT position FROM log_head WHERE id = 1');
    return row ? Number(row.position) : null;
  }

  async recordedHeads(): Promise<Map<string, { revision: number; hash: string }>> {
    const rows = await this.query<{ stream_id: string; revision: number; last_hash: string }>('SELECT stream_id, revision, last_hash FROM streams');
    return new Map(rows.map((r) => [r.stream_id, { revision: r.revision, hash: r.last_hash }]));
  }

  async checkIndexes(): Promise<IndexMismatch[]> {
    const rows = await this.query<{ position: string; stream: boolean; revision: boolean; id: boolean; type: boolean; recorded: boolean; b: Record<string, unknown> }>(
      `SELECT position, b,
              stream_id IS DISTINCT FROM (b->>'streamId') AS stream,
              to_jsonb(revision) IS DISTINCT FROM (b->'revision') AS revision,
              event_id IS DISTINCT FROM (b->>'id') AS id,
              type IS DISTINCT FROM (b->>'type') AS type,
              recorded_at IS DISTINCT FROM (b->'metadata'->>'recordedAt') AS recorded
         FROM (SELECT position, stream_id, revision, event_id, type, recorded_at, asb_try_jsonb(body) AS b FROM events) e
        WHERE b IS NOT NULL
          AND (stream_id IS DISTINCT FROM (b->>'streamId') OR to_jsonb(revision) IS DISTINCT FROM (b->'revision') OR event_id IS DISTINCT FROM (b->>'id')
               OR type IS DISTINCT FROM (b->>'type') OR recorded_at IS DISTINCT FROM (b->'metadata'->>'recordedAt'))
        ORDER BY position LIMIT 1000`,
    );
    return rows.map((r) => ({
      position: Number(r.position),
      columns: [...(r.stream ? ['stream_id'] : []), ...(r.revision ? ['revision'] : []), ...(r.id ? ['event_id'] : []), ...(r.type ? ['type'] : []), ...(r.recorded ? ['recorded_at'] : [])],
      ...(typeof r.b.streamId === 'string' ? { streamId: r.b.streamId } : {}),
      ...(typeof r.b.revision === 'number' ? { revision: r.b.revision } : {}),
      ...(typeof r.b.id === 'string' ? { eventId: r.b.id } : {}),
      ...(typeof r.b.type === 'string' ? { type: r.b.type } : {}),
    }));
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.listen();
    return trackedPollingSubscription(this.subscriptions, (after, limit) => this.readAll({ after, limit }), () => this.headPosition(), options, this.options.pollMs ?? 1000);
  }

  /**
   * One LISTEN connection per store wakes every subscription when another process commits an
   * append; polling stays as the fallback (a lost connection is re-opened after a second).
   */
  private listen(): void {
    if (this.listener || this.listenerRetry || this.closed) return;
    const client = new Client({ connectionString: this.options.connectionString });
    this.listener = client;
    const retry = () => {
      if (this.listener !== client) return;
      this.listener = null;
      client.end().catch(() => undefined);
      if (this.closed || !this.subscriptions.size) return;
      this.listenerRetry = setTimeout(() => {
        this.listenerRetry = null;
        this.listen();
      }, 1000);
      this.listenerRetry.unref();
    };
    client.on('notification', () => {
      for (const s of this.subscriptions) s.notify();
    });
    client.on('error', retry);
    client.on('end', retry);
    client
      .connect()
      .then(() => client.query(`LISTEN ${EVENTS_CHANNEL}`))
      .then(() => {
        // Anything committed while the connection was being made is found by this read.
        for (const s of this.subscriptions) s.notify();
      })
      .catch(retry);
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    if (this.listenerRetry) clearTimeout(this.listenerRetry);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
    await this.ready.catch(() => undefined);
    await this.pool.end();
  }
}
