import {
  authorisationDecider,
  balanceSubmissionsDecider,
  computeFarmBalance,
  farmDecider,
  streams,
  type ActiveSubmission,
  type Farm,
  type FarmAuthorisations,
  type FarmBalance,
  type BalanceParameters,
  type NormSetDocument,
} from '@asb/domain';
import { balanceSubmissionsProjection, farmYearKey, foldProjection, withSubmissionData, type FarmYearSubmissionData } from '@asb/projections';
import type { CommandService } from '../command-handling/command-service';
import type { NormSetService } from '../norms';

/** A farm-year's balance, with the farm and the submissions it was computed from. */
export type FarmYearBalance = Readonly<{ farm: Farm; submissions: FarmYearSubmissionData; balance: FarmBalance; parameters: NormSetDocument<BalanceParameters> }>;

/**
 * Reads a farm's own streams directly (not the read models), so decisions and checks see every
 * event up to now, or exactly what was recorded up to an as-of moment.
 */
export class FarmDataReader {
  constructor(
    private readonly commands: CommandService,
    private readonly normSets: NormSetService,
  ) {}

  async farm(farmId: string, asOf?: string): Promise<Farm> {
    return (await this.commands.load(streams.farm(farmId), farmDecider, { asOf })).state;
  }

  async farmEvents(farmId: string, asOf?: string) {
    return (await this.commands.load(streams.farm(farmId), farmDecider, { asOf })).events;
  }

  async authorisations(farmId: string, asOf?: string): Promise<FarmAuthorisations> {
    return (await this.commands.load(streams.authorisations(farmId), authorisationDecider, { asOf })).state;
  }

  /** A farm-year's submissions with the data of the active ones, from its stream. */
  async submissions(farmId: string, year: number, asOf?: string): Promise<FarmYearSubmissionData> {
    const { events } = await this.commands.load(streams.balance(farmId, year), balanceSubmissionsDecider, { asOf });
    const key = farmYearKey(farmId, year);
    return withSubmissionData(foldProjection(balanceSubmissionsProjection, events).get(key) ?? balanceSubmissionsProjection.initialState(key), events);
  }

  async activeSubmissions(farmId: string, year: number, asOf?: string): Promise<readonly ActiveSubmission[]> {
    return (await this.submissions(farmId, year, asOf)).active;
  }

  /** The farm-gate balance of a farm-year under the balance parameters in force for it, now or as known at `asOf`. */
  async balance(farmId: string, year: number, asOf?: string): Promise<FarmYearBalance> {
    const [farm, submissions, parameters] = await Promise.all([this.farm(farmId, asOf), this.submissions(farmId, year, asOf), this.normSets.balanceParameters(year, asOf)]);
    const landUse = farm.status === 'registered' ? farm.landUse : null;
    return { farm, submissions, balance: computeFarmBalance(farmId, year, submissions.active, landUse, parameters), parameters };
  }
}
