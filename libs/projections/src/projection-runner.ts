import type { EventStore, StoredEvent, Subscription } from '@asb/event-store';
import type { Projection } from './projection';
import { ReadModelStore, sqliteProjectionStore } from './read-model-store';
import type { ProjectionStore } from './projection-store';
import { foldLog } from './rebuild/fold-log';
import { describeError, parkedEvent } from './failures/subscriber-failures';
import { attempt } from './failures/retry';
import type { SubscriberState } from './failures/subscriber-state';

/** 1,000 events per read (parsed events die young), 50,000 per write transaction: measured, see D29. */
const BATCHES = { batchSize: 1000, commitEvery: 50_000 } as const;

export type ReplayReport = Readonly<{
  eventsRead: number;
  /** `parked`: events the projection could not fold, set aside as the live runner sets them aside. */
  projections: Array<{ name: string; eventsApplied: number; documents: number; parked: number; digest: string | null }>;
  /** The rebuild itself; digests are computed after. */
  millis: number;
}>;

/**
 * Keeps projections current (one subscription for all, each projection with its own checkpoint) and
 * rebuilds them from zero.
 * A projection whose version changed since its checkpoint is rebuilt before it subscribes.
 * An event a projection cannot fold is parked for that projection (ReadModelStore.failures) and
 * the projection goes on: no event stops a read model, live, on catch-up or in a rebuild.
 */
export class ProjectionRunner {
  private subscription: Subscription | null = null;
  /** Projections that stopped on an error (parking itself failed), with the reason. */
  private readonly failed = new Map<string, string>();
  /** The read models, embedded or on PostgreSQL, through the writer's port. */
  readonly readModels: ProjectionStore;

  constructor(
    private readonly store: EventStore,
    readModels: ReadModelStore | ProjectionStore,
    private readonly projections: readonly Projection<any>[],
    private readonly onError: (projection: string, error: unknown) => void = () => undefined,
    /** One transaction per delivered batch for all projections where the store can (D72; SUBSCRIBER_BATCHES=off: one each). */
    private readonly options: Readonly<{ oneTransaction?: boolean }> = {},
  ) {
    this.readModels = readModels instanceof ReadModelStore ? sqliteProjectionStore(readModels) : readModels;
  }

  async start(): Promise<void> {
    await this.readModels.dropRetired(this.projections.map((p) => p.name));
    for (const projection of this.projections) {
      const checkpoint = await this.readModels.checkpoint(projection.name);
      if (checkpoint && checkpoint.version !== projection.version) await this.readModels.reset(projection.name);
    }
    await this.catchUpInBatches();
    if (!this.projections.length) return;
    // One subscription for every projection: the log is read once per delivery, not once per projection,
    // and each projection skips what its own checkpoint already covers.
    const checkpoints = await Promise.all(this.projections.map((p) => this.readModels.checkpoint(p.name)));
    const from = checkpoints.some((c) => !c) ? null : Math.min(...checkpoints.map((c) => c!.position));
    this.subscription = this.store.subscribeToAll({
      checkpoint: from,
      // Stores that read in batches hand them over whole: one transaction per batch and projection.
      handleBatch: (events) => this.deliver(events),
      handler: (event) => this.deliver([event]),
      onError: (error) => {
        for (const projection of this.projections) this.stopped(projection.name, error);
      },
    });
  }

  private async deliver(events: readonly StoredEvent[]): Promise<void> {
    const running = this.projections.filter((p) => !this.failed.has(p.name));
    const together = this.options.oneTransaction !== false && this.readModels.applyBatches;
    // All in one transaction; when that fails (a busy store after its retries, a document that cannot be
    // written), projection by projection as before, so that a failure stays with its projection.
    if (together && running.length > 1 && (await attempt(() => together.call(this.readModels, running, events))).ok) return;
    await Promise.all(running.map((projection) => this.deliverTo(projection, events)));
  }

  /**
   * Events to one projection. Evolve failures are parked inside the batch; what reaches here failed to
   * commit: a busy store is retried, and a batch that still fails is applied event by event, so that
   * only the event that cannot be written (a document JSON cannot hold) is parked. Only when parking
   * itself fails does this projection stop (the others go on).
   */
  private async deliverTo(projection: Projection<any>, events: readonly StoredEvent[]): Promise<void> {
    if (this.failed.has(projection.name)) return;
    try {
      const done = await attempt(() => this.readModels.applyBatch(projection, events));
      if (done.ok) return;
      if (events.length > 1) {
        for (const event of events) await this.deliverTo(projection, [event]);
        return;
      }
      await this.readModels.park(parkedEvent(projection.name, events[0], done.error, done.attempts), projection.version);
    } catch (error) {
      this.stopped(projection.name, error);
    }
  }

  private stopped(name: string, error: unknown): void {
    if (this.failed.has(name)) return;
    this.failed.set(name, describeError(error));
    this.onError(name, error);
  }

  /**
   * Before subscribing, catch up from the oldest checkpoint the way a rebuild reads (small reads,
   * large writes): a start on a large log is a rebuild, not a crawl.
   */
  private async catchUpInBatches(): Promise<void> {
    if (!this.projections.length) return;
    const checkpoints = await Promise.all(this.projections.map((p) => this.readModels.checkpoint(p.name)));
    const after = Math.min(...checkpoints.map((c) => c?.position ?? 0));
    await foldLog(this.store, await this.readModels.foldSession(this.projections, { fromZero: false }), { after, upTo: await this.store.headPosition(), ...BATCHES });
  }

  /**
   * Resolves when every projection has caught up with `position` (default: the log as it is now);
   * rejects when a projection's subscription has stopped on an error.
   */
  async caughtUp(position?: number): Promise<void> {
    await this.subscription?.caughtUp(position);
    const stopped = [...this.failed].map(([name, error]) => `${name}: ${error}`);
    if (stopped.length) throw new Error(`projections stopped: ${stopped.join('; ')}`);
  }

  /** The projections this runner keeps current (none before `start`). */
  states(): SubscriberState[] {
    if (!this.subscription) return [];
    return this.projections.map((p) => {
      const error = this.failed.get(p.name) ?? null;
      return { name: p.name, kind: 'projection', state: error === null ? 'running' : 'failed', error };
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
    this.failed.clear();
  }

  /**
   * Drops every read model and folds the whole log again, up to the head as it is when the rebuild
   * starts (appends made meanwhile are caught up live later). Reads in small batches and commits
   * every `commitEvery` events: documents, then checkpoints, in one transaction.
   */
  async rebuild(options: RebuildOptions = {}): Promise<ReplayReport> {
    const started = Date.now();
    const fold = { upTo: await this.store.headPosition(), batchSize: options.batchSize ?? BATCHES.batchSize, commitEvery: options.commitEvery ?? BATCHES.commitEvery };
    const eventsRead = await foldLog(this.store, await this.readModels.foldSession(this.projections, { fromZero: true }), fold);
    const millis = Date.now() - started;
    const parked = await this.readModels.parkedCounts();
    const projections: ReplayReport['projections'] = [];
    for (const p of this.projections) {
      projections.push({
        name: p.name,
        eventsApplied: (await this.readModels.checkpoint(p.name))?.eventsApplied ?? 0,
        documents: await this.readModels.count(p.name),
        parked: parked[p.name] ?? 0,
        digest: options.digest === false ? null : await this.readModels.digest(p.name),
      });
    }
    return { eventsRead, projections, millis };
  }
}

export type RebuildOptions = Readonly<{
  batchSize?: number;
  commitEvery?: number;
  /** Digest every projection's documents to compare with live ones (default); computed after the timed rebuild. */
  digest?: boolean;
}>;
