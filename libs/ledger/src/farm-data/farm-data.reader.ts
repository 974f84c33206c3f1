import {
  authorisationDecider,
  balanceSubmissionsDecider,
  computeFarmBalance,
  computeFarmBalanceOfRead,
  farmDecider,
  streams,
  type ActiveSubmission,
  type Farm,
  type FarmAuthorisations,
  type FarmBalance,
  type BalanceParameters,
  type NormSetDocument,
  type ReadActiveSubmission,
} from '@asb/domain';
import type { StoredEvent } from '@asb/event-store';
import { balanceSubmissionsProjection, farmYearKey, foldProjection, withSubmissionData, type FarmYearSubmissionData } from '@asb/projections';
import type { CommandService } from '../command-handling/command-service';
import type { NormSetService } from '../norms';
import { submissionsForward, type SubmissionsUpTo } from './submissions-forward';

/** A farm-year's balance, with the farm and the submissions it was computed from. */
export type FarmYearBalance = Readonly<{
  farm: Farm;
  submissions: FarmYearSubmissionData;
  balance: FarmBalance;
  parameters: NormSetDocument<BalanceParameters>;
  /** The active submissions read once each as they were folded forward (D77), where they were. */
  readSubmissions?: readonly ReadActiveSubmission[] | null;
}>;

/** A farm-year's active submissions as recorded and, where folded forward, as read (D77). */
export type CurrentSubmissions = Readonly<{ active: readonly ActiveSubmission[]; read: readonly ReadActiveSubmission[] | null }>;

/**
 * Reads a farm's own streams directly (not the read models), so decisions and checks see every
 * event up to now, or exactly what was recorded up to an as-of moment.
 */
export class FarmDataReader {
  /**
   * The current balance of the farm-years read last, with the folds it was computed from: while
   * neither the farm's nor the farm-year's stream has moved and the parameters in force are the same
   * document, it is that balance (issue 18: computing it again was about a sixth of a balance read).
   * Folds are the command service's, which hands back the same objects while a stream has not moved.
   */
  private readonly current = new Map<string, { farm: Farm; events: readonly StoredEvent[]; parameters: NormSetDocument<BalanceParameters>; value: FarmYearBalance }>();

  /** Each farm-year's submissions as folded last, moved forward by what its stream gained since (D77). */
  private readonly forward = new Map<string, SubmissionsUpTo>();

  constructor(
    private readonly commands: CommandService,
    private readonly normSets: NormSetService,
    /** CHECKS_BALANCE_FORWARD (default on; `off`: every current read folds and reads the farm-year's submissions whole, as before D77). */
    private readonly options: { forward: boolean } = { forward: true },
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
    return submissionsOf(farmId, year, await this.submissionEvents(farmId, year, asOf));
  }

  private async submissionEvents(farmId: string, year: number, asOf?: string): Promise<readonly StoredEvent[]> {
    return (await this.commands.load(streams.balance(farmId, year), balanceSubmissionsDecider, { asOf })).events;
  }

  async activeSubmissions(farmId: string, year: number, asOf?: string): Promise<readonly ActiveSubmission[]> {
    return (await this.submissions(farmId, year, asOf)).active;
  }

  /** The farm-gate balance of a farm-year under the balance parameters in force for it, now or as known at `asOf`. */
  async balance(farmId: string, year: number, asOf?: string): Promise<FarmYearBalance> {
    if (asOf === undefined) return this.currentBalance(farmId, year, this.normSets.balanceParameters(year));
    const [farm, events, parameters] = await Promise.all([this.farm(farmId, asOf), this.submissionEvents(farmId, year, asOf), this.normSets.balanceParameters(year, asOf)]);
    return balanceOf(farmId, year, farm, submissionsOf(farmId, year, events), parameters);
  }

  /**
   * The current balance under the balance parameters in force for the year, which the caller looked up:
   * the checks reactor looks them up once per year for a delivered batch, not once per farm-year (D72).
   */
  async currentBalance(farmId: string, year: number, inForce: NormSetDocument<BalanceParameters> | Promise<NormSetDocument<BalanceParameters>>): Promise<FarmYearBalance> {
    const [farm, events, parameters] = await Promise.all([this.farm(farmId), this.submissionEvents(farmId, year), inForce]);
    const key = farmYearKey(farmId, year);
    const known = this.current.get(key);
    if (known && known.farm === farm && known.events === events && known.parameters === parameters) return known.value;
    const value = this.options.forward ? balanceForward(farmId, year, farm, this.upTo(farmId, year, events), parameters) : balanceOf(farmId, year, farm, submissionsOf(farmId, year, events), parameters);
    remember(this.current, key, { farm, events, parameters, value });
    return value;
  }

  /** A farm-year's active submissions now; folded forward and read once each unless CHECKS_BALANCE_FORWARD=off (D77). */
  async currentSubmissions(farmId: string, year: number): Promise<CurrentSubmissions> {
    const events = await this.submissionEvents(farmId, year);
    if (!this.options.forward) return { active: submissionsOf(farmId, year, events).active, read: null };
    const { submissions, read } = this.upTo(farmId, year, events);
    return { active: submissions.active, read };
  }

  private upTo(farmId: string, year: number, events: readonly StoredEvent[]): SubmissionsUpTo {
    const key = farmYearKey(farmId, year);
    const before = this.forward.get(key);
    if (before?.events === events) return before;
    const upTo = submissionsForward(farmId, year, events, before);
    remember(this.forward, key, upTo);
    return upTo;
  }
}

/** Kept as the most recently used, the least recently used going past the bound. */
const remember = <V>(map: Map<string, V>, key: string, value: V) => {
  map.delete(key);
  if (map.size >= MAX_CURRENT) map.delete(map.keys().next().value!);
  map.set(key, value);
};

/** Farm-years whose current balance is kept (a few MB). */
const MAX_CURRENT = 5_000;

const submissionsOf = (farmId: string, year: number, events: readonly StoredEvent[]): FarmYearSubmissionData => {
  const key = farmYearKey(farmId, year);
  return withSubmissionData(foldProjection(balanceSubmissionsProjection, events).get(key) ?? balanceSubmissionsProjection.initialState(key), events);
};

/** The balance on submissions read once each as they were folded forward; where one did not read, read whole as before (and fail as before). */
const balanceForward = (farmId: string, year: number, farm: Farm, upTo: SubmissionsUpTo, parameters: NormSetDocument<BalanceParameters>): FarmYearBalance => {
  if (!upTo.read) return balanceOf(farmId, year, farm, upTo.submissions, parameters);
  const landUse = farm.status === 'registered' ? farm.landUse : null;
  return { farm, submissions: upTo.submissions, balance: computeFarmBalanceOfRead(farmId, year, upTo.read, landUse, parameters), parameters, readSubmissions: upTo.read };
};

const balanceOf = (farmId: string, year: number, farm: Farm, submissions: FarmYearSubmissionData, parameters: NormSetDocument<BalanceParameters>): FarmYearBalance => {
  const landUse = farm.status === 'registered' ? farm.landUse : null;
  return { farm, submissions, balance: computeFarmBalance(farmId, year, submissions.active, landUse, parameters), parameters };
};
