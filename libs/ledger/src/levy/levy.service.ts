import {
  assessLevy,
  FARM_SURPLUS_INDICATORS,
  ownValue,
  levyDecider,
  refuse,
  streams,
  type LevyAssessed,
  type LevyAssessment,
  type LevyInputs,
  type LevyNorms,
  type NormSetDocument,
  type QualityClass,
} from '@asb/domain';
import { readEventAt, type EventStore } from '@asb/event-store';
import { type LevyDoc, LeviesQuery } from '@asb/projections';
import type { CommandContext } from '../command-handling/command-context';
import type { CommandService } from '../command-handling/command-service';
import { LevyHandler } from './levy.handler';
import type { FarmDataReader } from '../farm-data/farm-data.reader';
import type { NormSetService } from '../norms';

/** Regulatory levies: inputs from the farm's balance and indicators, the levy norm set in force. */
export class LevyService {
  private readonly levies: LevyHandler;

  constructor(
    private readonly commands: CommandService,
    private readonly reader: FarmDataReader,
    private readonly normSets: NormSetService,
    private readonly leviesRead: LeviesQuery,
    private readonly store: EventStore,
  ) {
    // The one write path of each aggregate this service decides on.
    this.levies = new LevyHandler(commands);
  }

  /** A farm-year's levy as the read model has it, with the assessment's arithmetic from its event. */
  async levy(levyId: string, farmId: string, year: number): Promise<(LevyDoc & { assessment: LevyAssessment }) | null> {
    const doc = await this.leviesRead.levy(levyId, farmId, year);
    if (!doc) return null;
    const assessed = (await readEventAt(this.store, doc.assessedIn)).data as LevyAssessed['data'];
    return { ...doc, assessment: assessed.assessment };
  }

  /**
   * The farm figures a levy reads: each indicator its components name (D40: any indicator a published
   * catalogue declares), as the preferred source submitted it; a farm N or P2O5 surplus no source
   * reported is recomputed from the flows.
   */
  async inputs(farmId: string, year: number, indicators: readonly string[]): Promise<{ inputs: LevyInputs; inputEventIds: string[]; province: string }> {
    const { farm, submissions: { active: submissions }, balance: b } = await this.reader.balance(farmId, year);
    if (farm.status !== 'registered') return refuse('FARM_NOT_FOUND', `farm ${farmId} is not registered`, 'not_found', 'farmId');
    const values: Record<string, { value: number; quality: QualityClass }> = {};
    const ids = new Set<string>([(await this.reader.farmEvents(farmId)).at(-1)!.id]);
    const fromIndicator = (key: string) => {
      const v = ownValue(b.indicators, key);
      if (v && typeof v.value === 'number') {
        values[key] = { value: v.value, quality: v.quality };
        ids.add(submissions.find((s) => s.submissionId === v.submissionId)!.eventId);
        return true;
      }
      return false;
    };
    // A farm surplus reported by KLW is used as reported; otherwise it is recomputed from the flows.
    const flowQuality = (): QualityClass => (Object.values(b.flowSources).some((f) => f?.quality === 'default' || f?.quality === 'self-declared') ? 'self-declared' : 'calculated');
    const fromFlows: Record<(typeof FARM_SURPLUS_INDICATORS)[number], number | null> = { nFarmSurplusKgHa: b.n.surplusKgHa, p2o5FarmSurplusKgHa: b.p2o5.surplusKgHa };
    for (const key of [...new Set(indicators)].sort()) {
      if (fromIndicator(key)) continue;
      const figure = ownValue(fromFlows, key);
      if (figure !== undefined && figure !== null && Object.keys(b.flowSources).length) values[key] = { value: figure, quality: flowQuality() };
    }
    for (const fs of Object.values(b.flowSources)) if (fs) ids.add(submissions.find((s) => s.submissionId === fs.submissionId)!.eventId);
    const landUse = submissions.filter((s) => s.data.landUse).at(-1)?.data.landUse ?? farm.landUse;
    return { inputs: { values, landUse, livestockUnits: farm.livestockUnits, fpcmKg: b.milk?.fpcmKg ?? null }, inputEventIds: [...ids].sort(), province: farm.province };
  }

  async normSetFor(levyId: string, year: number): Promise<NormSetDocument<LevyNorms>> {
    const doc = await this.normSets.governing<LevyNorms>(levyId, { year });
    if (!doc || doc.kind !== 'levy') return refuse('NO_NORM_SET_IN_FORCE', `no levy norm set ${levyId} is in force for ${year}`, 'not_found', 'levyId');
    return doc as NormSetDocument<LevyNorms>;
  }

  async assess(levyId: string, farmId: string, year: number, ctx: CommandContext, cause?: string) {
    const normSet = await this.normSetFor(levyId, year);
    const { inputs, inputEventIds, province } = await this.inputs(farmId, year, normSet.parameters.components.map((c) => c.indicator));
    const assessment = assessLevy(inputs, normSet);
    return this.levies.execute({ type: 'AssessLevy', data: { levyId, farmId, year, province, assessment, inputs, inputEventIds, cause, objectionDays: normSet.parameters.objections.objectionDays, actorRole: ctx.actor.role, now: ctx.now } },
      { ...ctx, normSet: assessment.normSet, ruleVersion: assessment.ruleVersion },
    );
  }

  /** The farmer objects; the decision is due within the levy's `objections.decisionDays` (D36). */
  async object(levyId: string, farm: { farmId: string; province: string; farmerId: string }, year: number, input: { assessmentNo: number; reason: string }, ctx: CommandContext) {
    const { parameters } = await this.normSetFor(levyId, year);
    return this.levies.execute({
      type: 'ObjectToLevy',
      data: { levyId, farmId: farm.farmId, year, province: farm.province, assessmentNo: input.assessmentNo, reason: input.reason, actorId: ctx.actor.id, farmOwnerId: farm.farmerId, decisionDays: parameters.objections.decisionDays, now: ctx.now },
    }, ctx);
  }

  /** The role the levy names (the norm authority) upholds or rejects an objection (D36). */
  async decideObjection(levyId: string, farm: { farmId: string; province: string }, year: number, input: { assessmentNo: number; outcome: 'upheld' | 'rejected'; reason: string }, ctx: CommandContext) {
    const { parameters } = await this.normSetFor(levyId, year);
    return this.levies.execute({
      type: 'DecideLevyObjection',
      data: { levyId, farmId: farm.farmId, year, province: farm.province, ...input, actorId: ctx.actor.id, actorRole: ctx.actor.role, decidingRole: parameters.objections.decidedBy, now: ctx.now },
    }, ctx);
  }

  async state(levyId: string, farmId: string, year: number, asOf?: string) {
    return (await this.commands.load(streams.levy(levyId, farmId, year), levyDecider, { asOf })).state;
  }
}
