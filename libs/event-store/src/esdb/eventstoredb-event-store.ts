import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type JSONType,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { IdempotencyConflictError, WrongExpectedRevisionError } from '../errors';
import type { AppendResult, EventMetadata, ExpectedRevision, NewEvent, StoredEvent } from '../event-envelope';
import type { EventStore, ReadAllOptions, ReadStreamOptions, SubscribeOptions, Subscription } from '../event-store.port';
import { GENESIS_HASH, canonicalBody, sha256Hex, toEventBody } from '../hashing';
import { normaliseRecordedAt } from '../recorded-at';
import { assertUniqueIds, checkExpectedRevision } from '../append-checks';
import { SubscriptionFailedError } from '../polling-subscription';

/** Our envelope fields that EventStoreDB has no place for ride in the metadata under this key. */
const INTEGRITY_KEY = '$asb';

type Integrity = { revision: number; schemaVersion: number; prevHash: string; hash: string; personal?: NewEvent['personal'] };

export type EventStoreDbOptions = Readonly<{
  connectionString: string;
  /** Backoff for resubscribing after a dropped connection. */
  resubscribe?: { initialMs?: number; maxMs?: number };
  /** Retries of an `any` append that lost a race for the stream's tail hash. */
  appendRetries?: number;
}>;

/**
 * EventStoreDB through its gRPC client. Expected revisions, event ids (server-side idempotency),
 * JSON metadata and $all catch-up subscriptions map onto the server's own features. The hash chain
 * is per stream (read the tail, append with that exact revision), so appends to different streams
 * never wait for one another. Global positions are the server's prepare positions.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<Subscription>();

  constructor(private readonly options: EventStoreDbOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    assertUniqueIds(events);
    const attempts = expected === 'any' ? (this.options.appendRetries ?? 5) : 1;
    for (let attempt = 1; ; attempt++) {
      const tail = await this.readTail(streamId, events.length);
      const replay = this.idempotentReplay(streamId, events, tail);
      if (replay) return replay;
      const last = tail.length ? tail[tail.length - 1] : null;
      const current = last ? last.revision : null;
      checkExpectedRevision(streamId, expected, current);
      let prevHash = last ? last.hash : GENESIS_HASH;
      let revision = current ?? -1;
      const data = events.map((e) => {
        revision += 1;
        const metadata = normaliseRecordedAt(e.metadata);
        const body = toEventBody({ ...e, metadata }, streamId, revision, prevHash);
        const hash = sha256Hex(canonicalBody(body));
        const integrity: Integrity = { revision, schemaVersion: e.schemaVersion, prevHash, hash, ...(e.personal ? { personal: e.personal } : {}) };
        prevHash = hash;
        return jsonEvent({
          id: e.id,
          type: e.type,
          data: e.data as JSONType,
          metadata: { ...metadata, [INTEGRITY_KEY]: integrity } as unknown as JSONType,
        });
      });
      const expectedRevision: AppendExpectedRevision = current === null ? NO_STREAM : BigInt(current);
      try {
        const result = await this.client.appendToStream(streamId, data, { expectedRevision });
        const position = Number(result.position?.prepare ?? 0n);
        return { nextRevision: Number(result.nextExpectedRevision), positions: events.map(() => position), idempotentReplay: false };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          if (attempt < attempts) continue;
          throw new WrongExpectedRevisionError(streamId, String(expected), Number(error.actualVersion ?? -1));
        }
        throw error;
      }
    }
  }

  private idempotentReplay(streamId: string, events: readonly NewEvent[], tail: StoredEvent[]): AppendResult | null {
    const ids = new Map(tail.map((e) => [e.id, e]));
    const found = events.map((e) => ids.get(e.id));
    if (found.every((f) => f === undefined)) return null;
    if (found.some((f) => f === undefined)) {
      throw new IdempotencyConflictError(events[0].id, 'part of this batch was already appended; a retry must resend the same batch');
    }
    return {
      nextRevision: tail[tail.length - 1].revision,
      positions: (found as StoredEvent[]).map((f) => f.position),
      idempotentReplay: true,
    };
  }

  private async readTail(streamId: string, count: number): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: count })) {
        const e = this.toStored(resolved);
        if (e) out.unshift(e);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    try {
      const fromRevision = options.fromRevision ? BigInt(options.fromRevision) : START;
      const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
      // The server can cap the count only when no as-of filter drops events on this side.
      const read = this.client.readStream(streamId, { direction: FORWARDS, fromRevision, ...(options.asOf === undefined && options.maxCount !== undefined ? { maxCount: options.maxCount } : {}) });
      for await (const resolved of read) {
        const e = this.toStored(resolved);
        if (e && (options.asOf === undefined || e.metadata.recordedAt <= new Date(options.asOf).toISOString())) out.push(e);
        if (out.length >= max) break;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? null;
    const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
    const asOf = options.asOf === undefined ? undefined : new Date(options.asOf).toISOString();
    const out: StoredEvent[] = [];
    const fromPosition = after === null ? START : { commit: BigInt(after), prepare: BigInt(after) };
    const read = this.client.readAll({ direction: FORWARDS, fromPosition, maxCount: BigInt(limit) + 16n });
    for await (const resolved of read) {
      const e = this.toStored(resolved);
      // A multi-event commit can be re-delivered from its commit position: skip what the checkpoint covers.
      if (!e || (after !== null && e.position <= after)) continue;
      if (asOf !== undefined && e.metadata.recordedAt > asOf) continue;
      out.push(e);
      if (out.length >= limit) break;
    }
    return out;
  }

  async streamRevision(streamId: string): Promise<number | null> {
    const tail = await this.readTail(streamId, 1);
    return tail.length ? tail[0].revision : null;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const subscription = new ResubscribingAllSubscription(this.client, options, (r) => this.toStored(r), this.options.resubscribe);
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 64 })) {
      const e = this.toStored(resolved);
      if (e) return e.position;
    }
    return 0;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  /** Maps a server event back onto our envelope; system and foreign events are skipped. */
  toStored(resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent | null {
    const e = resolved.event;
    if (!e || e.type.startsWith('$') || !e.isJson) return null;
    const rawMeta = (e.metadata ?? {}) as Record<string, unknown>;
    const integrity = rawMeta[INTEGRITY_KEY] as Integrity | undefined;
    if (!integrity) return null;
    const { [INTEGRITY_KEY]: _omit, ...metadata } = rawMeta;
    const position = Number((resolved as AllStreamResolvedEvent).event?.position?.prepare ?? e.position?.prepare ?? 0n);
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
      position,
      hash: integrity.hash,
    };
  }
}

/**
 * A $all catch-up subscription that survives dropped connections: on error it waits (exponential
 * backoff, capped), then resubscribes from the last position it handed over.
 */
export class ResubscribingAllSubscription implements Subscription {
  private checkpoint: number | null;
  private stopped = false;
  private current: { unsubscribe(): Promise<void> } | null = null;
  private readonly done: Promise<void>;
  private caughtUpWaiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private isCaughtUp = false;
  /** The handler error that stopped it: later waits are refused with it, never left hanging. */
  private failure: SubscriptionFailedError | null = null;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeOptions,
    private readonly toStored: (r: AllStreamResolvedEvent) => StoredEvent | null,
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
        sub.on('caughtUp', () => {
          this.isCaughtUp = true;
          this.caughtUpWaiters.splice(0).forEach((w) => w.resolve());
        });
        sub.on('fellBehind', () => (this.isCaughtUp = false));
        for await (const resolved of sub) {
          if (this.stopped) break;
          const event = this.toStored(resolved);
          if (!event || (this.checkpoint !== null && event.position <= this.checkpoint)) continue;
          try {
            await this.options.handler(event);
          } catch (handlerError) {
            // A failing handler is not a connection problem: stop and report, do not spin.
            this.stopped = true;
            this.failure = new SubscriptionFailedError(handlerError);
            this.caughtUpWaiters.splice(0).forEach((w) => w.reject(this.failure));
            await sub.unsubscribe().catch(() => undefined);
            this.options.onError?.(handlerError);
            break;
          }
          this.checkpoint = event.position;
          delay = this.backoff.initialMs ?? 100;
        }
      } catch (error) {
        if (this.stopped) break;
        this.options.onDrop?.(error);
        this.isCaughtUp = false;
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, this.backoff.maxMs ?? 10_000);
      }
    }
  }

  caughtUp(position?: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.stopped || this.isCaughtUp) return Promise.resolve();
    if (position !== undefined && this.checkpoint !== null && this.checkpoint >= position) return Promise.resolve();
    return new Promise((resolve, reject) => this.caughtUpWaiters.push({ resolve, reject }));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.current?.unsubscribe().catch(() => undefined);
    this.caughtUpWaiters.splice(0).forEach((w) => w.resolve());
    await this.done.catch(() => undefined);
  }
}
