import { join } from 'node:path';
import { domainUpcasters } from '@asb/domain';
import { createCheckpointStore, createEventStore, UpcasterRegistry, UpcastingEventStore, type CheckpointStore, type EventStore } from '@asb/event-store';
import { createJobQueue, type JobQueue } from '@asb/jobs';
import {
  PostgresReadModelStore,
  ProjectionRunner,
  ReadModelStore,
  allProjections,
  sqliteProjectionStore,
  sqliteReadModels,
  type ParkedEvent,
  type ProjectionStore,
  type ReadModels,
} from '@asb/projections';
import type { LedgerConfig } from './config/ledger-config';
import { systemClock, type Clock } from './clock/clock';
import { describeParked } from './subscribers/describe-parked';
import { SubscriberLeadership } from './replicas/subscriber-leadership';
import type { Reactor } from './subscribers/reactor';

/**
 * The adapters a process of the ledger runs on, chosen from the configuration in one place: the log
 * (SQLite, PostgreSQL or EventStoreDB) and the view of it the current code reads, the read-model store
 * (the embedded file or PostgreSQL) behind the ProjectionStore and ReadModels ports, the job queue, the
 * checkpoint store, the clock and — on PostgreSQL — the election of the one process that runs the
 * subscribers. It builds no service: LedgerModule binds these to DI tokens and Nest builds the area
 * providers from them (D62). It stays a plain class because its choices depend on each other (one
 * PostgreSQL store serves both read-model ports; the checkpoints live beside the log) and it owns the
 * order in which they close.
 */
export class LedgerRuntime {
  /** The log as written: integrity checks, seals and bundles work on these bytes. */
  readonly log: EventStore;
  /** The log as the current code reads it (upcast to current schema versions): everything else. */
  readonly store: EventStore;
  readonly upcasters: UpcasterRegistry;
  /** The embedded read-model file (DATA_DIR/readmodels.db); none with DATABASE_URL, where they live in PostgreSQL. */
  private readonly embedded: ReadModelStore | null;
  private readonly pgReadModels: PostgresReadModelStore | null;
  /** Where the subscribers write: PostgreSQL with DATABASE_URL, else the embedded file (D56). */
  readonly projectionStore: ProjectionStore;
  /** What queries read (the ReadModels port), from the same store. */
  readonly queries: ReadModels;
  /** Keeps every read model of `allProjections` current in `projectionStore`. */
  readonly projections: ProjectionRunner;
  readonly jobs: JobQueue;
  /** Signed checkpoints, beside the log and never in it: tables of events.db or of PostgreSQL, a file of their own for EventStoreDB. */
  readonly checkpoints: CheckpointStore;

  constructor(
    readonly config: LedgerConfig,
    readonly clock: Clock = systemClock,
    /** `writerThread`: the embedded store commits on a thread of its own (the API process, D66). */
    options: Readonly<{ writerThread?: boolean }> = {},
  ) {
    this.log = createEventStore({ dataDir: config.dataDir, eventStoreUrl: config.eventStoreUrl, databaseUrl: config.databaseUrl, mustExist: config.openExistingOnly, writerThread: options.writerThread, sharedReads: config.subscriberBatches });
    this.upcasters = new UpcasterRegistry(domainUpcasters);
    this.store = new UpcastingEventStore(this.log, this.upcasters);
    this.pgReadModels = config.databaseUrl ? new PostgresReadModelStore({ connectionString: config.databaseUrl, createTables: !config.openExistingOnly }) : null;
    this.embedded = this.pgReadModels ? null : new ReadModelStore(join(config.dataDir, 'readmodels.db'));
    this.projectionStore = this.pgReadModels ?? sqliteProjectionStore(this.embedded!);
    this.queries = this.pgReadModels ?? sqliteReadModels(this.embedded!);
    this.jobs = createJobQueue({ redisUrl: config.redisUrl, dataDir: config.dataDir });
    if (this.embedded) this.embedded.failures.onRecorded = (failure) => this.onSubscriberFailure(failure);
    if (this.pgReadModels) this.pgReadModels.onRecorded = (failure) => this.onSubscriberFailure(failure);
    this.projections = new ProjectionRunner(this.store, this.projectionStore, allProjections, (name, e) => this.onSubscriberError(name, e), { oneTransaction: config.subscriberBatches });
    this.checkpoints = createCheckpointStore(config, this.log);
  }

  /**
   * With DATABASE_URL, every process that could keep the read models current is a candidate and the
   * one holding the advisory lock runs the projections and these reactors (D56); elsewhere there is
   * nothing to elect and the process runs what its options say.
   */
  election(reactors: readonly Reactor[]): SubscriberLeadership | null {
    if (!this.pgReadModels) return null;
    return new SubscriberLeadership({
      databaseUrl: this.config.databaseUrl!,
      store: this.store,
      readModels: this.pgReadModels,
      projections: this.projections,
      projectionNames: allProjections.map((p) => p.name),
      reactors,
      retryMs: this.config.leaderRetryMs,
    });
  }

  /**
   * A subscription that stopped (parking itself failed) or a parked event that could not be retried.
   * Logged by whoever owns the process (Nest's logger in the api and worker).
   */
  onSubscriberError: (subscriber: string, error: unknown) => void = (subscriber, error) => console.error(subscriber, error);

  /** An event a projection or reactor set aside (after it was recorded): logged at error level by the owner. */
  onSubscriberFailure: (failure: ParkedEvent) => void = (failure) => console.error(describeParked(failure));

  /** Closes the adapters; the subscribers (Subscribers.stop) have stopped before. */
  async close(): Promise<void> {
    await this.projections.stop();
    await this.jobs.close();
    await this.store.close();
    await this.checkpoints.close();
    this.embedded?.close();
    await this.pgReadModels?.close();
  }
}
