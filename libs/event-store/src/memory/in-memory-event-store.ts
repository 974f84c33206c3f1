import { assertUniqueIds, checkExpectedRevision, resolveIdempotentRetry } from '../append-checks';
import type { AppendResult, ExpectedRevision, NewEvent, StoredEvent } from '../event-envelope';
import type { EventStore, LogAppend, LogAppends, ReadAllOptions, ReadStreamOptions, SubscribeOptions, Subscription } from '../event-store.port';
import { GENESIS_HASH, canonicalBody, sha256Hex, toEventBody } from '../hashing';
import { normaliseRecordedAt } from '../recorded-at';
import { PollingSubscription, trackedPollingSubscription } from '../polling-subscription';

/** For unit tests only: same contract as the durable adapters, nothing survives the process. */
export class InMemoryEventStore implements EventStore {
  readonly kind = 'in-memory' as const;
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly byId = new Map<string, StoredEvent>();
  private readonly subscriptions = new Set<PollingSubscription>();
  /** Appends that wrote something (D84). */
  commits = 0;

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    assertUniqueIds(events);
    const retry = resolveIdempotentRetry(streamId, events, (id) => this.byId.get(id));
    if (retry) {
      const stream = this.streams.get(streamId)!;
      return { nextRevision: stream[stream.length - 1].revision, positions: retry.map((r) => r.position), idempotentReplay: true, events: retry.map((r) => this.byId.get(r.id)!) };
    }
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length ? stream[stream.length - 1].revision : null;
    checkExpectedRevision(streamId, expected, current);
    let prevHash = stream.length ? stream[stream.length - 1].hash : GENESIS_HASH;
    let revision = current ?? -1;
    const positions: number[] = [];
    const appended: StoredEvent[] = [];
    for (const e of events) {
      revision += 1;
      const body = toEventBody({ ...e, metadata: normaliseRecordedAt(e.metadata) }, streamId, revision, prevHash);
      const raw = canonicalBody(body);
      const hash = sha256Hex(raw);
      const stored: StoredEvent = { ...JSON.parse(raw), position: this.log.length + 1, hash };
      this.log.push(stored);
      stream.push(stored);
      this.byId.set(stored.id, stored);
      positions.push(stored.position);
      appended.push(stored);
      prevHash = hash;
    }
    this.streams.set(streamId, stream);
    if (appended.length) this.commits++;
    for (const s of this.subscriptions) s.notify();
    return { nextRevision: revision, positions, idempotentReplay: false, events: appended };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const from = options.fromRevision ?? 0;
    return (this.streams.get(streamId) ?? [])
      .filter((e) => e.revision >= from && (options.asOf === undefined || e.metadata.recordedAt <= options.asOf))
      .slice(0, options.maxCount ?? Number.MAX_SAFE_INTEGER);
  }

  async headPosition(): Promise<number> {
    return this.log.length;
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? 0;
    const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
    const out: StoredEvent[] = [];
    for (let i = after; i < this.log.length && out.length < limit; i++) {
      const e = this.log[i];
      if (options.asOf === undefined || e.metadata.recordedAt <= options.asOf) out.push(e);
    }
    return out;
  }

  appendedAfter(after: number | null, limit: number): LogAppends {
    if (after === null) return { head: this.log.length, appended: [], complete: true };
    const appended = this.log.slice(after, after + limit).map((e): LogAppend => [e.position, e.streamId, e.revision, e.type]);
    return { head: appended.length ? appended[appended.length - 1][0] : after, appended, complete: appended.length < limit };
  }

  async streamRevision(streamId: string): Promise<number | null> {
    const stream = this.streams.get(streamId);
    return stream?.length ? stream[stream.length - 1].revision : null;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return trackedPollingSubscription(this.subscriptions, (after, limit) => this.readAll({ after, limit }), () => this.headPosition(), options, 50);
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
  }
}
