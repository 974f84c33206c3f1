import type { AppendResult, ExpectedRevision, NewEvent, StoredEvent } from '../event-envelope';
import type { EventStore, ReadAllOptions, ReadStreamOptions, SubscribeOptions, Subscription } from '../event-store.port';
import type { UpcasterRegistry } from './upcaster-registry';

/**
 * The log as the current code reads it: every read and every subscription delivers events
 * upcast to their current schema version, so deciders, projections, reactors and the audit all
 * see one shape. Integrity checks and bundles use the store underneath (the bytes as written).
 */
export class UpcastingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    readonly upcasters: UpcasterRegistry,
  ) {}

  get kind(): EventStore['kind'] {
    return this.inner.kind;
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const result = await this.inner.append(streamId, events, expected);
    // A retry answers with the events stored the first time, which may be of an older shape.
    return { ...result, events: result.events.map((e) => this.upcasters.upcast(e)) };
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    return (await this.inner.readStream(streamId, options)).map((e) => this.upcasters.upcast(e));
  }

  async readAll(options?: ReadAllOptions): Promise<StoredEvent[]> {
    return (await this.inner.readAll(options)).map((e) => this.upcasters.upcast(e));
  }

  streamRevision(streamId: string): Promise<number | null> {
    return this.inner.streamRevision(streamId);
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const { handleBatch } = options;
    return this.inner.subscribeToAll({
      ...options,
      handler: (event) => options.handler(this.upcasters.upcast(event)),
      handleBatch: handleBatch && ((events) => handleBatch(events.map((event) => this.upcasters.upcast(event)))),
    });
  }

  readonly checkStorage = this.inner.checkStorage ? () => this.inner.checkStorage!() : undefined;

  close(): Promise<void> {
    return this.inner.close();
  }
}
