import {
  equivalentMeasuresDecider,
  grantedFarmSpecificNorms,
  normSetRef,
  runChecks,
  streams,
  usageNormCheck,
  type BalanceData,
  type BalanceParameters,
  type CheckTolerances,
  type NormSetDocument,
} from '@asb/domain';
import type { StoredEvent } from '@asb/event-store';
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

/** Farm-years of one batch reconciled at once (their appends share group commits, as the bulk intake's do, D58). */
const RECONCILES_SIDE_BY_SIDE = 16;

/**
 * Re-runs the checks of action 11 for every farm-year a new event affects (the farm itself and,
 * for manure, the farms on the other side) and records the difference as finding events. The
 * command id is derived from the triggering event, so a redelivered event writes nothing twice.
 */
export class CheckRunner {
  private readonly findings: FindingsHandler;

  constructor(
    private readonly commands: CommandService,
    private readonly reader: FarmDataReader,
    private readonly manureLinks: ManureLinksQuery,
    private readonly farmYears: FarmYearsQuery,
    private readonly clock: Clock,
    private readonly normSets: NormSetService,
  ) {
    // The one write path of each aggregate this service decides on.
    this.findings = new FindingsHandler(commands);
  }


  handles(event: StoredEvent): boolean {
    return TRIGGERS.has(event.type);
  }

  async onEvent(event: StoredEvent): Promise<void> {
    for (const { farmId, year } of await this.affected(event)) await this.reconcile(farmId, year, event);
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
    const due = new Map<string, { farmId: string; year: number; cause: StoredEvent }>();
    for (const event of events) {
      for (const { farmId, year } of await this.affected(event)) due.set(`${farmId}|${year}`, { farmId, year, cause: event });
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
      for (let next = queue.shift(); next; next = queue.shift()) await this.reconcile(next.farmId, next.year, next.cause, await rulesOf(next.year));
    };
    // Every reconcile ends before the batch does, also when one fails: the reactor retries a failed batch
    // whole, and a retry must not run beside reconciles of the try before (the same farm-years at once).
    const ended = await Promise.allSettled(Array.from({ length: Math.min(RECONCILES_SIDE_BY_SIDE, queue.length) }, worker));
    const failed = ended.find((e) => e.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** The farm-years an event changes the check inputs of: the farm's and, for manure, the farms on the other side. */
  private async affected(event: StoredEvent): Promise<Array<{ farmId: string; year: number }>> {
    if (!this.handles(event)) return [];
    const data = event.data as Partial<BalanceData> & { farmId: string; year?: number };
    // A grant for a year the farm has no data for has nothing to be checked against.
    if (event.type === 'FarmSpecificNormGranted' && !(await this.yearsOf(data.farmId)).includes(data.year as number)) return [];
    const years = data.year !== undefined ? [data.year] : await this.yearsOf(data.farmId);
    const affected: Array<{ farmId: string; year: number }> = [];
    for (const year of years) {
      const links = await this.manureLinks.counterparts(data.farmId, year);
      for (const farmId of new Set([data.farmId, ...counterpartsIn(data), ...links])) affected.push({ farmId, year });
    }
    return affected;
  }

  private async yearsOf(farmId: string): Promise<number[]> {
    return (await this.farmYears.ofFarm(farmId)).map((y) => y.year);
  }

  private async rulesOf(year: number): Promise<YearRules> {
    const [parameters, tolerances] = await Promise.all([this.normSets.balanceParameters(year), this.normSets.checkTolerances(year)]);
    return { parameters, tolerances };
  }

  async reconcile(farmId: string, year: number, cause: StoredEvent, rules?: YearRules): Promise<void> {
    // The balance parameters and the tolerances in force for the farm-year, from the log (or as the batch looked them up).
    const { parameters: inForce, tolerances } = rules ?? (await this.rulesOf(year));
    const { farm, submissions: { active: submissions }, balance, parameters } = await this.reader.currentBalance(farmId, year, inForce);
    const farmDetails = farm.status === 'registered' ? { landUse: farm.landUse, livestockUnits: farm.livestockUnits } : null;
    const links = await this.manureLinks.counterparts(farmId, year);
    const named = submissions.flatMap((s) => counterpartsIn(s.data));
    const counterpartIds = [...new Set([...links, ...named])].filter((id) => id !== farmId);
    const counterparts = await Promise.all(counterpartIds.map(async (id) => ({ farmId: id, submissions: await this.reader.activeSubmissions(id, year) })));
    // Usage against the usage norm, with the farm-specific norms granted for the year, read from the log.
    const { events: measures } = await this.commands.load(streams.equivalentMeasures(farmId), equivalentMeasuresDecider);
    const eventOfSubmission = (id: string) => submissions.find((s) => s.submissionId === id)?.eventId ?? `submission:${id}`;
    const outcomes = [
      ...runChecks({ farmId, year, submissions, balance, farm: farmDetails, counterparts, tolerances }, parameters.parameters.milkProteinToNitrogenFactor),
      ...usageNormCheck({ balance, eventOfSubmission, granted: grantedFarmSpecificNorms(measures, year) }),
    ];
    await this.findings.execute({ type: 'ReconcileFindings', data: { farmId, year, outcomes, tolerances: normSetRef(tolerances), now: this.clock.now() } },
      {
        commandId: `reconcile:${farmId}:${year}:${cause.id}`,
        actor: { id: 'checks', role: 'system' },
        now: this.clock.now(),
        correlationId: cause.metadata.correlationId,
        causationId: cause.id,
        normSet: normSetRef(tolerances),
      },
    );
  }
}
