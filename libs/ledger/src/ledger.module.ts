import { Global, Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE } from '@asb/event-store';
import { JOB_QUEUE } from '@asb/jobs';
import { PROJECTION_STORE, READ_MODELS } from '@asb/projections';
import { CLOCK, type Clock } from './clock/clock';
import { CommandService } from './command-handling/command-service';
import { LEDGER_CONFIG, type LedgerConfig } from './config/ledger-config';
import { IntegrityService } from './integrity/integrity.service';
import { LedgerRuntime } from './ledger-runtime';
import { describeParked } from './subscribers/describe-parked';
import { PROJECTIONS, UPCASTERS } from './ledger.tokens';
import type { SubscriberLeadership } from './replicas/subscriber-leadership';
import { registerJobHandlers } from './jobs/register-job-handlers';
import { FarmDataReader } from './farm-data/farm-data.reader';
import { NormSetCatalogue, NormSetService } from './norms';
import { ScoringService } from './score';
import { SubsidyService } from './subsidy';
import { LevyService } from './levy';
import { Explanations, FarmHistory, Recomputations } from './audit';
import { WhatIfService } from './whatif/what-if.service';
import { CaughtUp, SubscriberStatusReader } from './subscribers/caught-up';
import { ChecksProgress } from './checks/checks-progress';

export type LedgerModuleOptions = Readonly<{
  config: LedgerConfig;
  clock?: Clock;
  /** Run job handlers in this process (the embedded default, or the worker). */
  processJobs: boolean;
  /** Keep read models current in this process (every process that answers queries). */
  runProjections: boolean;
  /** Sign a checkpoint every config.checkpointIntervalSeconds when the log grew (the name is from the seals before). */
  scheduleSeals: boolean;
}>;

const LEDGER_OPTIONS = Symbol('LEDGER_OPTIONS');

@Injectable()
class LedgerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Ledger');
  private sealTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly runtime: LedgerRuntime,
    @Inject(LEDGER_OPTIONS) private readonly options: LedgerModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { runtime, options } = this;
    this.logger.log(`event store: ${runtime.store.kind}; jobs: ${runtime.jobs.kind}; data dir: ${runtime.config.dataDir}`);
    registerJobHandlers(runtime);
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
    if (runtime.leadership && options.runProjections) return this.startReplica(runtime.leadership);
    if (options.runProjections) await runtime.projections.start();
    if (options.processJobs) {
      // The writer process puts the shipped parameter documents into the log once.
      await runtime.normSets.publishShipped();
      await runtime.jobs.startProcessing();
      for (const reactor of runtime.reactors) reactor.start();
    }
    // A stopped subscription shows on /health; it must not keep the process from serving.
    await runtime.caughtUp().catch((error) => this.logger.error(`read models did not catch up on start: ${String(error)}`));
    if (options.scheduleSeals && options.processJobs) this.scheduleCheckpoints();
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
    await runtime.normSets.publishShipped();
    if (options.processJobs) await runtime.jobs.startProcessing();
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
    const { runtime } = this;
    const every = runtime.config.checkpointIntervalSeconds * 1000;
    const tick = () => runtime.integrity.checkpoint().catch((e) => this.logger.error(`checkpoint refused: ${e instanceof Error ? e.message : String(e)}`));
    void tick();
    this.sealTimer = setInterval(tick, every);
    this.sealTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.sealTimer) clearInterval(this.sealTimer);
    await this.runtime.close();
  }
}

const areaServices: ReadonlyArray<readonly [Function, (r: LedgerRuntime) => unknown]> = [
  [CaughtUp, (r): CaughtUp => ({ within: (position, ms) => r.caughtUpWithin(position, ms) })],
  [SubscriberStatusReader, (r): SubscriberStatusReader => ({ report: () => r.subscribers() })],
  [ChecksProgress, (r) => new ChecksProgress((name, position, ms) => r.reactorReached(name, position, ms), r.store, r.projectionStore, r.config.readYourWritesTimeoutMs)],
  [FarmDataReader, (r) => r.reader],
  [NormSetService, (r) => r.normSets],
  [NormSetCatalogue, (r) => r.catalogue],
  [ScoringService, (r) => r.scoring],
  [SubsidyService, (r) => r.subsidy],
  [LevyService, (r) => r.levies],
  [FarmHistory, (r) => r.farmHistory],
  [Explanations, (r) => r.explanations],
  [Recomputations, (r) => r.audit],
  [WhatIfService, (r) => r.whatIf],
];

/** Binds the ledger's ports to DI tokens; adapters are chosen from the configuration. */
@Global()
@Module({})
export class LedgerModule {
  static forRoot(options: LedgerModuleOptions): DynamicModule {
    const runtimeProvider = { provide: LedgerRuntime, useFactory: () => new LedgerRuntime(options.config, options.clock) };
    const from = <T>(token: symbol | Function, pick: (r: LedgerRuntime) => T) => ({ provide: token, useFactory: pick, inject: [LedgerRuntime] });
    const providers = [
      runtimeProvider,
      { provide: LEDGER_OPTIONS, useValue: options },
      { provide: LEDGER_CONFIG, useValue: options.config },
      from(CLOCK, (r) => r.clock),
      from(EVENT_STORE, (r) => r.log),
      from(PROJECTION_STORE, (r) => r.projectionStore),
      from(READ_MODELS, (r) => r.queries),
      from(JOB_QUEUE, (r) => r.jobs),
      from(UPCASTERS, (r) => r.upcasters),
      from(PROJECTIONS, (r) => r.projections),
      from(CommandService, (r) => r.commands),
      from(IntegrityService, (r) => r.integrity),
      // The services the runtime still builds, bound to their class tokens: nobody outside the
      // composition root needs the runtime to reach them.
      ...areaServices.map(([token, pick]) => from(token, pick)),
      LedgerLifecycle,
    ];
    return {
      module: LedgerModule,
      providers,
      exports: [LedgerRuntime, LEDGER_CONFIG, CLOCK, EVENT_STORE, PROJECTION_STORE, READ_MODELS, JOB_QUEUE, UPCASTERS, PROJECTIONS, CommandService, IntegrityService, ...areaServices.map(([token]) => token)],
    };
  }
}
