import { join } from 'node:path';
import { domainUpcasters } from '@asb/domain';
import { createCheckpointStore, createEventStore, UpcasterRegistry, UpcastingEventStore, type EventStore } from '@asb/event-store';
import { createJobQueue, type JobQueue } from '@asb/jobs';
import {
  FarmScoresQuery,
  FarmStreamsQuery,
  FarmYearsQuery,
  LeviesQuery,
  ManureLinksQuery,
  PostgresReadModelStore,
  ProjectionRunner,
  ReadModelStore,
  SchemeApplicationsQuery,
  WhatIfScenariosQuery,
  allProjections,
  sqliteProjectionStore,
  sqliteReadModels,
  type ParkedEvent,
  type ProjectionStore,
  type ReadModels,
} from '@asb/projections';
import { CommandService } from './command-handling/command-service';
import type { LedgerConfig } from './config/ledger-config';
import { IntegrityService } from './integrity/integrity.service';
import { systemClock, type Clock } from './clock/clock';
import { CheckRunner } from './checks/check-runner';
import { Reactor } from './subscribers/reactor';
import { FarmDataReader } from './farm-data/farm-data.reader';
import { NormSetCatalogue } from './norms/norm-set-catalogue';
import { NormSetService } from './norms/norm-set.service';
import { ScoringService } from './score/scoring.service';
import { SubsidyService } from './subsidy/subsidy.service';
import { LevyService } from './levy/levy.service';
import { AmendmentReactor } from './amendments';
import { Explanations, FarmHistory, Recomputations } from './audit';
import { WhatIfService } from './whatif/what-if.service';
import { WhatIfScenarioHandler } from './whatif/what-if-scenario.handler';
import { subscriberReport, type SubscriberReport } from './subscribers/subscriber-report';
import { describeParked } from './subscribers/describe-parked';
import { SubscriberLeadership } from './replicas/subscriber-leadership';

/** True when `work` resolves within `ms`; false when it rejects or takes longer. Never hangs. */
const settlesWithin = async (work: Promise<unknown>, ms: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true, () => false), timedOut]);
  } finally {
    clearTimeout(timer);
  }
};


/**
 * Everything a process of the ledger needs, built from the configuration in one place; the Nest
 * module binds these to DI tokens, and the CLI uses them without an HTTP server.
 */
export class LedgerRuntime {
  /** The log as written: integrity checks, seals and bundles work on these bytes. */
  readonly log: EventStore;
  /** The log as the current code reads it (upcast to current schema versions): everything else. */
  readonly store: EventStore;
  /** The embedded read-model file (DATA_DIR/readmodels.db); none with DATABASE_URL, where they live in PostgreSQL. */
  private readonly embedded: ReadModelStore | null;
  // --- Replicas (D56): with DATABASE_URL the read models live in PostgreSQL, shared by every replica.
  /** Where the subscribers write: PostgreSQL with DATABASE_URL, else the embedded file. */
  readonly projectionStore: ProjectionStore;
  /** What queries read (the ReadModels port), from the same store. */
  readonly queries: ReadModels;
  /** With DATABASE_URL: the election of the one process that runs projections and reactors. */
  readonly leadership: SubscriberLeadership | null;
  private readonly pgReadModels: PostgresReadModelStore | null;
  // ---
  readonly jobs: JobQueue;
  readonly upcasters: UpcasterRegistry;
  readonly commands: CommandService;
  readonly projections: ProjectionRunner;
  readonly integrity: IntegrityService;
  readonly reader: FarmDataReader;
  readonly checks: CheckRunner;
  readonly reactors: Reactor[];
  readonly normSets: NormSetService;
  /** The schemes, levies and indicators published norm sets declare (D40). */
  readonly catalogue: NormSetCatalogue;
  readonly scoring: ScoringService;
  readonly subsidy: SubsidyService;
  readonly levies: LevyService;
  readonly amendments: AmendmentReactor;
  /** Every recorded score and levy recomputed under its recorded norm version (`asb replay --verify`). */
  readonly audit: Recomputations;
  readonly farmHistory: FarmHistory;
  readonly explanations: Explanations;
  readonly whatIf: WhatIfService;

  constructor(
    readonly config: LedgerConfig,
    readonly clock: Clock = systemClock,
  ) {
    this.log = createEventStore({ dataDir: config.dataDir, eventStoreUrl: config.eventStoreUrl, databaseUrl: config.databaseUrl, mustExist: config.openExistingOnly });
    this.upcasters = new UpcasterRegistry(domainUpcasters);
    this.store = new UpcastingEventStore(this.log, this.upcasters);
    this.pgReadModels = config.databaseUrl ? new PostgresReadModelStore({ connectionString: config.databaseUrl, createTables: !config.openExistingOnly }) : null;
    this.embedded = this.pgReadModels ? null : new ReadModelStore(join(config.dataDir, 'readmodels.db'));
    this.projectionStore = this.pgReadModels ?? sqliteProjectionStore(this.embedded!);
    this.queries = this.pgReadModels ?? sqliteReadModels(this.embedded!);
    this.jobs = createJobQueue({ redisUrl: config.redisUrl, dataDir: config.dataDir });
    this.commands = new CommandService(this.store, this.upcasters);
    if (this.embedded) this.embedded.failures.onRecorded = (failure) => this.onSubscriberFailure(failure);
    if (this.pgReadModels) this.pgReadModels.onRecorded = (failure) => this.onSubscriberFailure(failure);
    this.projections = new ProjectionRunner(this.store, this.projectionStore, allProjections, (name, e) => this.onSubscriberError(name, e));
    // Checkpoints sit beside the log, never in it: tables of events.db or of the PostgreSQL database, a file of their own for EventStoreDB.
    this.integrity = new IntegrityService(this.log, createCheckpointStore(config, this.log), clock, { ...config, keyDir: config.checkpointDir });
    this.catalogue = new NormSetCatalogue(this.queries);
    this.normSets = new NormSetService(this.commands, clock, this.catalogue);
    this.reader = new FarmDataReader(this.commands, this.normSets);
    this.scoring = new ScoringService(this.commands, this.reader, this.normSets, new FarmScoresQuery(this.queries));
    this.subsidy = new SubsidyService(this.commands, this.reader, this.normSets, this.scoring, new SchemeApplicationsQuery(this.queries), this.store);
    this.checks = new CheckRunner(this.commands, this.reader, new ManureLinksQuery(this.queries), new FarmYearsQuery(this.queries), clock, this.normSets);
    this.levies = new LevyService(this.commands, this.reader, this.normSets, new LeviesQuery(this.queries), this.store);
    this.whatIf = new WhatIfService(new WhatIfScenariosQuery(this.queries), this.store, new WhatIfScenarioHandler(this.commands), this.normSets, config, clock);
    this.audit = new Recomputations(this.store, this.normSets);
    this.farmHistory = new FarmHistory(this.store, new FarmStreamsQuery(this.queries), this.normSets);
    this.explanations = new Explanations(this.store, this.farmHistory, this.audit);
    this.amendments = new AmendmentReactor(this.normSets, this.scoring, this.subsidy, this.levies, new FarmScoresQuery(this.queries), new LeviesQuery(this.queries), this.projections, clock);
    this.reactors = [
      new Reactor('reactor:checks', this.store, this.projectionStore, (e) => this.checks.onEvent(e), (e) => this.onSubscriberError('reactor:checks', e)),
      new Reactor('reactor:norm-amendments', this.store, this.projectionStore, (e) => this.amendments.onEvent(e), (e) => this.onSubscriberError('reactor:norm-amendments', e)),
      new Reactor('reactor:budget-releases', this.store, this.projectionStore, (e) => this.subsidy.onEvent(e), (e) => this.onSubscriberError('reactor:budget-releases', e)),
    ];
    this.leadership = this.pgReadModels
      ? new SubscriberLeadership({
          databaseUrl: config.databaseUrl!,
          store: this.store,
          readModels: this.pgReadModels,
          projections: this.projections,
          projectionNames: allProjections.map((p) => p.name),
          reactors: this.reactors,
          retryMs: config.leaderRetryMs,
        })
      : null;
  }

  /**
   * A subscription that stopped (parking itself failed) or a parked event that could not be retried.
   * Logged by whoever owns the process (Nest's logger in the api and worker).
   */
  onSubscriberError: (subscriber: string, error: unknown) => void = (subscriber, error) => console.error(subscriber, error);

  /** An event a projection or reactor set aside (after it was recorded): logged at error level by the owner. */
  onSubscriberFailure: (failure: ParkedEvent) => void = (failure) => console.error(describeParked(failure));

  /**
   * Resolves once reactors have acted on everything up to `position` (default: everything appended
   * so far) and read models include it all — and whatever the reactors wrote for it. Rejects when a
   * subscription has stopped.
   */
  async caughtUp(position?: number): Promise<void> {
    await Promise.all(this.reactors.map((r) => r.caughtUp(position)));
    await this.projections.caughtUp();
  }

  /**
   * Read-your-writes with a bound: true when the read models include `position` within `ms`, false
   * when they lag (slow, or a subscription stopped). Never hangs.
   */
  async caughtUpWithin(position: number | undefined, ms: number): Promise<boolean> {
    // A replica that does not run the subscribers waits for the leader's checkpoints (D56).
    if (this.leadership && !this.leadership.runsHere) return this.leadership.reached(position, Date.now() + ms);
    return settlesWithin(this.caughtUp(position), ms);
  }

  /**
   * Whether one reactor has acted on `position` within `ms`: here when it runs in this process, else
   * from its checkpoint in PostgreSQL (D56); null when no process of this shape runs it (the embedded
   * store without jobs here: the worker's checkpoints are in its own file).
   */
  async reactorReached(name: string, position: number, ms: number): Promise<boolean | null> {
    const reactor = this.reactors.find((r) => r.name === name);
    if (this.leadership && !this.leadership.runsHere) return this.leadership.subscriberReached(name, position, Date.now() + ms);
    if (!reactor?.state()) return null;
    return settlesWithin(reactor.caughtUp(position), ms);
  }

  /** Where every subscriber running in this process stands, and what is parked. */
  async subscribers(): Promise<SubscriberReport> {
    const reactors = this.reactors.flatMap((r) => r.state() ?? []);
    return subscriberReport(this.store, this.projectionStore, [...this.projections.states(), ...reactors], this.leadership?.isLeader ?? null);
  }

  async close(): Promise<void> {
    await this.leadership?.stop();
    await Promise.all(this.reactors.map((r) => r.stop()));
    await this.projections.stop();
    await this.jobs.close();
    await this.store.close();
    await this.integrity.checkpoints.close();
    this.embedded?.close();
    await this.pgReadModels?.close();
  }
}
