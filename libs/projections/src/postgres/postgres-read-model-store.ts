import { createHash } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import type { StoredEvent } from '@asb/event-store';
import { handlerFilter, type Projection } from '../projection';
import { PendingDocuments } from '../pending-documents';
import type { FoldSession, ProjectionCheckpoint, ProjectionStore } from '../projection-store';
import type { ReadModelDocument, ReadModelPage, ReadModels } from '../read-models.port';
import { subscriberFailureFromRow, type ParkedEvent, type SubscriberFailure, type SubscriberFailureRow } from '../failures/subscriber-failures';
import { createReadModelSchema, READ_MODEL_LOCK_CLASS } from './read-model-schema';

export type PostgresReadModelStoreOptions = Readonly<{
  /** DATABASE_URL: the read models live in the log's database. */
  connectionString: string;
  /** A schema of their own (a rebuild beside the live ones); default `public`. */
  schema?: string;
  maxConnections?: number;
  /** False for read commands: create no tables in a database that may not hold a ledger. */
  createTables?: boolean;
}>;

/**
 * Every commit that moves a read-model checkpoint notifies here (on commit), with `position:subscriber`
 * as the payload: replicas waiting to read their writes learn where each subscriber stands without a query.
 */
export const READ_MODELS_CHANNEL = 'asb_read_models';

/** The payload of a notification on READ_MODELS_CHANNEL, or null for one that is not ours. */
export const parseCheckpointNotice = (payload: string | undefined): { name: string; position: number } | null => {
  const at = payload?.indexOf(':') ?? -1;
  if (!payload || at < 1) return null;
  const position = Number(payload.slice(0, at));
  return Number.isSafeInteger(position) ? { name: payload.slice(at + 1), position } : null;
};


/** Rows per INSERT when a large fold commits (the parameters are arrays, so this bounds statement size only). */
const WRITE_CHUNK = 5000;

/**
 * Read models, their checkpoints and parked events in PostgreSQL, shared by every replica: the
 * writer's port (ProjectionStore, used by the one elected runner) and the query port (ReadModels,
 * used by every replica). As in the embedded store, a batch's documents, checkpoint and parked
 * events commit in one transaction, and the batch is folded from the checkpoint read inside it —
 * under a transaction-level advisory lock per subscriber, so two runners overlapping during a
 * failover serialise and the second skips what the first applied: no event is counted twice.
 * Read models are derived data, rebuilt from the log at will: commits do not wait for the disk
 * (`synchronous_commit = off`), as the embedded store runs with synchronous=NORMAL.
 */
export class PostgresReadModelStore implements ProjectionStore, ReadModels {
  readonly kind = 'postgres' as const;
  readonly pool: Pool;
  /** Called after a parked event is committed: the process logs it (error level). */
  onRecorded: (failure: ParkedEvent) => void = () => undefined;
  private readonly ready: Promise<void>;
  private readonly docs: string;
  private readonly cps: string;
  private readonly fails: string;

  constructor(options: PostgresReadModelStoreOptions) {
    const schema = options.schema ?? 'public';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`read-model schema name ${JSON.stringify(schema)}: lower-case letters, digits and _ only`);
    this.docs = `${schema}.rm_documents`;
    this.cps = `${schema}.rm_checkpoints`;
    this.fails = `${schema}.rm_subscriber_failures`;
    // Read models are derived and rebuilt at will: their commits need not wait for the disk (a session setting from the start).
    this.pool = new Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10, options: '-c synchronous_commit=off' });
    this.pool.on('error', () => undefined); // an idle client losing its server must not crash the process
    this.ready = options.createTables === false ? Promise.resolve() : this.pool.connect().then(async (client) => {
      try {
        await createReadModelSchema(client, schema);
      } finally {
        client.release();
      }
    });
    this.ready.catch(() => undefined); // reported by the first call that awaits it
  }

  opened(): Promise<void> {
    return this.ready;
  }

  private async rows<R extends object>(text: string, values: unknown[] = []): Promise<R[]> {
    await this.ready;
    return (await this.pool.query<R>(text, values)).rows;
  }

  /** One transaction; the work runs on one connection, which is dropped from the pool if it cannot even roll back. */
  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    await this.ready;
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Serialises every writer of one subscriber's checkpoint until the transaction ends. */
  private lock(client: PoolClient, name: string): Promise<unknown> {
    return client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [READ_MODEL_LOCK_CLASS, name]);
  }

  private async checkpointIn(client: PoolClient | Pool, name: string): Promise<ProjectionCheckpoint | null> {
    const { rows } = await client.query<{ position: string; version: number; events_applied: string }>(
      `SELECT position, version, events_applied FROM ${this.cps} WHERE projection = $1`,
      [name],
    );
    const row = rows[0];
    return row ? { position: Number(row.position), version: row.version, eventsApplied: Number(row.events_applied) } : null;
  }

  async checkpoint(name: string): Promise<ProjectionCheckpoint | null> {
    await this.ready;
    return this.checkpointIn(this.pool, name);
  }

  /** Every subscriber's checkpoint position, by name. */
  async positions(): Promise<Map<string, number>> {
    const rows = await this.rows<{ projection: string; position: string }>(`SELECT projection, position FROM ${this.cps}`);
    return new Map(rows.map((r) => [r.projection, Number(r.position)]));
  }

  private async load(client: PoolClient, projection: string, keys: readonly string[], into: Map<string, unknown>): Promise<void> {
    if (!keys.length) return;
    const { rows } = await client.query<{ key: string; doc: string }>(`SELECT key, doc FROM ${this.docs} WHERE projection = $1 AND key = ANY($2::text[])`, [projection, keys]);
    for (const row of rows) into.set(row.key, JSON.parse(row.doc));
  }

  /** Documents, parked events and checkpoint of one pending fold; the caller holds the subscriber's lock. */
  private async write(client: PoolClient, pending: PendingDocuments<any>): Promise<void> {
    const { projection, dirty, from, lastPosition, applied, parked } = pending;
    // Plain JSON: evolve builds documents in a fixed key order, so live and rebuilt bytes agree (tested by digest).
    const entries = [...dirty];
    for (let i = 0; i < entries.length; i += WRITE_CHUNK) {
      const chunk = entries.slice(i, i + WRITE_CHUNK);
      await client.query(
        `INSERT INTO ${this.docs} (projection, key, doc) SELECT $1, k, d FROM unnest($2::text[], $3::text[]) AS u(k, d)
         ON CONFLICT (projection, key) DO UPDATE SET doc = excluded.doc`,
        [projection.name, chunk.map(([key]) => key), chunk.map(([, state]) => JSON.stringify(state))],
      );
    }
    for (const failure of parked) await this.record(client, failure);
    if (lastPosition > (from?.position ?? 0)) {
      await client.query(
        `INSERT INTO ${this.cps} (projection, position, version, events_applied) VALUES ($1, $2, $3, $4)
         ON CONFLICT (projection) DO UPDATE SET position = excluded.position, version = excluded.version, events_applied = excluded.events_applied`,
        [projection.name, lastPosition, projection.version, (from?.eventsApplied ?? 0) + applied],
      );
      await client.query('SELECT pg_notify($1, $2)', [READ_MODELS_CHANNEL, `${lastPosition}:${projection.name}`]);
    }
  }

  private async record(client: PoolClient, failure: ParkedEvent): Promise<void> {
    // A second failure of the same event (a retry after a restart) adds its attempts and parks it again.
    await client.query(
      `INSERT INTO ${this.fails} (subscriber, position, stream_id, revision, event_id, event_type, error, attempts, failed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (subscriber, position) DO UPDATE SET error = excluded.error, attempts = ${this.fails}.attempts + excluded.attempts,
         failed_at = excluded.failed_at, resolved_at = NULL`,
      [failure.subscriber, failure.position, failure.streamId, failure.revision, failure.eventId, failure.eventType, failure.error, failure.attempts, new Date().toISOString()],
    );
  }

  private announce(failures: readonly ParkedEvent[]): void {
    for (const failure of failures) this.onRecorded(failure);
  }

  /** Moves a checkpoint forward (never back) and notifies, in one statement: the live path's common case. */
  private async moveCheckpoint(name: string, position: number, version: number): Promise<void> {
    await this.rows(
      `WITH moved AS (
         INSERT INTO ${this.cps} (projection, position, version, events_applied) VALUES ($1, $2, $3, 0)
         ON CONFLICT (projection) DO UPDATE SET position = excluded.position, version = excluded.version WHERE ${this.cps}.position < excluded.position
         RETURNING position)
       SELECT pg_notify($4, position::text || ':' || $1) FROM moved`,
      [name, position, version, READ_MODELS_CHANNEL],
    );
  }

  private readonly filters = new WeakMap<Projection<any>, (type: string) => boolean>();

  async applyBatch<State>(projection: Projection<State>, events: readonly StoredEvent[]): Promise<number> {
    if (!events.length) return 0;
    let handles = this.filters.get(projection);
    if (!handles) this.filters.set(projection, (handles = handlerFilter(projection)));
    // Most events are not this projection's: only its checkpoint moves, in one statement, no lock needed.
    if (!events.some((e) => handles(e.type))) {
      await this.moveCheckpoint(projection.name, events.reduce((last, e) => Math.max(last, e.position), 0), projection.version);
      return 0;
    }
    const loaded = new Map<string, unknown>();
    const pending = await this.transaction(async (client) => {
      await this.lock(client, projection.name);
      // Folded from the checkpoint read under the lock: what another runner applied meanwhile is skipped.
      const folding = new PendingDocuments(projection, await this.checkpointIn(client, projection.name), (key) => loaded.get(key) as State | undefined);
      await this.load(client, projection.name, folding.keysToLoad(events), loaded);
      folding.fold(events);
      await this.write(client, folding);
      return folding;
    });
    this.announce(pending.parked);
    return pending.applied;
  }

  async park(failure: ParkedEvent, version?: number): Promise<void> {
    await this.transaction(async (client) => {
      await this.lock(client, failure.subscriber);
      await this.record(client, failure);
      const current = await this.checkpointIn(client, failure.subscriber);
      if (!current || current.position < failure.position) {
        await client.query(
          `INSERT INTO ${this.cps} (projection, position, version, events_applied) VALUES ($1, $2, $3, $4)
           ON CONFLICT (projection) DO UPDATE SET position = excluded.position, version = excluded.version`,
          [failure.subscriber, failure.position, version ?? current?.version ?? 1, current?.eventsApplied ?? 0],
        );
        await client.query('SELECT pg_notify($1, $2)', [READ_MODELS_CHANNEL, `${failure.position}:${failure.subscriber}`]);
      }
    });
    this.announce([failure]);
  }

  async advanceCheckpoint(name: string, position: number, events = 1): Promise<void> {
    // One statement: a checkpoint never moves back, whoever else moved it meanwhile.
    await this.rows(
      `WITH moved AS (
         INSERT INTO ${this.cps} (projection, position, version, events_applied) VALUES ($1, $2, 1, $4)
         ON CONFLICT (projection) DO UPDATE SET position = excluded.position, events_applied = ${this.cps}.events_applied + excluded.events_applied
         WHERE ${this.cps}.position < excluded.position
         RETURNING position)
       SELECT pg_notify($3, position::text || ':' || $1) FROM moved`,
      [name, position, READ_MODELS_CHANNEL, events],
    );
  }

  async foldSession(projections: readonly Projection<any>[], options: { fromZero: boolean }): Promise<FoldSession> {
    if (options.fromZero) for (const p of projections) await this.reset(p.name);
    const written = new Map(projections.map((p) => [p.name, new Set<string>()]));
    const open = async () =>
      Promise.all(
        projections.map(async (p) => {
          const loaded = new Map<string, unknown>();
          return { loaded, pending: new PendingDocuments(p, await this.checkpoint(p.name), (key) => loaded.get(key)) };
        }),
      );
    let sessions = await open();
    let folded = 0;
    return {
      fold: async (events) => {
        await this.ready;
        const client = await this.pool.connect();
        try {
          for (const { loaded, pending } of sessions) {
            const name = pending.projection.name;
            // From zero, a key this session has not written yet is not stored: no read.
            const keys = pending.keysToLoad(events).filter((k) => !loaded.has(k) && (!options.fromZero || written.get(name)!.has(k)));
            await this.load(client, name, keys, loaded);
          }
        } finally {
          client.release();
        }
        for (const { pending } of sessions) pending.fold(events);
        folded += events.length;
        return folded;
      },
      commit: async () => {
        const committed = await this.transaction(async (client) => {
          const done: PendingDocuments<any>[] = [];
          for (const { pending } of sessions) {
            await this.lock(client, pending.projection.name);
            // Another runner moved this checkpoint since the session read it: its work stands, this is dropped.
            if ((await this.checkpointIn(client, pending.projection.name))?.position !== pending.from?.position) continue;
            await this.write(client, pending);
            done.push(pending);
          }
          return done;
        });
        for (const pending of committed) {
          for (const key of pending.dirty.keys()) written.get(pending.projection.name)!.add(key);
          this.announce(pending.parked);
        }
        sessions = await open();
        folded = 0;
      },
    };
  }

  async dropRetired(known: readonly string[]): Promise<string[]> {
    const rows = await this.rows<{ projection: string }>(`SELECT DISTINCT projection FROM ${this.docs}`);
    const retired = rows.map((r) => r.projection).filter((name) => !known.includes(name));
    for (const name of retired) await this.reset(name);
    return retired;
  }

  async reset(name: string): Promise<void> {
    await this.transaction(async (client) => {
      await this.lock(client, name);
      await client.query(`DELETE FROM ${this.docs} WHERE projection = $1`, [name]);
      await client.query(`DELETE FROM ${this.cps} WHERE projection = $1`, [name]);
      await client.query(`DELETE FROM ${this.fails} WHERE subscriber = $1`, [name]);
      await client.query('SELECT pg_notify($1, $2)', [READ_MODELS_CHANNEL, `0:${name}`]); // replicas forget where it stood
    });
  }

  async count(projection: string): Promise<number> {
    const [row] = await this.rows<{ n: string }>(`SELECT count(*) AS n FROM ${this.docs} WHERE projection = $1`, [projection]);
    return Number(row?.n ?? 0);
  }

  /** SHA-256 over every document in key order, the same bytes as the embedded store hashes: comparable across stores. */
  async digest(projection: string): Promise<string> {
    const hash = createHash('sha256');
    let after: string | null = null;
    for (;;) {
      const page: Array<{ key: string; doc: string }> = await this.rows(
        `SELECT key, doc FROM ${this.docs} WHERE projection = $1 AND ($2::text IS NULL OR key > $2) ORDER BY key LIMIT 2000`,
        [projection, after],
      );
      for (const row of page) hash.update(row.key).update('\u0000').update(row.doc).update('\u0000');
      if (page.length < 2000) return hash.digest('hex');
      after = page[page.length - 1].key;
    }
  }

  async parked(subscriber: string, limit = 1000): Promise<SubscriberFailure[]> {
    const rows = await this.rows<SubscriberFailureRow>(`SELECT * FROM ${this.fails} WHERE subscriber = $1 AND resolved_at IS NULL ORDER BY position LIMIT $2`, [subscriber, limit]);
    return rows.map(subscriberFailureFromRow);
  }

  async parkedCounts(): Promise<Record<string, number>> {
    const rows = await this.rows<{ subscriber: string; n: string }>(
      `SELECT subscriber, count(*) AS n FROM ${this.fails} WHERE resolved_at IS NULL GROUP BY subscriber ORDER BY subscriber`,
    );
    return Object.fromEntries(rows.map((r) => [r.subscriber, Number(r.n)]));
  }

  async failures(options: { after?: number; limit: number }): Promise<SubscriberFailure[]> {
    const rows = await this.rows<SubscriberFailureRow>(`SELECT * FROM ${this.fails} WHERE id > $1 ORDER BY id LIMIT $2`, [options.after ?? 0, options.limit]);
    return rows.map(subscriberFailureFromRow);
  }

  async resolve(subscriber: string, position: number): Promise<void> {
    await this.rows(`UPDATE ${this.fails} SET resolved_at = $1 WHERE subscriber = $2 AND position = $3`, [new Date().toISOString(), subscriber, position]);
  }

  // The query port (ReadModels): what every replica reads.

  async get<State>(projection: string, key: string): Promise<State | undefined> {
    const [row] = await this.rows<{ doc: string }>(`SELECT doc FROM ${this.docs} WHERE projection = $1 AND key = $2`, [projection, key]);
    return row ? (JSON.parse(row.doc) as State) : undefined;
  }

  async list<State>(projection: string, keyPrefix?: string): Promise<ReadModelDocument<State>[]> {
    const rows =
      keyPrefix === undefined
        ? await this.rows<{ key: string; doc: string }>(`SELECT key, doc FROM ${this.docs} WHERE projection = $1 ORDER BY key`, [projection])
        : await this.rows<{ key: string; doc: string }>(`SELECT key, doc FROM ${this.docs} WHERE projection = $1 AND key >= $2 AND key < $3 ORDER BY key`, [
            projection,
            keyPrefix,
            `${keyPrefix}\uffff`,
          ]);
    return rows.map((r) => ({ key: r.key, doc: JSON.parse(r.doc) as State }));
  }

  async listMatching<State>(projection: string, prefix: string, suffix: string): Promise<ReadModelDocument<State>[]> {
    const escape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
    const rows = await this.rows<{ key: string; doc: string }>(`SELECT key, doc FROM ${this.docs} WHERE projection = $1 AND key LIKE $2 ESCAPE '\\' ORDER BY key`, [
      projection,
      `${escape(prefix)}%${escape(suffix)}`,
    ]);
    return rows.map((r) => ({ key: r.key, doc: JSON.parse(r.doc) as State }));
  }

  async page<State>(projection: string, options: { prefix?: string; after?: string; limit: number }): Promise<ReadModelPage<State>> {
    const prefix = options.prefix ?? '';
    const from = options.after !== undefined && options.after >= prefix ? options.after : null;
    const rows = await this.rows<{ key: string; doc: string }>(
      `SELECT key, doc FROM ${this.docs} WHERE projection = $1 AND key ${from === null ? '>=' : '>'} $2 AND key < $3 ORDER BY key LIMIT $4`,
      [projection, from ?? prefix, `${prefix}\uffff`, options.limit + 1],
    );
    const items = rows.slice(0, options.limit).map((r) => ({ key: r.key, doc: JSON.parse(r.doc) as State }));
    return { items, next: rows.length > options.limit ? items[items.length - 1].key : null };
  }

  async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    await this.pool.end();
  }
}

