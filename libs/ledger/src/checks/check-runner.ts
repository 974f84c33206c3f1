import {
  findingsDecider,
  normSetRef,
  runChecks,
  streams,
  type BalanceData,
} from '@asb/domain';
import type { StoredEvent } from '@asb/event-store';
import { counterpartsIn, farmYearKey, type FarmYear, type ManureLinks, type ReadModelStore } from '@asb/projections';
import type { Clock } from '../clock/clock';
import type { CommandService } from '../command-handling/command-service';
import type { FarmDataReader } from '../farm-data/farm-data.reader';
import type { NormSetService } from '../norms/norm-set.service';

const TRIGGERS = new Set(['BalanceDataSubmitted', 'BalanceDataCorrected', 'BalanceDataWithdrawn', 'FarmDetailsCorrected']);

/**
 * Re-runs the checks of action 11 for every farm-year a new event affects (the farm itself and,
 * for manure, the farms on the other side) and records the difference as finding events. The
 * command id is derived from the triggering event, so a redelivered event writes nothing twice.
 */
export class CheckRunner {
  constructor(
    private readonly commands: CommandService,
    private readonly reader: FarmDataReader,
    private readonly readModels: ReadModelStore,
    private readonly clock: Clock,
    private readonly normSets: NormSetService,
  ) {}


  handles(event: StoredEvent): boolean {
    return TRIGGERS.has(event.type);
  }

  async onEvent(event: StoredEvent): Promise<void> {
    if (!this.handles(event)) return;
    const data = event.data as Partial<BalanceData> & { farmId: string; year?: number };
    const years = data.year !== undefined ? [data.year] : await this.yearsOf(data.farmId);
    for (const year of years) {
      const links = this.readModels.get<ManureLinks>('manure-links', farmYearKey(data.farmId, year))?.counterparts ?? [];
      const affected = [...new Set([data.farmId, ...counterpartsIn(data), ...links])];
      for (const farmId of affected) await this.reconcile(farmId, year, event);
    }
  }

  private async yearsOf(farmId: string): Promise<number[]> {
    return this.readModels.list<FarmYear>('farm-years', `${farmId}:`).map((r) => r.doc.year);
  }

  async reconcile(farmId: string, year: number, cause: StoredEvent): Promise<void> {
    // The balance parameters and the tolerances in force for the farm-year, from the log.
    const { farm, submissions: { active: submissions }, balance, parameters } = await this.reader.balance(farmId, year);
    const tolerances = await this.normSets.checkTolerances(year);
    const farmDetails = farm.status === 'registered' ? { landUse: farm.landUse, livestockUnits: farm.livestockUnits } : null;
    const links = this.readModels.get<ManureLinks>('manure-links', farmYearKey(farmId, year))?.counterparts ?? [];
    const named = submissions.flatMap((s) => counterpartsIn(s.data));
    const counterpartIds = [...new Set([...links, ...named])].filter((id) => id !== farmId);
    const counterparts = await Promise.all(counterpartIds.map(async (id) => ({ farmId: id, submissions: await this.reader.activeSubmissions(id, year) })));
    const outcomes = runChecks(
      { farmId, year, submissions, balance, farm: farmDetails, counterparts, tolerances },
      parameters.parameters.milkProteinToNitrogenFactor,
    );
    await this.commands.handle(
      streams.findings(farmId, year),
      findingsDecider,
      { type: 'ReconcileFindings', data: { farmId, year, outcomes, tolerances: normSetRef(tolerances), now: this.clock.now() } },
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
