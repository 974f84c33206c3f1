import type { AppendResult, ExpectedRevision, NewEvent, StoredEvent } from './event-envelope';

/** DI token for the event store port. */
export const EVENT_STORE = Symbol('EVENT_STORE');

export type ReadStreamOptions = Readonly<{
  /** First revision to return (inclusive). */
  fromRevision?: number;
  /** Only events recorded at or before this ISO instant: what was known then. */
  asOf?: string;
}>;

export type ReadAllOptions = Readonly<{
  /** Return events after this global position (exclusive); null/undefined = from the start. */
  after?: number | null;
  limit?: number;
  asOf?: string;
}>;

export type EventHandler = (event: StoredEvent) => Promise<void> | void;

export type SubscribeOptions = Readonly<{
  /** Last position already processed (exclusive start); null = from the start. */
  checkpoint: number | null;
  handler: EventHandler;
  /** Called when the subscription gives up or a handler throws. */
  onError?: (error: unknown) => void;
  /** Called when the connection dropped and the subscription is about to resubscribe. */
  onDrop?: (error: unknown) => void;
}>;

export interface Subscription {
  /** Resolves when the subscription has caught up with the log as it was when called. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

export interface EventStore {
  readonly kind: 'embedded' | 'in-memory' | 'eventstoredb';
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** One batch of the global log in position order. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** Revision of the last event, or null when the stream does not exist. */
  streamRevision(streamId: string): Promise<number | null>;
  subscribeToAll(options: SubscribeOptions): Subscription;
  close(): Promise<void>;
}

/** Iterate the whole global log in batches. */
export async function* readAllInBatches(
  store: EventStore,
  options: { after?: number | null; asOf?: string; batchSize?: number } = {},
): AsyncGenerator<StoredEvent[]> {
  let after = options.after ?? null;
  const limit = options.batchSize ?? 5000;
  for (;;) {
    const batch = await store.readAll({ after, limit, asOf: options.asOf });
    if (batch.length === 0) return;
    yield batch;
    after = batch[batch.length - 1].position;
    if (batch.length < limit) return;
  }
}
