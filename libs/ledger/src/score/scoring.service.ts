import {
  scoreRecordedInputs,
  scoreDecider,
  selectScoreIndicators,
  refuse,
  streams,
  type FarmYearScore,
  type ScoreCalculated,
  type SchemeNorms,
  type ScoreInputs,
  type NormSetDocument,
} from '@asb/domain';
import { scoreStepsOf, type FarmScoreDoc, type ScoreStep, FarmScoresQuery } from '@asb/projections';
import type { CommandContext } from '../command-handling/command-context';
import type { CommandService } from '../command-handling/command-service';
import { ScoreHandler } from './score.handler';
import type { FarmDataReader } from '../farm-data/farm-data.reader';
import type { NormSetService } from '../norms';
import { applicationDecider } from '@asb/domain';

/**
 * Gathers a farm-year's score inputs from the log (the latest submitted indicators, land use,
 * peat share, earlier biodiversity payments), scores them under the norm set in force for that
 * year, and records the result through the score decider.
 */
type FarmYearScoreResult = ScoreCalculated['data']['result'];

export class ScoringService {
  private readonly scores: ScoreHandler;

  constructor(
    private readonly commands: CommandService,
    private readonly reader: FarmDataReader,
    private readonly normSets: NormSetService,
    private readonly scoresRead: FarmScoresQuery,
  ) {
    // The one write path of each aggregate this service decides on.
    this.scores = new ScoreHandler(commands);
  }

  /**
   * A farm-year's score as the read model has it, with what its stream holds: the per-KPI amounts of
   * the event that computed it and every step it went through (one read of a short stream).
   */
  async score(scheme: string, farmId: string, year: number): Promise<(FarmScoreDoc & Pick<FarmYearScoreResult, 'kpis' | 'missing'> & { provenance: ScoreInputs['provenance'] | null; history: ScoreStep[] }) | null> {
    const doc = await this.scoresRead.score(scheme, farmId, year);
    if (!doc?.computedIn) return null;
    const { events } = await this.commands.load(streams.score(scheme, farmId, year), scoreDecider);
    const computed = events.find((e) => e.id === doc.computedIn!.eventId);
    if (!computed) throw new Error(`score ${scheme}/${farmId}/${year}: event ${doc.computedIn.eventId} is not in its stream`);
    const { result, inputs } = computed.data as ScoreCalculated['data'];
    // The farmer approves knowing where each figure came from (D46): source, model and version per KPI; null before D46.
    return { ...doc, kpis: result.kpis, missing: result.missing, provenance: inputs.provenance ?? null, history: scoreStepsOf(events) };
  }

  async normSetFor(scheme: string, year: number): Promise<NormSetDocument<SchemeNorms>> {
    const doc = await this.normSets.governing<SchemeNorms>(scheme, { year });
    if (!doc) return refuse('NO_NORM_SET_IN_FORCE', `no norm set of ${scheme} is in force for ${year}`, 'not_found', 'year');
    return doc;
  }

  async inputs(scheme: string, farmId: string, year: number, norms: SchemeNorms): Promise<ScoreInputs> {
    const { farm, submissions: { active: submissions }, parameters } = await this.reader.balance(farmId, year);
    if (farm.status !== 'registered') return refuse('FARM_NOT_FOUND', `farm ${farmId} is not registered`, 'not_found', 'farmId');
    // Each KPI from the sources its norm set names, the rest by the balance's precedence (D46).
    const selected = selectScoreIndicators(submissions, norms, parameters.parameters.indicatorSourcePrecedence);
    const eventIds = new Set<string>(selected.eventIds);
    const klwLand = submissions.filter((s) => s.data.landUse).at(-1);
    if (klwLand) eventIds.add(klwLand.eventId);
    const farmEvents = await this.reader.farmEvents(farmId);
    eventIds.add(farmEvents.at(-1)!.id);
    return {
      indicators: selected.indicators,
      landUse: klwLand?.data.landUse ?? farm.landUse,
      peatSharePct: farm.peatSharePct,
      priorBiodiversityPaid: await this.biodiversityPaidBefore(scheme, farmId, year, norms),
      inputEventIds: [...eventIds].sort(),
      provenance: selected.provenance,
    };
  }

  /** Biodiversity is paid once per farm over the scheme: did an earlier year's forwarded score pay it? */
  private async biodiversityPaidBefore(scheme: string, farmId: string, year: number, norms: SchemeNorms): Promise<boolean> {
    const once = norms.kpis.filter((k) => k.kind === 'oncePerScheme').map((k) => k.id);
    for (const earlier of norms.years.filter((y) => y < year)) {
      const { state } = await this.commands.load(streams.score(scheme, farmId, earlier), scoreDecider);
      const paid = state.forwarded ?? state.current;
      if (paid && once.some((id) => (paid.result.kpis[id] ?? 0) > 0)) return true;
    }
    return false;
  }

  /** The recorded inputs of a score, scored again under the version in force now for that year. */
  async rescore(scheme: string, year: number, inputs: ScoreInputs) {
    const normSet = await this.normSetFor(scheme, year);
    return scoreRecordedInputs(inputs, normSet);
  }

  async state(scheme: string, farmId: string, year: number, asOf?: string): Promise<FarmYearScore> {
    return (await this.commands.load(streams.score(scheme, farmId, year), scoreDecider, { asOf })).state;
  }

  /** The farmer disputes a presented score; the decision is due within the scheme's `disputes.decisionDays` (D36). */
  async dispute(scheme: string, farm: { farmId: string; farmerId: string }, year: number, input: { scoreVersion: number; reason: string }, ctx: CommandContext) {
    const { parameters } = await this.normSetFor(scheme, year);
    return this.scores.execute({
      type: 'DisputeScore',
      data: { scheme, farmId: farm.farmId, year, scoreVersion: input.scoreVersion, actorId: ctx.actor.id, farmOwnerId: farm.farmerId, reason: input.reason, decisionDays: parameters.disputes.decisionDays, now: ctx.now },
    }, ctx);
  }

  /** The role the scheme names (the calculator) upholds or rejects a dispute (D36). */
  async decideDispute(scheme: string, farmId: string, year: number, input: { scoreVersion: number; outcome: 'upheld' | 'rejected'; reason: string }, ctx: CommandContext) {
    const { parameters } = await this.normSetFor(scheme, year);
    return this.scores.execute({
      type: 'DecideScoreDispute',
      data: { scheme, farmId, year, ...input, actorId: ctx.actor.id, actorRole: ctx.actor.role, decidingRole: parameters.disputes.decidedBy, now: ctx.now },
    }, ctx);
  }

  async calculate(scheme: string, farmId: string, year: number, ctx: CommandContext, options: { reason: string; cause?: string } = { reason: 'calculated from the latest submitted indicators' }) {
    const normSet = await this.normSetFor(scheme, year);
    const inputs = await this.inputs(scheme, farmId, year, normSet.parameters);
    const result = scoreRecordedInputs(inputs, normSet);
    const application = await this.commands.load(streams.application(scheme, farmId), applicationDecider);
    return this.scores.execute({ type: 'CalculateScore', data: { scheme, farmId, year, result, inputs, reason: options.reason, cause: options.cause, settled: application.state.settlements.length > 0, now: ctx.now } },
      { ...ctx, normSet: result.normSet, ruleVersion: result.ruleVersion },
    );
  }
}
