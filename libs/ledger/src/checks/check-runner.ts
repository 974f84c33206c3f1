import {
  equivalentMeasuresDecider,
  grantedFarmSpecificNorms,
  normSetRef,
  runChecks,
  runChecksOnRead,
  streams,
  submissionOutcomes,
  usageNormCheck,
  type BalanceData,
  type BalanceParameters,
  type CheckOutcome,
  type CheckTolerances,
  type NormSetDocument,
  type ReadActiveSubmission,
  type SubmissionOutcomes,
  type ActiveSubmission,
} from '@asb/domain';
import { SYSTEM_ACTORS, type StoredEvent } from '@asb/event-store';
import { counterpartsIn, ManureLinksQuery, FarmYearsQuery } from '@asb/projections';
import type { Clock } from '../clock/clock';
import type { CommandService } from '../command-handling/command-service';
import { FindingsHandler } from './findings.handler';
import type { FarmDataReader } from '../farm-data/farm-data.reader';
import type { NormSetService } from '../norms';

/** A granted farm-specific norm changes what the usage-norm check allows (D42). */
const TRIGGERS = new Set(['BalanceDataSubmitted', 'BalanceDataCorrected', 'BalanceDataWithdrawn', 'FarmDetailsCorrected', 'FarmSpecificNormGranted']);

/** The norm sets a farm-year's checks run under: the same for every farm of a year. */
type YearRules = Readonly<{ parameters: NormSetDocument<BalanceParameters>; tolerances: NormSetDocument<CheckTolerances> }>;

/** The manure counterparts of a farm-year, asked once per batch (or per event) and shared by `affected` and `reconcile`. */
type LinksOf = (farmId: string, year: number) => Promise<readonly string[]>;

/** Farm-years of one batch reconciled at once (their appends share group commits, as the bulk intake's do, D58). */
const RECONCILES_SIDE_BY_SIDE = 16;

/**
 * The farms a farm-year's manure links and submissions name, links first, each once in the order first
 * named: `new Set([...links, ...submissions.flatMap((s) => counterpartsIn(s.data))])` without an array
 * per submission (D85).
 */
export const counterpartsOf = (links: readonly string[], submissions: readonly ActiveSubmission[]): Set<string> => {
  const ids = new Set(links);
  for (const s of submissions) {
    const flows = s.data.flows;
    if (Array.isArray(flows)) {
      for (const f of flows) if (f.counterpartyFarmId) ids.add(f.counterpartyFarmId);
    } else for (const id of counterpartsIn(s.data)) ids.add(id); // what does not read fails (or not) as it did
  }
  return ids;
};

/** A kept outcome, frozen: every reconcile hands the same objects to the findings decider. */
const frozen = (o: CheckOutcome): CheckOutcome => Object.freeze({ ...o, compared: Object.freeze([...o.compared]), values: Object.freeze({ ...o.values }) });

/**
 * Re-runs the checks of action 11 for every farm-year a new event affects (the farm itself and,
 * for manure, the farms on the other side) and records the difference as finding events. The
 * command id is derived from the triggering event, so a redelivered event writes nothing twice.
 */
export class CheckRunner {
  private readonly findings: FindingsHandler;
  /**
   * Each active submission's own outcomes (checks 4 and 6's ranges) under the tolerances and milk protein
   * factor they were computed with (D77): found again while the submission stays active, gone with it.
   */
  private readonly ownOutcomes = new WeakMap<ReadActiveSubmission, { tolerances: NormSetDocument<CheckTolerances>; factor: string; outcomes: SubmissionOutcomes }>();

  constructor(
    private readonly commands: CommandService,
    private readonly reader: FarmDataReader,
    private readonly manureLinks: ManureLinksQuery,
    private readonly farmYears: FarmYearsQuery,
    private readonly clock: Clock,
    private readonly normSets: NormSetService,
    /** CHECKS_BALANCE_FORWARD (default on; `off`: every reconcile reads and checks every active submission again, as before D77). */
    private readonly options: { forward: boolean } = { forward: true },
  ) {
    // The one write path of each aggregate this service decides on.
    this.findings = new FindingsHandler(commands);
  }


  handles(event: StoredEvent): boolean {
    return TRIGGERS.has(event.type);
  }

  async onEvent(event: StoredEvent): Promise<void> {
    const linksOf = this.linksOnce();
    for (const { farmId, year } of await this.affected(event, linksOf)) await this.reconcile(farmId, year, event, undefined, linksOf);
  }

  /** Each farm-year's manure counterparts asked once: `affected` and the reconcile asked for them twice. */
  private linksOnce(): LinksOf {
    const asked = new Map<string, Promise<readonly string[]>>();
    return (farmId, year) => {
      const key = `${farmId}|${year}`;
      if (!asked.has(key)) asked.set(key, this.manureLinks.counterparts(farmId, year));
      return asked.get(key)!;
    };
  }

  /**
   * A delivered batch (D72): each affected farm-year once, named after the batch's last event that
   * touches it. A reconcile reads the farm-year as the log has it now, so the earlier events of the
   * batch would have found nothing more to record; a redelivery after a crash reconciles again under
   * another command id and records only what differs (nothing). Farm-years side by side: their
   * findings, where any change, share group commits.
   */
  async onBatch(events: readonly StoredEvent[]): Promise<void> {
    // The submitted streams are in the batch already: their folds move on without a read of their own.
    this.commands.observe(events);
    const linksOf = this.linksOnce();
    const due = new Map<string, { farmId: string; year: number; cause: StoredEvent }>();
    for (const event of events) {
      for (const { farmId, year } of await this.affected(event, linksOf)) due.set(`${farmId}|${year}`, { farmId, year, cause: event });
    }
    const queue = [...due.values()];
    // The norm sets in force, looked up once per year of the batch (D72, second step: two stream loads per
    // farm-year were 7 % of the thread). A publication during the batch counts from the next batch on,
    // as one during a reconcile did before.
    const rules = new Map<number, Promise<YearRules>>();
    const rulesOf = (year: number) => {
      if (!rules.has(year)) rules.set(year, this.rulesOf(year));
      return rules.get(year)!;
    };
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await this.reconcile(next.farmId, next.year, next.cause, await rulesOf(next.year), linksOf);
    };
    // Every reconcile ends before the batch does, also when one fails: the reactor retries a failed batch
    // whole, and a retry must not run beside reconciles of the try before (the same farm-years at once).
    const ended = await Promise.allSettled(Array.from({ length: Math.min(RECONCILES_SIDE_BY_SIDE, queue.length) }, worker));
    const failed = ended.find((e) => e.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** The farm-years an event changes the check inputs of: the farm's and, for manure, the farms on the other side. */
  private async affected(event: StoredEvent, linksOf: LinksOf): Promise<Array<{ farmId: string; year: number }>> {
    if (!this.handles(event)) return [];
    const data = event.data as Partial<BalanceData> & { farmId: string; year?: number };
    // A grant for a year the farm has no data for has nothing to be checked against.
    if (event.type === 'FarmSpecificNormGranted' && !(await this.yearsOf(data.farmId)).includes(data.year as number)) return [];
    const years = data.year !== undefined ? [data.year] : await this.yearsOf(data.farmId);
    const affected: Array<{ farmId: string; year: number }> = [];
    for (const year of years) {
      const links = await linksOf(data.farmId, year);
      for (const farmId of new Set([data.farmId, ...counterpartsIn(data), ...links])) affected.push({ farmId, year });
    }
    return affected;
  }

  private async yearsOf(farmId: string): Promise<number[]> {
    return (await this.farmYears.ofFarm(farmId)).map((y) => y.year);
  }

  /** A submission's own outcomes, kept while it is active under the same tolerances and factor (frozen: every reconcile hands out the same objects). */
  private outcomesOf(s: ReadActiveSubmission, tolerances: NormSetDocument<CheckTolerances>, factor: string): SubmissionOutcomes {
    const kept = this.ownOutcomes.get(s);
    if (kept && kept.tolerances === tolerances && kept.factor === factor) return kept.outcomes;
    const { milkNitrogen, ranges } = submissionOutcomes(s, tolerances, factor);
    const outcomes = { milkNitrogen: milkNitrogen.map(frozen), ranges: ranges.map(frozen) };
    this.ownOutcomes.set(s, { tolerances, factor, outcomes });
    return outcomes;
  }

  private async rulesOf(year: number): Promise<YearRules> {
    const [parameters, tolerances] = await Promise.all([this.normSets.balanceParameters(year), this.normSets.checkTolerances(year)]);
    return { parameters, tolerances };
  }

  async reconcile(farmId: string, year: number, cause: StoredEvent, rules?: YearRules, linksOf: LinksOf = this.linksOnce()): Promise<void> {
    // The balance parameters and the tolerances in force for the farm-year, from the log (or as the batch looked them up).
    const { parameters: inForce, tolerances } = rules ?? (await this.rulesOf(year));
    const { farm, submissions: { active: submissions }, balance, parameters, readSubmissions } = await this.reader.currentBalance(farmId, year, inForce);
    const farmDetails = farm.status === 'registered' ? { landUse: farm.landUse, livestockUnits: farm.livestockUnits } : null;
    const links = await linksOf(farmId, year);
    const counterpartIds = [...counterpartsOf(links, submissions)].filter((id) => id !== farmId);
    const counterparts = await Promise.all(counterpartIds.map(async (id) => ({ farmId: id, ...(await this.reader.currentSubmissions(id, year)) })));
    // Usage against the usage norm, with the farm-specific norms granted for the year, read from the log.
    const { events: measures } = await this.commands.load(streams.equivalentMeasures(farmId), equivalentMeasuresDecider);
    const eventOfSubmission = (id: string) => submissions.find((s) => s.submissionId === id)?.eventId ?? `submission:${id}`;
    const factor = parameters.parameters.milkProteinToNitrogenFactor;
    const input = { farmId, year, balance, farm: farmDetails, tolerances };
    // D77: submissions read once each as they were folded forward, and each one's own outcomes kept; else all read and checked again.
    const read = this.options.forward && readSubmissions && counterparts.every((c) => c.read) ? readSubmissions : null;
    const outcomes = read
      ? runChecksOnRead({ ...input, submissions: read, counterparts: counterparts.map((c) => ({ farmId: c.farmId, submissions: c.read! })) }, factor, (s) => this.outcomesOf(s, tolerances, factor))
      : runChecks({ ...input, submissions, counterparts: counterparts.map((c) => ({ farmId: c.farmId, submissions: c.active })) }, factor);
    // Appended to the checks' own array, a fresh one each reconcile (D85: not a copy of every outcome).
    for (const o of usageNormCheck({ balance, eventOfSubmission, granted: grantedFarmSpecificNorms(measures, year) })) outcomes.push(o);
    await this.findings.execute({ type: 'ReconcileFindings', data: { farmId, year, outcomes, tolerances: normSetRef(tolerances), now: this.clock.now() } },
      {
        commandId: `reconcile:${farmId}:${year}:${cause.id}`,
        actor: SYSTEM_ACTORS.checks,
        now: this.clock.now(),
        correlationId: cause.metadata.correlationId,
        causationId: cause.id,
        normSet: normSetRef(tolerances),
      },
    );
  }
}
