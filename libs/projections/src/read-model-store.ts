import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StoredEvent } from '@asb/event-store';
import type { Projection } from './projection';
import { PendingDocuments } from './pending-documents';
import type { FoldSession, ProjectionStore } from './projection-store';
import { SubscriberFailureLog, type ParkedEvent } from './failures/subscriber-failures';

/**
 * Read models and their checkpoints in one SQLite file: a batch of events, the documents it
 * changed and the new checkpoint commit in one transaction, so a restart never counts an event
 * twice. A rebuild from zero is byte-identical to the live documents.
 * Read models can always be rebuilt from the log, so synchronous=NORMAL is enough here.
 */
export class ReadModelStore {
  readonly db: Database.Database;
  /** Events a projection or reactor set aside, committed with the checkpoint that moved past them. */
  readonly failures: SubscriberFailureLog;
  private readonly stmt;

  /**
   * `bulk`: for building a fresh file from zero (asb replay, benchmarks): no journal and no syncs
   * until close, because a crash mid-build leaves a file that is simply built again.
   */
  constructor(file: string, options: { bulk?: boolean } = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    if (options.bulk) {
      this.db.pragma('journal_mode = OFF');
      this.db.pragma('synchronous = OFF');
      this.db.pragma('cache_size = -262144');
    } else {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
    }
    this.db.pragma('busy_timeout = 10000');
    this.db.exec(`
      -- A rowid table: documents are kilobytes, too large for a WITHOUT ROWID b-tree to hold well.
      CREATE TABLE IF NOT EXISTS documents (projection TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE (projection, key));
      CREATE TABLE IF NOT EXISTS checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL, version INTEGER NOT NULL, events_applied INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
    `);
    this.failures = new SubscriberFailureLog(this.db);
    this.stmt = {
      get: this.db.prepare<[string, string], { doc: string }>('SELECT doc FROM documents WHERE projection = ? AND key = ?'),
      put: this.db.prepare('INSERT INTO documents (projection, key, doc) VALUES (?, ?, ?) ON CONFLICT(projection, key) DO UPDATE SET doc = excluded.doc'),
      list: this.db.prepare<[string], { key: string; doc: string }>('SELECT key, doc FROM documents WHERE projection = ? ORDER BY key'),
      listPrefix: this.db.prepare<[string, string, string], { key: string; doc: string }>(
        'SELECT key, doc FROM documents WHERE projection = ? AND key >= ? AND key < ? ORDER BY key',
      ),
      checkpoint: this.db.prepare<[string], { position: number; version: number; events_applied: number }>(
        'SELECT position, version, events_applied FROM checkpoints WHERE projection = ?',
      ),
      setCheckpoint: this.db.prepare(
        'INSERT INTO checkpoints (projection, position, version, events_applied) VALUES (?, ?, ?, ?) ON CONFLICT(projection) DO UPDATE SET position = excluded.position, version = excluded.version, events_applied = excluded.events_applied',
      ),
      clearDocs: this.db.prepare('DELETE FROM documents WHERE projection = ?'),
      clearCheckpoint: this.db.prepare('DELETE FROM checkpoints WHERE projection = ?'),
      count: this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM documents WHERE projection = ?'),
    };
  }

  checkpoint(projection: string): { position: number; version: number; eventsApplied: number } | null {
    const row = this.stmt.checkpoint.get(projection);
    return row ? { position: row.position, version: row.version, eventsApplied: row.events_applied } : null;
  }

  get<State>(projection: string, key: string): State | undefined {
    const row = this.stmt.get.get(projection, key);
    return row ? (JSON.parse(row.doc) as State) : undefined;
  }

  list<State>(projection: string, keyPrefix?: string): Array<{ key: string; doc: State }> {
    const rows = keyPrefix === undefined ? this.stmt.list.all(projection) : this.stmt.listPrefix.all(projection, keyPrefix, `${keyPrefix}\uffff`);
    return rows.map((r) => ({ key: r.key, doc: JSON.parse(r.doc) as State }));
  }

  /** Documents whose key starts with `prefix` and ends with `suffix`, filtered in SQL before any JSON is parsed. */
  listMatching<State>(projection: string, prefix: string, suffix: string): Array<{ key: string; doc: State }> {
    const escape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
    const rows = this.db
      .prepare<[string, string], { key: string; doc: string }>("SELECT key, doc FROM documents WHERE projection = ? AND key LIKE ? ESCAPE '\\' ORDER BY key")
      .all(projection, `${escape(prefix)}%${escape(suffix)}`);
    return rows.map((r) => ({ key: r.key, doc: JSON.parse(r.doc) as State }));
  }

  /** Up to `limit` documents after the key `after` (exclusive) that start with `prefix`, in key order. */
  page<State>(projection: string, options: { prefix?: string; after?: string; limit: number }): { items: Array<{ key: string; doc: State }>; next: string | null } {
    const prefix = options.prefix ?? '';
    const from = options.after !== undefined && options.after >= prefix ? options.after : null;
    const rows = this.db
      .prepare<[string, string, string, number], { key: string; doc: string }>(
        `SELECT key, doc FROM documents WHERE projection = ? AND key ${from === null ? '>=' : '>'} ? AND key < ? ORDER BY key LIMIT ?`,
      )
      .all(projection, from ?? prefix, `${prefix}\uffff`, options.limit + 1);
    const items = rows.slice(0, options.limit).map((r) => ({ key: r.key, doc: JSON.parse(r.doc) as State }));
    return { items, next: rows.length > options.limit ? items[items.length - 1].key : null };
  }

  count(projection: string): number {
    return this.stmt.count.get(projection)?.n ?? 0;
  }

  /**
   * Applies a batch of log events to one projection; documents, checkpoint and the events it had
   * to park commit together. Live path: one transaction per delivered batch.
   */
  applyBatch<State>(projection: Projection<State>, events: readonly StoredEvent[]): number {
    if (!events.length) return 0;
    let parked: readonly ParkedEvent[] = [];
    const apply = this.db.transaction(() => {
      // The checkpoint is read under the write lock, as the batch is folded from it.
      const pending = new PendingDocuments(projection, this.checkpoint(projection.name), (key) => this.load(projection.name, key));
      pending.fold(events);
      parked = pending.parked;
      return this.commit(pending);
    });
    const applied = apply.immediate();
    this.failures.announce(parked);
    return applied;
  }

  /**
   * Applies a batch to several projections in one transaction (D72: the live runner's 11 projections
   * each committed a transaction of their own per batch). Each folds from its own checkpoint, read under
   * the write lock, as `applyBatch` does; a failure rolls all of them back (the caller then applies them
   * one by one, where a failure stays with its projection).
   */
  applyBatches(projections: readonly Projection<any>[], events: readonly StoredEvent[]): void {
    if (!events.length || !projections.length) return;
    const pending = this.db.transaction(() =>
      projections.map((projection) => {
        const one = new PendingDocuments(projection, this.checkpoint(projection.name), (key) => this.load(projection.name, key));
        one.fold(events);
        this.commit(one);
        return one;
      }),
    ).immediate();
    for (const one of pending) this.failures.announce(one.parked);
  }

  /**
   * Sets one event aside for one subscriber: the failure and the checkpoint past the event commit
   * together, so a restart neither loses the record nor meets the event again. `version` is the
   * projection's (a reactor keeps the version its checkpoint has).
   */
  park(failure: ParkedEvent, version?: number): void {
    this.db.transaction(() => {
      this.failures.record(failure);
      const current = this.checkpoint(failure.subscriber);
      if (!current || current.position < failure.position) {
        this.stmt.setCheckpoint.run(failure.subscriber, failure.position, version ?? current?.version ?? 1, current?.eventsApplied ?? 0);
      }
    }).immediate();
    this.failures.announce([failure]);
  }

  /**
   * Folds the log into several projections at once: documents stay in memory across many small read
   * batches and are written when `commit` is called, each once per commit, with the checkpoints, in
   * one transaction — the log is read in batches small enough for the young heap while the writes
   * come in large transactions. Each projection skips what its checkpoint already covers.
   *
   * `fromZero` (a rebuild): drop the projections first; then a key this session has not written yet
   * needs no read. Otherwise (catching up on start) a document not in memory is read from the store.
   */
  foldSession(projections: readonly Projection<any>[], options: { fromZero: boolean }): FoldSession {
    if (options.fromZero) for (const p of projections) this.reset(p.name);
    const written = new Map(projections.map((p) => [p.name, new Set<string>()]));
    const stored = (name: string) => (key: string) => (!options.fromZero || written.get(name)!.has(key) ? this.load(name, key) : undefined);
    const open = () => projections.map((p) => new PendingDocuments(p, this.checkpoint(p.name), stored(p.name)));
    let pending = open();
    let folded = 0;
    return {
      fold: (events) => {
        for (const p of pending) p.fold(events);
        folded += events.length;
        return folded;
      },
      commit: () => {
        this.db.transaction(() => {
          for (const p of pending) {
            this.commit(p);
            for (const key of p.dirty.keys()) written.get(p.projection.name)!.add(key);
          }
        }).immediate();
        for (const p of pending) this.failures.announce(p.parked);
        pending = open();
        folded = 0;
      },
    };
  }

  private commit(pending: PendingDocuments<any>): number {
    const { projection, dirty, from, lastPosition, applied, parked } = pending;
    // Plain JSON: evolve builds documents in a fixed key order, so live and rebuilt bytes agree (tested by digest).
    for (const [key, state] of dirty) this.stmt.put.run(projection.name, key, JSON.stringify(state));
    for (const failure of parked) this.failures.record(failure);
    if (lastPosition > (from?.position ?? 0)) {
      this.stmt.setCheckpoint.run(projection.name, lastPosition, projection.version, (from?.eventsApplied ?? 0) + applied);
    }
    return applied;
  }

  private load<State>(projection: string, key: string): State | undefined {
    const row = this.stmt.get.get(projection, key);
    return row ? (JSON.parse(row.doc) as State) : undefined;
  }

  /** Moves a checkpoint that has no documents (a reactor's), as a transaction of its own. */
  advanceCheckpoint(name: string, position: number, events = 1): void {
    const current = this.checkpoint(name);
    if (current && current.position >= position) return;
    this.stmt.setCheckpoint.run(name, position, current?.version ?? 1, (current?.eventsApplied ?? 0) + events);
  }

  /**
   * Drops the documents (and checkpoint) of every projection not in `known`: a projection that was
   * retired leaves nothing stale behind. Checkpoints without documents (reactors') are kept.
   */
  dropRetired(known: readonly string[]): string[] {
    const retired = this.db
      .prepare<[], { projection: string }>('SELECT DISTINCT projection FROM documents')
      .all()
      .map((r) => r.projection)
      .filter((name) => !known.includes(name));
    for (const name of retired) this.reset(name);
    return retired;
  }

  reset(projection: string): void {
    this.db.transaction(() => {
      this.stmt.clearDocs.run(projection);
      this.stmt.clearCheckpoint.run(projection);
      this.failures.clear(projection);
    })();
  }

  /** SHA-256 over every document of a projection in key order: equal digests, equal bytes. */
  digest(projection: string): string {
    const hash = createHash('sha256');
    for (const row of this.stmt.list.iterate(projection)) hash.update(row.key).update('\u0000').update(row.doc).update('\u0000');
    return hash.digest('hex');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** The embedded store behind the writer's port: every call answers at once. */
export const sqliteProjectionStore = (store: ReadModelStore): ProjectionStore => ({
  kind: 'sqlite',
  checkpoint: async (name) => store.checkpoint(name),
  applyBatch: async (projection, events) => store.applyBatch(projection, events),
  applyBatches: async (projections, events) => store.applyBatches(projections, events),
  park: async (failure, version) => store.park(failure, version),
  advanceCheckpoint: async (name, position, events) => store.advanceCheckpoint(name, position, events),
  foldSession: async (projections, options) => store.foldSession(projections, options),
  dropRetired: async (known) => store.dropRetired(known),
  reset: async (name) => store.reset(name),
  count: async (name) => store.count(name),
  digest: async (name) => store.digest(name),
  parked: async (subscriber, limit) => store.failures.parked(subscriber, limit),
  parkedCounts: async () => store.failures.parkedCounts(),
  failures: async (options) => store.failures.list(options),
  resolve: async (subscriber, position) => store.failures.resolve(subscriber, position),
});
