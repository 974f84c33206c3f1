import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type JSONType,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { WrongExpectedRevisionError } from '../errors';
import type { AppendResult, EventMetadata, ExpectedRevision, NewEvent, StoredEvent } from '../event-envelope';
import type { EventStore, ReadAllOptions, ReadStreamOptions, SubscribeOptions, Subscription } from '../event-store.port';
import { GENESIS_HASH, canonicalBody, sha256Hex, toEventBody } from '../hashing';
import { normaliseRecordedAt } from '../recorded-at';
import { assertUniqueIds, checkExpectedRevision, resolveIdempotentRetry } from '../append-checks';
import { SubscriptionFailedError } from '../polling-subscription';

/** Our envelope fields that EventStoreDB has no place for ride in the metadata under this key. */
const INTEGRITY_KEY = '$asb';

type Integrity = { revision: number; schemaVersion: number; prevHash: string; hash: string; personal?: NewEvent['personal'] };

/** EventStoreDB's default `MaxAppendSize`: one append (all its events) may not exceed it. */
export const ESDB_MAX_APPEND_SIZE = 1024 * 1024;

/** Servers before 22.10 send 2^64-1 ("no position") for events read from a stream. */
const NO_POSITION = 2n ** 63n;

/**
 * An append that EventStoreDB would refuse for its size. It is refused whole, never split: the events
 * of one append are one decision, and a split append could be left half written.
 */
export class AppendTooLargeError extends Error {
  readonly code = 'APPEND_TOO_LARGE';
  constructor(readonly streamId: string, readonly size: number, readonly maxAppendSize: number) {
    super(`Stream ${streamId}: an append of ${size} bytes exceeds EventStoreDB's MaxAppendSize of ${maxAppendSize} bytes; it is refused whole, not split`);
    this.name = 'AppendTooLargeError';
  }
}

/** The server does not give what the adapter needs to keep its promises (e.g. positions in stream reads). */
export class UnsupportedServerError extends Error {
  readonly code = 'UNSUPPORTED_EVENTSTOREDB';
  constructor(detail: string) {
    super(`EventStoreDB server not supported: ${detail}`);
    this.name = 'UnsupportedServerError';
  }
}

export type EventStoreDbOptions = Readonly<{
  connectionString: string;
  /** Backoff for resubscribing after a dropped connection or a subscription the server ended. */
  resubscribe?: { initialMs?: number; maxMs?: number };
  /** Retries of an `any` append that lost a race for the stream's tail hash. */
  appendRetries?: number;
  /** The server's `MaxAppendSize` (default 1 MiB): larger appends are refused before they are sent. */
  maxAppendSize?: number;
  /** Events asked of the server per read of `$all` (its system, link and foreign events count too). */
  readPageSize?: number;
}>;

const comparePositions = (a: Position, b: Position): number => (a.commit === b.commit ? (a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1) : a.commit < b.commit ? -1 : 1);

/**
 * EventStoreDB through its gRPC client. Expected revisions, event ids, JSON metadata and $all
 * catch-up subscriptions map onto the server's own features. The hash chain is per stream (read the
 * stream, append with that exact revision), so appends to different streams never wait for one
 * another. Global positions are the server's prepare positions (for a gRPC append, each event's own
 * log position). Needs EventStoreDB 22.10 or later (positions in stream reads; D47).
 */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<Subscription>();
  private readonly maxAppendSize: number;
  private readonly pageSize: number;

  constructor(private readonly options: EventStoreDbOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.maxAppendSize = options.maxAppendSize ?? ESDB_MAX_APPEND_SIZE;
    this.pageSize = options.readPageSize ?? 1000;
  }

  private supported: Promise<void> | null = null;

  /**
   * Refuses a server before 22.10 before anything is written to it: its stream reads carry no
   * positions, so an append there would be written and then fail to report where. The version comes
   * from the server's ServerFeatures (21.10+; none at all means 20.x), as the client fetched it.
   */
  private ensureSupported(): Promise<void> {
    this.supported ??= (this.client as unknown as { capabilities: Promise<{ serverVersion: string }> }).capabilities.then(({ serverVersion }) => {
      const [major, minor] = serverVersion.split('.').map(Number);
      if (!(major > 22 || (major === 22 && minor >= 10))) {
        throw new UnsupportedServerError(`version ${serverVersion}; the adapter needs 22.10 or later (positions in stream reads)`);
      }
    });
    this.supported.catch(() => (this.supported = null)); // a connection error is asked again next time
    return this.supported;
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    assertUniqueIds(events);
    await this.ensureSupported();
    const attempts = expected === 'any' ? (this.options.appendRetries ?? 5) : 1;
    for (let attempt = 1; ; attempt++) {
      // The whole stream: a retried batch may no longer be at its tail (others appended since).
      const stream = await this.readStream(streamId);
      const byId = new Map(stream.map((e) => [e.id, e]));
      const retry = resolveIdempotentRetry(streamId, events, (id) => byId.get(id));
      const last = stream.length ? stream[stream.length - 1] : null;
      if (retry) return { nextRevision: last!.revision, positions: retry.map((r) => r.position), idempotentReplay: true, events: retry.map((r) => byId.get(r.id)!) };
      const current = last ? last.revision : null;
      checkExpectedRevision(streamId, expected, current);
      let prevHash = last ? last.hash : GENESIS_HASH;
      let revision = current ?? -1;
      let size = 0;
      const data = events.map((e) => {
        revision += 1;
        const metadata = normaliseRecordedAt(e.metadata);
        const body = toEventBody({ ...e, metadata }, streamId, revision, prevHash);
        const hash = sha256Hex(canonicalBody(body));
        const integrity: Integrity = { revision, schemaVersion: e.schemaVersion, prevHash, hash, ...(e.personal ? { personal: e.personal } : {}) };
        prevHash = hash;
        const meta = { ...metadata, [INTEGRITY_KEY]: integrity };
        // What the server may count (it counts the data alone today; metadata and type are safe margin).
        size += Buffer.byteLength(JSON.stringify(e.data)) + Buffer.byteLength(JSON.stringify(meta)) + e.type.length * 2;
        return jsonEvent({ id: e.id, type: e.type, data: e.data as JSONType, metadata: meta as unknown as JSONType });
      });
      if (size > this.maxAppendSize) throw new AppendTooLargeError(streamId, size, this.maxAppendSize);
      const expectedRevision: AppendExpectedRevision = current === null ? NO_STREAM : BigInt(current);
      try {
        const result = await this.client.appendToStream(streamId, data, { expectedRevision });
        const nextRevision = Number(result.nextExpectedRevision);
        const written = await this.writtenEvents(streamId, nextRevision - events.length + 1, events);
        return { nextRevision, positions: written.map((e) => e.position), idempotentReplay: false, events: written };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          if (attempt < attempts) continue;
          const actual = error.actualVersion;
          // The client reports a missing stream as the string 'no_stream' (Number() of it was NaN).
          throw new WrongExpectedRevisionError(streamId, expected, typeof actual === 'bigint' ? Number(actual) : 'no_stream');
        }
        if (error instanceof MaxAppendSizeExceededError) throw new AppendTooLargeError(streamId, size, error.maxAppendSize);
        throw error;
      }
    }
  }

  /**
   * The appended events with each one's own position. The server acknowledges an append with one
   * position, the last event's (it acknowledges at the commit); the others are read back from the
   * stream — here, in the adapter, the one place that cannot know them otherwise.
   */
  private async writtenEvents(streamId: string, fromRevision: number, events: readonly NewEvent[]): Promise<StoredEvent[]> {
    const written = await this.readStream(streamId, { fromRevision, maxCount: events.length });
    if (written.length !== events.length || written.some((e, i) => e.id !== events[i].id)) {
      throw new Error(`Stream ${streamId}: the events just appended at ${fromRevision} do not read back`);
    }
    return written;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    try {
      const fromRevision = options.fromRevision ? BigInt(options.fromRevision) : START;
      const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
      // The server can cap the count only when no as-of filter drops events on this side.
      const read = this.client.readStream(streamId, { direction: FORWARDS, fromRevision, ...(options.asOf === undefined && options.maxCount !== undefined ? { maxCount: options.maxCount } : {}) });
      // Every read is consumed to its end: a read left half-consumed never finishes, and the
      // client's dispose() then waits for it forever.
      let refused: unknown = null;
      for await (const resolved of read) {
        if (refused) continue;
        try {
          const e = this.toStored(resolved);
          if (e && out.length < max && (options.asOf === undefined || e.metadata.recordedAt <= new Date(options.asOf).toISOString())) out.push(e);
        } catch (error) {
          refused = error;
        }
      }
      if (refused) throw refused;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  /**
   * One batch of our events after `after`. The server counts every event of `$all` towards a read's
   * count — its own system events, the links its projections write, other applications' events —
   * so this reads page after page until `limit` events of ours are found or the log ends: a short
   * batch means the end of the log, as `readAllInBatches` takes it.
   */
  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? null;
    const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
    const asOf = options.asOf === undefined ? undefined : new Date(options.asOf).toISOString();
    const out: StoredEvent[] = [];
    let from: Position | null = after === null ? null : { commit: BigInt(after), prepare: BigInt(after) };
    let lastSeen: Position | null = null;
    while (out.length < limit) {
      const want: number = Math.min(Math.max(limit - out.length, 1), this.pageSize) + (lastSeen ? 1 : 0);
      let received = 0;
      let full = false;
      const read = this.client.readAll({ direction: FORWARDS, fromPosition: from ?? START, maxCount: want });
      for await (const resolved of read as AsyncIterable<AllStreamResolvedEvent>) {
        received++;
        const position: Position | undefined = resolved.event?.position ?? (resolved.commitPosition === undefined ? undefined : { commit: resolved.commitPosition, prepare: resolved.commitPosition });
        // Reads forwards include the position they start from: skip what the last page ended on.
        if (position && lastSeen && comparePositions(position, lastSeen) <= 0) continue;
        if (position) lastSeen = position;
        const e = this.toStored(resolved);
        // A multi-event commit can be re-delivered from its commit position: skip what the checkpoint covers.
        if (!e || (after !== null && e.position <= after)) continue;
        if (asOf !== undefined && e.metadata.recordedAt > asOf) continue;
        if (full) continue; // the rest of the page is read (never left half-consumed), not kept
        out.push(e);
        full = out.length >= limit;
      }
      if (full || received < want || !lastSeen) break;
      from = lastSeen;
    }
    return out;
  }

  async streamRevision(streamId: string): Promise<number | null> {
    let revision: number | null = null;
    try {
      for await (const resolved of this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        if (resolved.event) revision = Number(resolved.event.revision);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
    return revision;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const subscription: ResubscribingAllSubscription = new ResubscribingAllSubscription(
      this.client,
      { ...options, onError: (e) => (this.subscriptions.delete(subscription), options.onError?.(e)) },
      (r) => this.toStored(r),
      () => this.headPosition(),
      this.options.resubscribe,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * The position of our last event: backwards from the end, page after page, past however many
   * system, link and foreign events follow it; 0 only when the log holds none of ours.
   */
  async headPosition(): Promise<number> {
    let from: Position | null = null;
    for (;;) {
      let received = 0;
      let lastSeen: Position | null = null;
      let found: number | null = null;
      const read = this.client.readAll({ direction: BACKWARDS, fromPosition: from ?? END, maxCount: this.pageSize });
      for await (const resolved of read as AsyncIterable<AllStreamResolvedEvent>) {
        received++;
        if (found !== null) continue;
        found = this.toStored(resolved)?.position ?? null;
        lastSeen = resolved.event?.position ?? lastSeen;
      }
      if (found !== null) return found;
      // Reads backwards exclude the position they start from.
      if (received < this.pageSize || !lastSeen) return 0;
      from = lastSeen;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  /** Maps a server event back onto our envelope; system, link and foreign events are skipped. */
  toStored(resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent | null {
    const e = resolved.event;
    if (!e || e.type.startsWith('$') || !e.isJson) return null;
    const rawMeta = (e.metadata ?? {}) as Record<string, unknown>;
    const integrity = rawMeta[INTEGRITY_KEY] as Integrity | undefined;
    if (!integrity) return null;
    const { [INTEGRITY_KEY]: _omit, ...metadata } = rawMeta;
    const prepare = e.position?.prepare;
    if (prepare === undefined || prepare >= NO_POSITION) {
      throw new UnsupportedServerError(`event ${e.id} of ${e.streamId} came without its position (servers before 22.10 send none in stream reads)`);
    }
    return {
      id: e.id,
      streamId: e.streamId,
      revision: Number(e.revision),
      type: e.type,
      schemaVersion: integrity.schemaVersion,
      data: e.data,
      metadata: metadata as unknown as EventMetadata,
      prevHash: integrity.prevHash,
      ...(integrity.personal ? { personal: integrity.personal } : {}),
      position: Number(prepare),
      hash: integrity.hash,
    };
  }
}

/**
 * A $all catch-up subscription that survives dropped connections: on error, or when the server ends
 * the subscription, it waits (exponential backoff, capped), then resubscribes from the last position
 * it handed over. "Caught up" is measured, as `PollingSubscription` measures it, by comparing the
 * position its handler has reached with the log's head — not by the server's `caughtUp` message,
 * which the client raises while the events before it are still buffered, and which servers before
 * 23.10 never send.
 */
export class ResubscribingAllSubscription implements Subscription {
  private checkpoint: number | null;
  private stopped = false;
  private current: { unsubscribe(): Promise<void> } | null = null;
  private readonly done: Promise<void>;
  private waiters: Array<{ target: number; resolve: () => void; reject: (error: unknown) => void }> = [];
  /** The handler error that stopped it: later waits are refused with it, never left hanging. */
  private failure: SubscriptionFailedError | null = null;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeOptions,
    private readonly toStored: (r: AllStreamResolvedEvent) => StoredEvent | null,
    private readonly headPosition: () => Promise<number>,
    private readonly backoff: { initialMs?: number; maxMs?: number } = {},
  ) {
    this.checkpoint = options.checkpoint;
    this.done = this.run();
  }

  private async run(): Promise<void> {
    let delay = this.backoff.initialMs ?? 100;
    while (!this.stopped) {
      try {
        const fromPosition = this.checkpoint === null ? START : { commit: BigInt(this.checkpoint), prepare: BigInt(this.checkpoint) };
        const sub = this.client.subscribeToAll({ fromPosition, filter: excludeSystemEvents() });
        this.current = sub;
        for await (const resolved of sub) {
          if (this.stopped) break;
          const event = this.toStored(resolved);
          if (!event || (this.checkpoint !== null && event.position <= this.checkpoint)) continue;
          try {
            await this.options.handler(event);
          } catch (handlerError) {
            // A failing handler is not a connection problem: stop and report, do not spin.
            this.fail(handlerError);
            await sub.unsubscribe().catch(() => undefined);
            return;
          }
          this.checkpoint = event.position;
          this.release();
          delay = this.backoff.initialMs ?? 100;
        }
        // A subscription the server ended cleanly (a restart, a dropped subscriber) is a drop too.
        if (!this.stopped) throw new Error('the server ended the $all subscription');
      } catch (error) {
        if (this.stopped) break;
        // Never leave a subscription half-consumed (the client's dispose() would wait for it).
        await this.current?.unsubscribe().catch(() => undefined);
        this.options.onDrop?.(error);
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, this.backoff.maxMs ?? 10_000);
      }
    }
  }

  private fail(error: unknown): void {
    this.stopped = true;
    this.failure = new SubscriptionFailedError(error);
    this.waiters.splice(0).forEach((w) => w.reject(this.failure));
    this.options.onError?.(error);
  }

  private release(): void {
    const reached = this.checkpoint ?? 0;
    this.waiters = this.waiters.filter((w) => {
      if (reached < w.target) return true;
      w.resolve();
      return false;
    });
  }

  async caughtUp(position?: number): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.stopped) return;
    // The log as it is now; when its head cannot be read (the connection is down), the next event of ours.
    const target = position ?? (await this.headPosition().catch(() => (this.checkpoint ?? 0) + 1));
    if (this.failure) throw this.failure;
    if (this.stopped || (this.checkpoint ?? 0) >= target) return;
    await new Promise<void>((resolve, reject) => this.waiters.push({ target, resolve, reject }));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.current?.unsubscribe().catch(() => undefined);
    this.waiters.splice(0).forEach((w) => w.resolve());
    await this.done.catch(() => undefined);
  }
}
