import type { AppendResult, ExpectedRevision, NewEvent, StoredEvent } from './event-envelope';

/** DI token for the event store port. */
export const EVENT_STORE = Symbol('EVENT_STORE');

export type ReadStreamOptions = Readonly<{
  /** First revision to return (inclusive). */
  fromRevision?: number;
  /** At most this many events. */
  maxCount?: number;
  /** Only events recorded at or before this ISO instant: what was known then. */
  asOf?: string;
}>;

export type ReadAllOptions = Readonly<{
  /** Return events after this global position (exclusive); null/undefined = from the start. */
  after?: number | null;
  limit?: number;
  asOf?: string;
  /**
   * For verification: bytes that do not parse come back as `{ position, hash, raw }` instead of
   * failing the read, so a verifier can report them and go on to the end (the embedded store).
   */
  tolerant?: boolean;
}>;

export type EventHandler = (event: StoredEvent) => Promise<void> | void;

export type SubscribeOptions = Readonly<{
  /** Last position already processed (exclusive start); null = from the start. */
  checkpoint: number | null;
  handler: EventHandler;
  /**
   * Optional: a store that reads the log in batches (embedded, in-memory, PostgreSQL) hands each batch
   * over whole, in order, instead of calling `handler` per event — a subscriber can then write one
   * transaction per batch. A store that delivers event by event (EventStoreDB) calls `handler`.
   */
  handleBatch?: (events: readonly StoredEvent[]) => Promise<void>;
  /** Called when the subscription gives up or a handler throws. */
  onError?: (error: unknown) => void;
  /** Called when the connection dropped and the subscription is about to resubscribe. */
  onDrop?: (error: unknown) => void;
}>;

export interface Subscription {
  /**
   * Resolves when the subscription has handed over every event up to `position` (default: the log
   * as it was when called), or has been stopped. Rejects — never hangs — once a handler error has
   * stopped it.
   */
  caughtUp(position?: number): Promise<void>;
  stop(): Promise<void>;
}

export type StoreDamage = Readonly<{ message: string; position?: number }>;

export type IndexMismatch = Readonly<{ position: number; columns: readonly string[]; streamId?: string; revision?: number; eventId?: string; type?: string }>;

/** One append as `appendedAfter` lists it: where it is and what it is, without its bytes. */
export type LogAppend = readonly [position: number, streamId: string, revision: number, type: string];

export type LogAppends = Readonly<{
  /** The position looked up to: the last listed, or `after` when nothing was appended (the log's head when `after` is null). */
  head: number;
  appended: readonly LogAppend[];
  /** False when there were more than `limit`: `head` is the last listed, and the rest follows it. */
  complete: boolean;
}>;

export interface EventStore {
  readonly kind: 'embedded' | 'in-memory' | 'eventstoredb' | 'postgres';
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** One batch of the global log in position order. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** Revision of the last event, or null when the stream does not exist. */
  streamRevision(streamId: string): Promise<number | null>;
  /** Position of the last event in the global log; 0 when it is empty. */
  headPosition(): Promise<number>;
  /**
   * Where one writer assigns positions in commit order, so that no event can appear below a position
   * once that position is seen (the embedded and in-memory stores; not PostgreSQL, whose sequences are
   * taken before commit), what was appended after `after`, by any connection or process, in position
   * order, answered synchronously from the engine's columns (no bytes parsed): one look at the log
   * tells a process which streams it holds folds of have moved (D84). `after` null: only the head.
   */
  appendedAfter?(after: number | null, limit: number): LogAppends;
  /**
   * With `appendedAfter`: how many commits this store object has made itself (its own appends,
   * counted when they resolve), so that a caller can tell it appended since it last looked.
   */
  readonly commits?: number;
  subscribeToAll(options: SubscribeOptions): Subscription;
  /**
   * The engine's own check of its stored file (the embedded store: SQLite's quick_check), O(size of
   * the log): part of a full verification, not of every open. Resolves to null when sound.
   */
  checkStorage?(): Promise<string | null>;
  /**
   * Resolves once a store that opens asynchronously (PostgreSQL: schema, tail check) is open, so that
   * `damage()` is known; rejects when it cannot be opened. Stores that open in their constructor omit it.
   */
  opened?(): Promise<void>;
  /** Damage found when the store was opened (its newest events did not re-hash); writes are refused while set. */
  damage?(): StoreDamage | null;
  /**
   * Where positions have no gaps (the embedded store: AUTOINCREMENT, never reused, never skipped),
   * the highest position ever assigned: more than the head means the newest events were deleted.
   */
  assignedHead?(): Promise<number | null>;
  /**
   * Where the engine keeps each stream's head beside the log (the embedded store's `streams` table,
   * written in the append's transaction): a second record a verifier can compare with the log.
   */
  recordedHeads?(): Promise<Map<string, { revision: number; hash: string }>>;
  /**
   * Where the engine reads by columns kept beside the hashed bytes (the embedded store: stream,
   * revision, type, id, recorded time), the events whose columns disagree with their bytes: a read
   * by stream or as of a moment would miss or misplace them although every hash verifies.
   */
  checkIndexes?(): Promise<IndexMismatch[]>;
  close(): Promise<void>;
}

/** Iterate the whole global log in batches. */
export async function* readAllInBatches(
  store: EventStore,
  options: { after?: number | null; asOf?: string; batchSize?: number; upTo?: number; tolerant?: boolean } = {},
): AsyncGenerator<StoredEvent[]> {
  let after = options.after ?? null;
  const limit = options.batchSize ?? 5000;
  const upTo = options.upTo ?? Number.MAX_SAFE_INTEGER;
  for (;;) {
    const read = await store.readAll({ after, limit, asOf: options.asOf, ...(options.tolerant ? { tolerant: true } : {}) });
    // `upTo`: stop at a position fixed beforehand, so readers running side by side end on the same event.
    const batch = read.length && read[read.length - 1].position > upTo ? read.filter((e) => e.position <= upTo) : read;
    if (batch.length === 0) return;
    yield batch;
    after = batch[batch.length - 1].position;
    if (batch.length < read.length || read.length < limit) return;
  }
}

/** Where one event lives: enough to read it back from any adapter, and its id to check it is the one meant. */
export type EventRef = Readonly<{ streamId: string; revision: number; eventId: string }>;

export const eventRefOf = (event: StoredEvent): EventRef => ({ streamId: event.streamId, revision: event.revision, eventId: event.id });

/**
 * Reads the event a read model points to. Read models keep references instead of copies of large
 * payloads (submission data, score and levy inputs): the log holds them once, immutably.
 */
export const readEventAt = async (store: EventStore, ref: EventRef): Promise<StoredEvent> => {
  const [event] = await store.readStream(ref.streamId, { fromRevision: ref.revision, maxCount: 1 });
  if (!event || event.revision !== ref.revision || event.id !== ref.eventId) {
    throw new Error(`event ${ref.eventId} is not at ${ref.streamId}@${ref.revision}`);
  }
  return event;
};
