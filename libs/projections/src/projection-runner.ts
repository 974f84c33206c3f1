import { readAllInBatches, type EventStore, type Subscription } from '@asb/event-store';
import type { Projection } from './projection';
import type { ReadModelStore } from './read-model-store';

export type ReplayReport = Readonly<{
  eventsRead: number;
  projections: Array<{ name: string; eventsApplied: number; documents: number; digest: string }>;
  millis: number;
}>;

/**
 * Keeps projections current (one checkpointed subscription each) and rebuilds them from zero.
 * A projection whose version changed since its checkpoint is rebuilt before it subscribes.
 */
export class ProjectionRunner {
  private subscriptions: Subscription[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly projections: readonly Projection<any>[],
    private readonly onError: (projection: string, error: unknown) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    for (const projection of this.projections) {
      const checkpoint = this.readModels.checkpoint(projection.name);
      if (checkpoint && checkpoint.version !== projection.version) this.readModels.reset(projection.name);
    }
    await this.catchUpInBatches();
    for (const projection of this.projections) {
      const from = this.readModels.checkpoint(projection.name)?.position ?? null;
      this.subscriptions.push(
        this.store.subscribeToAll({
          checkpoint: from,
          handler: (event) => void this.readModels.applyBatch(projection, [event]),
          onError: (error) => this.onError(projection.name, error),
        }),
      );
    }
  }

  /**
   * Before subscribing, catch up from the oldest checkpoint in batches (one transaction per batch
   * and projection instead of one per event): a start on a large log is a rebuild, not a crawl.
   */
  private async catchUpInBatches(batchSize = 20_000): Promise<void> {
    const positions = this.projections.map((p) => this.readModels.checkpoint(p.name)?.position ?? 0);
    if (!positions.length) return;
    for await (const batch of readAllInBatches(this.store, { after: Math.min(...positions), batchSize })) {
      for (const p of this.projections) this.readModels.applyBatch(p, batch);
    }
  }

  /** Resolves when every projection has caught up with the log as it is now. */
  async caughtUp(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.caughtUp()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.stop()));
    this.subscriptions = [];
  }

  /** Drops every read model and folds the whole log again, in batches, one transaction per batch. */
  async rebuild(options: { batchSize?: number } = {}): Promise<ReplayReport> {
    const started = Date.now();
    for (const p of this.projections) this.readModels.reset(p.name);
    // After the reset every document is new unless this rebuild wrote it: no reads for the rest.
    const written = new Map(this.projections.map((p) => [p.name, new Set<string>()]));
    let eventsRead = 0;
    for await (const batch of readAllInBatches(this.store, { batchSize: options.batchSize ?? 5000 })) {
      eventsRead += batch.length;
      // One commit per batch for all projections (each projection's own transaction nests as a savepoint).
      this.readModels.db.transaction(() => {
        for (const p of this.projections) this.readModels.applyBatch(p, batch, written.get(p.name));
      })();
    }
    return {
      eventsRead,
      projections: this.projections.map((p) => ({
        name: p.name,
        eventsApplied: this.readModels.checkpoint(p.name)?.eventsApplied ?? 0,
        documents: this.readModels.count(p.name),
        digest: this.readModels.digest(p.name),
      })),
      millis: Date.now() - started,
    };
  }
}
