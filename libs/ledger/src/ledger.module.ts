import { Global, Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, SqliteEventStore, type StoredEvent } from '@asb/event-store';
import { JOB_QUEUE } from '@asb/jobs';
import { PROJECTION_STORE, READ_MODELS } from '@asb/projections';
import { CLOCK, type Clock } from './clock/clock';
import { CommandService } from './command-handling/command-service';
import { LogWatch } from './command-handling/log-watch';
import { LEDGER_CONFIG, type LedgerConfig } from './config/ledger-config';
import { IntegrityService } from './integrity/integrity.service';
import { LedgerRuntime } from './ledger-runtime';
import { describeParked } from './subscribers/describe-parked';
import { PROJECTIONS, UPCAST_EVENT_STORE, UPCASTERS } from './ledger.tokens';
import type { SubscriberLeadership } from './replicas/subscriber-leadership';
import { registerJobHandlers } from './jobs/register-job-handlers';
import { NormSetService } from './norms/norm-set.service';
import { NormSetsModule } from './norms/norm-sets.module';
import { SubsidyService } from './subsidy/subsidy.service';
import { SubsidyModule } from './subsidy/subsidy.module';
import { WhatIfService } from './whatif/what-if.service';
import { WhatIfModule } from './whatif/whatif.module';
import { CheckRunner } from './checks/check-runner';
import { ChecksModule } from './checks/checks.module';
import { AmendmentReactor } from './amendments/amendment-reactor';
import { AmendmentsModule } from './amendments/amendments.module';
import { CaughtUp, SubscriberStatusReader } from './subscribers/caught-up';
import { ChecksProgress } from './checks/checks-progress';
import { Reactor } from './subscribers/reactor';
import { Subscribers } from './subscribers/subscribers';
import { SubscriberThread } from './subscribers/subscriber-thread';

export type LedgerModuleOptions = Readonly<{
  config: LedgerConfig;
  clock?: Clock;
  /** Run job handlers in this process (the embedded default, or the worker). */
  processJobs: boolean;
  /** Keep read models current in this process (every process that answers queries). */
  runProjections: boolean;
  /** Sign a checkpoint every config.checkpointIntervalSeconds when the log grew (the name is from the seals before). */
  scheduleSeals: boolean;
  /** Run the reactors here even without jobs (the subscriber thread, D66); by default they run where jobs do. */
  runReactors?: boolean;
  /**
   * The embedded store: projections and reactors on a thread of their own instead of this one (D66).
   * Ignored on PostgreSQL and EventStoreDB, and where this process does not run them.
   */
  subscribersThread?: boolean;
  /** The embedded store: commit appends on a thread of their own, so an fsync does not stop this one (D66). */
  writerThread?: boolean;
}>;

const LEDGER_OPTIONS = Symbol('LEDGER_OPTIONS');

@Injectable()
export class LedgerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Ledger');
  private sealTimer: NodeJS.Timeout | null = null;
  /** The what-if's inputs loading in the background (D71): a shutdown waits for it rather than closing the store under it. */
  private warming: Promise<void> | null = null;

  constructor(
    private readonly runtime: LedgerRuntime,
    @Inject(LEDGER_OPTIONS) private readonly options: LedgerModuleOptions,
    private readonly subscribers: Subscribers,
    private readonly normSets: NormSetService,
    private readonly integrity: IntegrityService,
    private readonly whatIf: WhatIfService,
  ) {
    registerJobHandlers({ jobs: runtime.jobs, integrity, caughtUp: () => subscribers.caughtUp(), whatIf });
  }

  async onApplicationBootstrap(): Promise<void> {
    const { runtime, options, subscribers } = this;
    // A command-line tool runs neither: it opens, reads and starts what it needs itself.
    if (!options.runProjections && !options.processJobs) return;
    this.logger.log(`event store: ${runtime.store.kind}; jobs: ${runtime.jobs.kind}; data dir: ${runtime.config.dataDir}`);
    runtime.onSubscriberError = (subscriber, error) => this.logger.error(`${subscriber}: ${error instanceof Error ? error.stack : String(error)}`);
    runtime.onSubscriberFailure = (failure) => this.logger.error(describeParked(failure));
    // A damaged store is served read-only so that it can be examined (GET /audit/verify, /health):
    // nothing is written, no reactor acts and no projection reads bytes that failed their hash.
    await runtime.log.opened?.();
    const damage = runtime.log.damage?.() ?? null;
    if (damage) {
      this.logger.error(`event store damaged: ${damage.message}; serving read-only — run asb verify`);
      return;
    }
    if (subscribers.leadership && options.runProjections) return this.startReplica(subscribers.leadership);
    if (subscribers.thread) return this.startWithThread(subscribers.thread);
    if (options.runProjections) await runtime.projections.start();
    if (options.processJobs) {
      // The writer process puts the shipped parameter documents into the log once.
      await this.normSets.publishShipped();
      await runtime.jobs.startProcessing();
      this.warmWhatIfInputs();
    }
    if (options.processJobs || options.runReactors) for (const reactor of subscribers.reactors) reactor.start();
    // A stopped subscription shows on /health; it must not keep the process from serving.
    await subscribers.caughtUp().catch((error) => this.logger.error(`read models did not catch up on start: ${String(error)}`));
    // The writer signs: the process that runs jobs, or the API's subscriber thread (D66).
    if (options.scheduleSeals && (options.processJobs || options.runReactors)) this.scheduleCheckpoints();
  }

  /**
   * The embedded API with its subscribers on a thread of their own (D66): this thread serves HTTP,
   * decides, appends and runs the jobs; the thread folds the read models, runs the reactors and signs
   * the checkpoints, told of every group commit here.
   */
  private async startWithThread(thread: SubscriberThread): Promise<void> {
    const { runtime } = this;
    if (runtime.log instanceof SqliteEventStore) runtime.log.onCommitted = (head) => thread.appended(head);
    await this.normSets.publishShipped();
    await runtime.jobs.startProcessing();
    this.warmWhatIfInputs();
    await thread.start().catch((error) => this.logger.error(`the subscriber thread did not start: ${error instanceof Error ? error.stack : String(error)}`));
    await this.subscribers.caughtUp().catch((error) => this.logger.error(`read models did not catch up on start: ${String(error)}`));
    // The thread signs the checkpoints (options.scheduleSeals went with it): re-hashing what was appended
    // since the last one took a few hundred milliseconds of this thread every interval under load.
  }

  /**
   * One of several replicas on PostgreSQL (D56): projections and reactors run in the one process
   * that holds the leader lock, which also signs checkpoints; every replica serves queries from the
   * shared read models. Every replica puts the shipped norm sets into the log if they are not there
   * (their command ids are fixed, so replicas starting together write them once): a shape without a
   * worker still has its schemes.
   */
  private async startReplica(leadership: SubscriberLeadership): Promise<void> {
    const { runtime, options } = this;
    await this.normSets.publishShipped();
    if (options.processJobs) {
      await runtime.jobs.startProcessing();
      this.warmWhatIfInputs();
    }
    leadership.onError = (error) => this.logger.warn(`leader election: ${error instanceof Error ? error.message : String(error)}`);
    leadership.onElected = () => {
      this.logger.log('elected: this process runs the projections and reactors');
      if (options.scheduleSeals) this.scheduleCheckpoints();
    };
    leadership.onDeposed = () => {
      this.logger.warn('no longer the leader: projections and reactors stop here');
      if (this.sealTimer) clearInterval(this.sealTimer);
      this.sealTimer = null;
    };
    await leadership.start();
  }

  /**
   * The writer signs a checkpoint whenever the log grew, every checkpointIntervalSeconds: the window in
   * which an event is only hash-chained, not yet under a signed root. Not a queued job: a job row every
   * few seconds would fill the job table. Only one process signs: the one that runs jobs (the worker)
   * on the embedded store, the elected leader on PostgreSQL (D56); others serve what it signed.
   */
  private scheduleCheckpoints(): void {
    const every = this.runtime.config.checkpointIntervalSeconds * 1000;
    const tick = () => this.integrity.checkpoint().catch((e) => this.logger.error(`checkpoint refused: ${e instanceof Error ? e.message : String(e)}`));
    void tick();
    this.sealTimer = setInterval(tick, every);
    this.sealTimer.unref();
  }

  /**
   * The process that runs what-if jobs loads their inputs now, in the background (WHAT_IF_INPUTS=warm,
   * D71): its first run reads only the log's tail instead of the snapshot or the whole log.
   */
  private warmWhatIfInputs(): void {
    if (this.runtime.config.whatIfInputs !== 'warm') return;
    const started = Date.now();
    this.warming = this.whatIf.warmInputs().then(
      () => this.logger.log(`what-if inputs loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`),
      // A run loads them itself then: nothing is lost but the head start.
      (error) => this.logger.warn(`what-if inputs not loaded in advance: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  /**
   * Settles once the background load of the what-if inputs is over (at once where none runs): the bench
   * measures after it, since that load runs on this thread and its garbage and pauses are not a request's (D79).
   */
  whatIfInputsLoaded(): Promise<void> {
    return this.warming ?? Promise.resolve();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.sealTimer) clearInterval(this.sealTimer);
    await this.warming;
    await this.whatIf.close();
    await this.subscribers.stop();
    await this.runtime.close();
  }
}

/**
 * The reactors: checkpointed subscribers that act on events through the areas' services. Each error
 * goes to the runtime's hook, which the process's logger owns.
 */
const reactorsOf = (runtime: LedgerRuntime, checks: CheckRunner, amendments: AmendmentReactor, subsidy: SubsidyService): Reactor[] => {
  const batches = runtime.config.subscriberBatches;
  const reactor = (name: string, act: (event: StoredEvent) => Promise<void>, batch?: (events: readonly StoredEvent[]) => Promise<void>) =>
    new Reactor(name, runtime.store, runtime.projectionStore, act, (e) => runtime.onSubscriberError(name, e), undefined, { batches, batch: batches ? batch : undefined });
  return [
    reactor('reactor:checks', (e) => checks.onEvent(e), (events) => checks.onBatch(events)),
    reactor('reactor:norm-amendments', (e) => amendments.onEvent(e)),
    reactor('reactor:budget-releases', (e) => subsidy.onEvent(e)),
  ];
};

/**
 * The composition root: LedgerRuntime chooses the adapters from the configuration and this module
 * binds them to DI tokens; the areas' modules build their services from those (D62). Global, so every
 * area reaches the ports without importing it.
 */
@Global()
@Module({})
export class LedgerModule {
  static forRoot(options: LedgerModuleOptions): DynamicModule {
    const runtimeProvider = { provide: LedgerRuntime, useFactory: () => new LedgerRuntime(options.config, options.clock, { writerThread: options.writerThread }) };
    const from = <T>(token: symbol | Function, pick: (r: LedgerRuntime) => T) => ({ provide: token, useFactory: pick, inject: [LedgerRuntime] });
    const subscribers = {
      provide: Subscribers,
      useFactory: (r: LedgerRuntime, checks: CheckRunner, amendments: AmendmentReactor, subsidy: SubsidyService) => {
        const reactors = reactorsOf(r, checks, amendments, subsidy);
        // Only the embedded log, and only where this process would run them itself (D66).
        const inThread = options.subscribersThread && options.runProjections && options.processJobs && r.log instanceof SqliteEventStore;
        const thread = inThread ? new SubscriberThread(options.config, options.scheduleSeals, (e) => r.onSubscriberError('subscriber-thread', e), () => r.log.headPosition()) : null;
        return new Subscribers(r.store, r.projectionStore, r.projections, reactors, r.election(reactors), thread);
      },
      inject: [LedgerRuntime, CheckRunner, AmendmentReactor, SubsidyService],
    };
    const providers = [
      runtimeProvider,
      { provide: LEDGER_OPTIONS, useValue: options },
      { provide: LEDGER_CONFIG, useValue: options.config },
      from(CLOCK, (r) => r.clock),
      from(EVENT_STORE, (r) => r.log),
      from(UPCAST_EVENT_STORE, (r) => r.store),
      from(PROJECTION_STORE, (r) => r.projectionStore),
      from(READ_MODELS, (r) => r.queries),
      from(JOB_QUEUE, (r) => r.jobs),
      from(UPCASTERS, (r) => r.upcasters),
      from(PROJECTIONS, (r) => r.projections),
      // One per thread: the folds and the catalogue share its one look at the log per turn (D84).
      from(LogWatch, (r) => new LogWatch(r.log, r.config.logWatch || r.config.catalogueLogWatch)),
      {
        provide: CommandService,
        useFactory: (r: LedgerRuntime, watch: LogWatch) =>
          new CommandService(r.store, r.upcasters, { events: r.config.foldedStreamEvents, megabytes: r.config.foldedStreamMegabytes }, r.config.logWatch ? watch : undefined),
        inject: [LedgerRuntime, LogWatch],
      },
      from(IntegrityService, (r) => new IntegrityService(r.log, r.checkpoints, r.clock, { ...r.config, keyDir: r.config.checkpointDir })),
      subscribers,
      { provide: CaughtUp, useFactory: (s: Subscribers): CaughtUp => ({ within: (position, ms) => s.caughtUpWithin(position, ms) }), inject: [Subscribers] },
      { provide: SubscriberStatusReader, useFactory: (s: Subscribers): SubscriberStatusReader => ({ report: () => s.report() }), inject: [Subscribers] },
      {
        provide: ChecksProgress,
        useFactory: (s: Subscribers, r: LedgerRuntime) => new ChecksProgress((name, position, ms) => s.reactorReached(name, position, ms), r.store, r.projectionStore, r.config.readYourWritesTimeoutMs),
        inject: [Subscribers, LedgerRuntime],
      },
      LedgerLifecycle,
    ];
    return {
      module: LedgerModule,
      // The areas whose services the subscribers and the jobs act through.
      imports: [NormSetsModule, ChecksModule, SubsidyModule, AmendmentsModule, WhatIfModule],
      providers,
      // Not the runtime nor Subscribers: nothing outside this module injects them (tools and tests ask the application).
      exports: [LEDGER_CONFIG, CLOCK, EVENT_STORE, UPCAST_EVENT_STORE, PROJECTION_STORE, READ_MODELS, JOB_QUEUE, UPCASTERS, PROJECTIONS, LogWatch, CommandService, IntegrityService, CaughtUp, SubscriberStatusReader, ChecksProgress],
    };
  }
}
