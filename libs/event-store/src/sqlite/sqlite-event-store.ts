import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertUniqueIds, checkExpectedRevision, resolveIdempotentRetry, type KnownEvent } from '../append-checks';
import { CorruptStoreError } from '../errors';
import { checkStreamPosition, describeRow } from '../stored-row';
import type { AppendResult, ExpectedRevision, NewEvent, StoredEvent } from '../event-envelope';
import type { EventStore, IndexMismatch, LogAppend, LogAppends, ReadAllOptions, ReadStreamOptions, StoreDamage, SubscribeOptions, Subscription } from '../event-store.port';
import { GENESIS_HASH, canonicalBody, sha256Hex, toEventBody } from '../hashing';
import { PollingSubscription, trackedPollingSubscription } from '../polling-subscription';
import { RecentEvents } from './recent-events';
import { normaliseRecordedAt } from '../recorded-at';
import { StoreWriter, type AppendOutcome, type AppendRequest } from './store-writer';
import { stageTimings } from '../diagnostics/stage-timings';

export type SqliteEventStoreOptions = Readonly<{
  /** Path of the database file (its directory is created, unless `mustExist`). */
  file: string;
  /** Open an existing store only: read commands must not create an empty one where the data is not. */
  mustExist?: boolean;
  /** How many of the newest events are re-hashed on open to catch a torn or altered tail. */
  tailCheck?: number;
  /** How often a subscription looks for appends made by another process. */
  pollMs?: number;
  /**
   * Also run SQLite's page-level check on open. Off by default: it is O(size of file) — about a
   * minute on the national data set, before every API start and CLI command — and it runs as part
   * of every full verification (`checkStorage`).
   */
  quickCheckOnOpen?: boolean;
  /**
   * Commit appends on a thread of their own (D66), so that an fsync does not stop this thread. The
   * API process turns it on; tools and tests commit on their own thread (a worker needs the compiled
   * code or the sources' loader).
   */
  writerThread?: boolean;
  /**
   * Keep the newest events the subscriptions read from the log parsed, so that the subscriptions of
   * this connection parse each event once (D72; default on; SUBSCRIBER_BATCHES=off turns it off to
   * measure against). Other reads always read the file.
   */
  sharedReads?: boolean;
}>;

/** Events the shared reads keep: a few delivered batches of every subscription (about 1 KB each). */
const RECENT_EVENTS = 4_000;

type Row = { position: number; hash: string; body: string };

type PendingAppend = AppendRequest &
  Readonly<{
    resolve: (result: AppendResult) => void;
    reject: (error: unknown) => void;
    /** When it was queued (STAGE_TIMINGS only). */
    queued?: number;
  }>;


const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id    TEXT NOT NULL UNIQUE,
  stream_id   TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  type        TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  body        TEXT NOT NULL,
  hash        TEXT NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE INDEX IF NOT EXISTS events_recorded_at ON events (recorded_at);
CREATE TABLE IF NOT EXISTS streams (
  stream_id TEXT PRIMARY KEY,
  revision  INTEGER NOT NULL,
  last_hash TEXT NOT NULL
) WITHOUT ROWID;
`;

/**
 * The embedded default: SQLite in WAL mode with synchronous=FULL, so an append that returned has
 * been fsynced and survives kill -9 and power loss. SQLite's WAL checksums drop a torn, never
 * acknowledged commit; on open we also re-hash the newest events so that damage to stored bytes
 * is reported, not served.
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'embedded' as const;
  readonly db: Database.Database;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly stmt: ReturnType<SqliteEventStore['prepare']>;
  private damaged: StoreDamage | null = null;
  /** Appends waiting for the next group commit. */
  private pending: PendingAppend[] = [];
  private readonly appendBatch: Database.Transaction<(batch: readonly AppendRequest[]) => AppendOutcome[]>;
  /** With `writerThread`: the thread that commits, and the batch it is committing. */
  private readonly writer: StoreWriter | null;
  private inFlight: Promise<void> | null = null;
  /**
   * Told after each group commit that wrote something, with the head it reached: the API tells the
   * thread that runs its projections and reactors (D66), whose connection would otherwise only see
   * the appends at its next poll.
   */
  onCommitted: ((head: number) => void) | null = null;
  /** Group commits of this store object that wrote something (D84: a look at the log knows its own process appended since). */
  commits = 0;
  /** The newest events read, parsed once for every subscription (null with `sharedReads: false`). */
  private readonly recent: RecentEvents | null;

  constructor(private readonly options: SqliteEventStoreOptions) {
    if (!options.mustExist) mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file, { fileMustExist: options.mustExist ?? false });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 10000');
    this.db.exec(SCHEMA);
    this.stmt = this.prepare();
    const one = this.db.transaction((a: AppendRequest) => this.appendOne(a.streamId, a.events, a.expected));
    this.appendBatch = this.db.transaction((batch: readonly AppendRequest[]) =>
      batch.map((a) => {
        try {
          return { result: one(a) };
        } catch (error) {
          return { error };
        }
      }),
    );
    this.checkOnOpen();
    this.writer = options.writerThread ? new StoreWriter(options.file) : null;
    this.recent = options.sharedReads === false ? null : new RecentEvents(RECENT_EVENTS);
  }

  private prepare() {
    const db = this.db;
    return {
      byId: db.prepare<[string], { position: number; stream_id: string; revision: number; event_id: string }>(
        'SELECT position, stream_id, revision, event_id FROM events WHERE event_id = ?',
      ),
      stream: db.prepare<[string], { revision: number; last_hash: string }>('SELECT revision, last_hash FROM streams WHERE stream_id = ?'),
      insert: db.prepare(
        'INSERT INTO events (event_id, stream_id, revision, type, recorded_at, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      upsertStream: db.prepare(
        'INSERT INTO streams (stream_id, revision, last_hash) VALUES (?, ?, ?) ON CONFLICT(stream_id) DO UPDATE SET revision = excluded.revision, last_hash = excluded.last_hash',
      ),
      readStream: db.prepare<[string, number, number], Row>(
        'SELECT position, hash, body FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
      ),
      readStreamAsOf: db.prepare<[string, number, string, number], Row>(
        'SELECT position, hash, body FROM events WHERE stream_id = ? AND revision >= ? AND recorded_at <= ? ORDER BY revision LIMIT ?',
      ),
      byPosition: db.prepare<[number], Row>('SELECT position, hash, body FROM events WHERE position = ?'),
      readAll: db.prepare<[number, number], Row>('SELECT position, hash, body FROM events WHERE position > ? ORDER BY position LIMIT ?'),
      readAllAsOf: db.prepare<[number, string, number], Row>(
        'SELECT position, hash, body FROM events WHERE position > ? AND recorded_at <= ? ORDER BY position LIMIT ?',
      ),
      head: db.prepare<[], { head: number | null }>('SELECT MAX(position) AS head FROM events'),
      // Arrays, not objects: a look at the log lists every append since the last (D84).
      appendedAfter: db.prepare<[number, number], LogAppend>('SELECT position, stream_id, revision, type FROM events WHERE position > ? ORDER BY position LIMIT ?').raw(true),
      // Moves when another connection (the writer thread, another process) committed; a third of the listing's cost.
      dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(true),
      assigned: db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'events'"),
      tail: db.prepare<[number], Row>('SELECT position, hash, body FROM events ORDER BY position DESC LIMIT ?'),
    };
  }

  /**
   * Damage found on open does not stop the process: it is recorded, writes are refused, and the
   * store stays open so that `asb verify` and GET /audit/verify can examine it and /health can say so.
   */
  private checkOnOpen(): void {
    if (this.options.quickCheckOnOpen) {
      const result = this.quickCheck();
      if (result) this.damaged = { message: `SQLite quick_check failed on open: ${result}` };
    }
    try {
      for (const row of this.stmt.tail.all(this.options.tailCheck ?? 256)) this.parse(row, true);
    } catch (error) {
      this.damaged ??= error instanceof CorruptStoreError ? { message: error.message, position: error.position } : { message: String(error) };
    }
  }

  damage(): StoreDamage | null {
    if (this.damaged) return this.damaged;
    // A writer thread that died refuses every append from then on: as unusable for writing as a damaged file (D66).
    const stopped = this.writer?.stopped();
    return stopped ? { message: `${stopped.message}; every append is refused until the process restarts` } : null;
  }

  async recordedHeads(): Promise<Map<string, { revision: number; hash: string }>> {
    const rows = this.db.prepare<[], { stream_id: string; revision: number; last_hash: string }>('SELECT stream_id, revision, last_hash FROM streams').all();
    return new Map(rows.map((r) => [r.stream_id, { revision: r.revision, hash: r.last_hash }]));
  }

  async checkIndexes(): Promise<IndexMismatch[]> {
    // One scan in SQLite's own JSON functions; bytes that are not JSON are the verifier's other finding.
    const rows = this.db
      .prepare<[], { position: number; stream_id: string; revision: number; event_id: string; type: string; recorded_at: string; b_stream: unknown; b_revision: unknown; b_id: unknown; b_type: unknown; b_recorded: unknown }>(
        `SELECT position, stream_id, revision, event_id, type, recorded_at,
                json_extract(body, '$.streamId') AS b_stream, json_extract(body, '$.revision') AS b_revision, json_extract(body, '$.id') AS b_id,
                json_extract(body, '$.type') AS b_type, json_extract(body, '$.metadata.recordedAt') AS b_recorded
           FROM events
          WHERE json_valid(body)
            AND (stream_id IS NOT json_extract(body, '$.streamId') OR revision IS NOT json_extract(body, '$.revision') OR event_id IS NOT json_extract(body, '$.id')
                 OR type IS NOT json_extract(body, '$.type') OR recorded_at IS NOT json_extract(body, '$.metadata.recordedAt'))
          ORDER BY position LIMIT 1000`,
      )
      .all();
    return rows.map((r) => ({
      position: r.position,
      columns: [
        ...(r.stream_id !== r.b_stream ? ['stream_id'] : []),
        ...(r.revision !== r.b_revision ? ['revision'] : []),
        ...(r.event_id !== r.b_id ? ['event_id'] : []),
        ...(r.type !== r.b_type ? ['type'] : []),
        ...(r.recorded_at !== r.b_recorded ? ['recorded_at'] : []),
      ],
      ...(typeof r.b_stream === 'string' ? { streamId: r.b_stream } : {}),
      ...(typeof r.b_revision === 'number' ? { revision: r.b_revision } : {}),
      ...(typeof r.b_id === 'string' ? { eventId: r.b_id } : {}),
      ...(typeof r.b_type === 'string' ? { type: r.b_type } : {}),
    }));
  }

  async assignedHead(): Promise<number | null> {
    return this.stmt.assigned.get()?.seq ?? null;
  }

  private parse(row: Row, verify: boolean, tolerant = false): StoredEvent {
    if (verify && sha256Hex(row.body) !== row.hash) {
      throw new CorruptStoreError(`event ${describeRow(row)} does not match its hash`, row.position);
    }
    let event: { -readonly [K in keyof StoredEvent]: StoredEvent[K] };
    try {
      event = JSON.parse(row.body);
      if (typeof event !== 'object' || event === null) throw new Error('not an object');
    } catch {
      if (tolerant) return { position: row.position, hash: row.hash, raw: row.body } as StoredEvent;
      throw new CorruptStoreError(`event at position ${row.position} is not valid JSON`, row.position);
    }
    // Assigned, not spread: replays parse millions of these.
    event.position = row.position;
    event.hash = row.hash;
    event.raw = row.body;
    return event;
  }

  /**
   * Appends wait for the end of the current turn of the event loop and are then committed together
   * (group commit): one transaction, one fsync for every append that arrived meanwhile, each in a
   * savepoint of its own so that one refused append (a stale revision) changes nothing of the others.
   * The fsync blocks the thread it runs on; one per batch instead of one per command is what lets the
   * command path approach the disk's rate. An append still resolves only after its commit.
   */
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    try {
      assertUniqueIds(events);
      if (this.damaged) throw new CorruptStoreError(`the event store is damaged (${this.damaged.message}); writes are refused until it has been examined (asb verify)`, this.damaged.position);
      if (this.writer?.stopped()) throw this.writer.refusal('nothing of this write was recorded');
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.pending.push(stageTimings.on ? { streamId, events, expected, resolve, reject, queued: performance.now() } : { streamId, events, expected, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.commitPending());
    });
  }

  private commitPending(): void {
    if (this.writer) return void this.commitOnWriter(this.writer);
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let outcomes: AppendOutcome[];
    try {
      outcomes = this.commitBatch(batch);
    } catch (error) {
      for (const a of batch) a.reject(error); // the commit itself failed: nothing of the batch was written
      return;
    }
    this.settle(batch, outcomes);
  }

  /** One group commit on this connection: one transaction, each append in a savepoint (the writer thread calls it too). */
  commitBatch(batch: readonly AppendRequest[]): AppendOutcome[] {
    return this.appendBatch.immediate(batch.map(({ streamId, events, expected }) => ({ streamId, events, expected })));
  }

  /**
   * The writer thread commits one batch at a time; appends that arrive meanwhile wait for it and go
   * as the next batch (so the batches grow while the disk is slow, as a group commit should).
   */
  private async commitOnWriter(writer: StoreWriter): Promise<void> {
    if (this.inFlight || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const sent = stageTimings.on ? performance.now() : 0;
    this.inFlight = writer
      .commit(batch)
      .then((outcomes) => this.settle(batch, outcomes, sent))
      .catch((error: unknown) => {
        // Not acknowledged: the client retries (the ids make a retry idempotent). An append settled
        // before a failure in settle stays settled: a promise resolves once.
        for (const a of batch) a.reject(error);
      });
    try {
      await this.inFlight;
    } finally {
      // Whatever happened to this batch, the next one must not wait for ever behind it.
      this.inFlight = null;
    }
    if (this.pending.length) void this.commitOnWriter(writer);
  }

  private settle(batch: readonly PendingAppend[], outcomes: AppendOutcome[], sent = 0): void {
    let head = 0;
    const answered = sent ? performance.now() : 0;
    outcomes.forEach((o, i) => {
      if ('error' in o) return batch[i].reject(o.error);
      if (answered && o.result.positions.length) stageTimings.appended(o.result.positions[o.result.positions.length - 1], { queued: batch[i].queued ?? sent, sent, answered });
      // A loop, not Math.max(...positions): an append of 120,000+ events (a national allocation) overflows the call's arguments.
      if (!o.result.idempotentReplay) for (const position of o.result.positions) if (position > head) head = position;
      batch[i].resolve(o.result);
    });
    if (head === 0) return;
    this.commits++;
    for (const s of this.subscriptions) s.notify();
    this.onCommitted?.(head);
  }

  /** Another connection to the same file appended (another thread of this process): subscriptions look now, not at their next poll. */
  appendedElsewhere(): void {
    for (const s of this.subscriptions) s.notify();
  }

  /** One append inside the batch's transaction (a savepoint: better-sqlite3 nests transactions so). */
  private appendOne(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult {
    const retry = resolveIdempotentRetry(streamId, events, (id) => this.known(id));
    const stream = this.stmt.stream.get(streamId);
    if (retry) {
      const stored = retry.map((r) => this.parse(this.stmt.byPosition.get(r.position)!, false));
      return { nextRevision: stream!.revision, positions: retry.map((r) => r.position), idempotentReplay: true, events: stored };
    }
    checkExpectedRevision(streamId, expected, stream ? stream.revision : null);
    let revision = stream ? stream.revision : -1;
    let prevHash = stream ? stream.last_hash : GENESIS_HASH;
    const positions: number[] = [];
    const stored: StoredEvent[] = [];
    for (const e of events) {
      revision += 1;
      const metadata = normaliseRecordedAt(e.metadata);
      const body = canonicalBody(toEventBody({ ...e, metadata }, streamId, revision, prevHash));
      const hash = sha256Hex(body);
      const position = Number(this.stmt.insert.run(e.id, streamId, revision, e.type, metadata.recordedAt, body, hash).lastInsertRowid);
      positions.push(position);
      // What a read would return: the stored bytes parsed, not the object they were made from.
      stored.push(this.parse({ position, hash, body }, false));
      prevHash = hash;
    }
    this.stmt.upsertStream.run(streamId, revision, prevHash);
    return { nextRevision: revision, positions, idempotentReplay: false, events: stored };
  }

  private known(id: string): KnownEvent | undefined {
    const row = this.stmt.byId.get(id);
    return row && { id: row.event_id, streamId: row.stream_id, position: row.position, revision: row.revision };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const from = options.fromRevision ?? 0;
    const rows =
      options.asOf === undefined
        ? this.stmt.readStream.all(streamId, from, options.maxCount ?? -1)
        : this.stmt.readStreamAsOf.all(streamId, from, new Date(options.asOf).toISOString(), options.maxCount ?? -1);
    // Aggregate loads are small: re-hash them so a decision never rests on altered bytes, and check
    // that the bytes are this stream's, in order (its columns could have been moved while the hash held).
    return rows.map((r, i) => checkStreamPosition(this.parse(r, true), streamId, from + i, describeRow(r)));
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? 0;
    const limit = options.limit ?? -1;
    const rows =
      options.asOf === undefined
        ? this.stmt.readAll.all(after, limit)
        : this.stmt.readAllAsOf.all(after, new Date(options.asOf).toISOString(), limit);
    return rows.map((r) => this.parse(r, false, options.tolerant));
  }

  async streamRevision(streamId: string): Promise<number | null> {
    return this.stmt.stream.get(streamId)?.revision ?? null;
  }

  async headPosition(): Promise<number> {
    return this.stmt.head.get()?.head ?? 0;
  }

  /**
   * One writer at a time (SQLite's write lock) assigns positions (AUTOINCREMENT) in commit order.
   * Most looks find nothing new (one in 25 at the bench's 64 connections lists anything): when no other
   * connection committed since the last complete listing (`PRAGMA data_version`, read before that
   * listing, so a commit between the two moves it) and this one did not either, the answer is known
   * without listing.
   */
  appendedAfter(after: number | null, limit: number): LogAppends {
    const version = this.stmt.dataVersion.get()!;
    const commits = this.commits;
    const last = this.lastListing;
    if (after !== null && last && last.head === after && last.version === version && last.commits === commits) return { head: after, appended: [], complete: true };
    if (after === null) {
      const head = this.stmt.head.get()?.head ?? 0;
      this.lastListing = { head, version, commits };
      return { head, appended: [], complete: true };
    }
    const appended = this.stmt.appendedAfter.all(after, limit);
    const head = appended.length ? appended[appended.length - 1][0] : after;
    const complete = appended.length < limit;
    this.lastListing = complete ? { head, version, commits } : null;
    return { head, appended, complete };
  }

  /** The last complete answer of `appendedAfter`: up to where, and the data version and own commits read before it. */
  private lastListing: { head: number; version: number; commits: number } | null = null;

  async checkStorage(): Promise<string | null> {
    return this.quickCheck();
  }

  private quickCheck(): string | null {
    try {
      const result = this.db.pragma('quick_check', { simple: true });
      return result === 'ok' ? null : String(result);
    } catch (error) {
      return (error as Error).message; // SQLITE_CORRUPT and the like
    }
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    // Subscriptions share what they read (D72); every other read (a checkpoint's, a verifier's, a rebuild's) reads the file.
    const read = (after: number, limit: number) => this.stmt.readAll.all(after, limit).map((r) => this.parse(r, false));
    const readAfter = async (after: number | null, limit: number) => (this.recent ? this.recent.read(after ?? 0, limit, read) : read(after ?? 0, limit));
    return trackedPollingSubscription(this.subscriptions, readAfter, () => this.headPosition(), options, this.options.pollMs ?? 200);
  }

  async close(): Promise<void> {
    // Appends already accepted are written, not dropped.
    if (this.writer) {
      while (this.inFlight || this.pending.length) await (this.inFlight ?? this.commitOnWriter(this.writer));
      await this.writer.close();
    } else this.commitPending();
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.recent?.clear();
    if (this.db.open) this.db.close();
  }
}
