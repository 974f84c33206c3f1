import type { EventStore, StoredEvent, Subscription } from '@asb/event-store';
import { attempt, describeError, parkedEvent, ReadModelStore, sqliteProjectionStore, SUBSCRIBER_RETRIES, type ProjectionStore, type RetryPolicy, type SubscriberState } from '@asb/projections';

/**
 * How a reactor takes a delivered batch (D72): `batch` acts on it whole (the checks reactor: each
 * farm-year once); without it, the events one by one. `batches: false` (SUBSCRIBER_BATCHES=off) gives
 * the path before D72, a checkpoint write per event, for comparison.
 */
export type ReactorOptions = Readonly<{ batches?: boolean; batch?: (events: readonly StoredEvent[]) => Promise<void> }>;

/**
 * A checkpointed subscriber that acts on events (writes new events) instead of keeping a read
 * model. Its handler must be idempotent: the checkpoint moves after the handler has written.
 * A store that delivers in batches gets one checkpoint write per batch, after all of it was acted on
 * (a crash before it redelivers the batch; idempotent handlers write nothing twice).
 *
 * No event stops it: a transient failure (a concurrent writer on the same stream, a busy file) is
 * retried with backoff; an event that still fails is parked for this reactor — recorded with the
 * checkpoint move in one transaction — and the reactor goes on with the next. Each start retries
 * the events parked so far once (a fix deployed since may let them through), then subscribes.
 */
export class Reactor {
  private subscription: Subscription | null = null;
  private ready: Promise<void> | null = null;
  private failure: string | null = null;
  private readonly readModels: ProjectionStore;

  constructor(
    readonly name: string,
    private readonly store: EventStore,
    readModels: ReadModelStore | ProjectionStore,
    private readonly handler: (event: StoredEvent) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly retries: RetryPolicy = SUBSCRIBER_RETRIES,
    private readonly options: ReactorOptions = {},
  ) {
    this.readModels = readModels instanceof ReadModelStore ? sqliteProjectionStore(readModels) : readModels;
  }

  start(): void {
    this.failure = null;
    this.ready = this.retryParked()
      .then(async () => this.subscribe((await this.readModels.checkpoint(this.name))?.position ?? null))
      .catch((error) => {
        // The read-model file could not even be read: reported, shown as failed, and waits are refused.
        this.failure = describeError(error);
        this.onError(error);
      });
  }

  private subscribe(checkpoint: number | null): void {
    this.subscription = this.store.subscribeToAll({
      checkpoint,
      handler: async (event) => {
        if (await this.actOn(event)) await this.readModels.advanceCheckpoint(this.name, event.position);
      },
      handleBatch: this.options.batches === false ? undefined : (events) => this.actOnBatch(events),
      // Only when parking itself failed (the read-model file is unusable): reported, and waits are refused.
      onError: (error) => {
        this.failure = describeError(error);
        this.onError(error);
      },
    });
  }

  /** Acts on one event, or parks it (the checkpoint moves past it with the record); true when acted on. */
  private async actOn(event: StoredEvent): Promise<boolean> {
    const done = await attempt(() => this.handler(event), this.retries);
    if (!done.ok) await this.readModels.park(parkedEvent(this.name, event, done.error, done.attempts));
    return done.ok;
  }

  /**
   * A delivered batch: acted on whole when the reactor can (retried as a whole: its handler is
   * idempotent), else — or when the whole still fails — event by event, so that only the event that
   * fails is parked. Then the checkpoint moves once, to the batch's end.
   */
  private async actOnBatch(events: readonly StoredEvent[]): Promise<void> {
    const batch = this.options.batch;
    const whole = batch && events.length > 1 ? await attempt(() => batch(events), this.retries) : null;
    if (!whole?.ok) for (const event of events) await this.actOn(event);
    await this.readModels.advanceCheckpoint(this.name, events[events.length - 1].position, events.length);
  }

  /** One more try for each event parked by earlier runs, oldest first; what fails again stays parked. */
  private async retryParked(): Promise<void> {
    for (const parked of await this.readModels.parked(this.name)) {
      try {
        const [event] = await this.store.readStream(parked.streamId, { fromRevision: parked.revision, maxCount: 1 });
        if (!event || event.id !== parked.eventId) throw new Error(`parked event ${parked.eventId} is not at ${parked.streamId}@${parked.revision}`);
        const done = await attempt(() => this.handler(event), this.retries);
        if (done.ok) await this.readModels.resolve(this.name, parked.position);
        else await this.readModels.park(parkedEvent(this.name, event, done.error, done.attempts));
      } catch (error) {
        this.onError(error);
      }
    }
  }

  /** Resolves once this reactor has acted on everything up to `position` (default: the log now). */
  async caughtUp(position?: number): Promise<void> {
    await this.ready;
    if (!this.subscription && this.failure) throw new Error(`${this.name} did not start: ${this.failure}`);
    await this.subscription?.caughtUp(position);
  }

  state(): SubscriberState | null {
    if (!this.ready) return null;
    return { name: this.name, kind: 'reactor', state: this.failure === null ? 'running' : 'failed', error: this.failure };
  }

  async stop(): Promise<void> {
    await this.ready?.catch(() => undefined);
    await this.subscription?.stop();
    this.subscription = null;
    this.ready = null;
  }
}
