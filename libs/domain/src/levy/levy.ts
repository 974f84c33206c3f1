import { assertNever, type Command, type Decider, type DomainEvent } from '../shared/decider';
import { refuse } from '../shared/domain-error';
import type { LevyAssessment, LevyInputs } from './assess-levy';

type Key = { levyId: string; farmId: string; year: number; province: string };

export type LevyAssessed = DomainEvent<'LevyAssessed', Key & { assessmentNo: number; assessment: LevyAssessment; inputs: LevyInputs; inputEventIds: readonly string[]; cause?: string; assessedAt: string }>;
export type LevyObjected = DomainEvent<'LevyObjected', Key & { assessmentNo: number; reason: string; objectedBy: string; objectedAt: string }>;
export type LevySettled = DomainEvent<'LevySettled', Key & { assessmentNo: number; amountCents: number; settledBy: string; settledAt: string }>;
export type LevyEvent = LevyAssessed | LevyObjected | LevySettled;

export type AssessLevy = Command<'AssessLevy', Key & { assessment: LevyAssessment; inputs: LevyInputs; inputEventIds: readonly string[]; cause?: string; now: string }>;
export type ObjectToLevy = Command<'ObjectToLevy', Key & { assessmentNo: number; reason: string; actorId: string; farmOwnerId: string; now: string }>;
export type SettleLevy = Command<'SettleLevy', Key & { assessmentNo: number; actorId: string; now: string }>;
export type LevyCommand = AssessLevy | ObjectToLevy | SettleLevy;

export type FarmYearLevy = Readonly<{ assessments: number; current: LevyAssessment | null; status: 'none' | 'assessed' | 'objected' | 'settled'; settledCents: number }>;

export const decideLevy = (command: LevyCommand, state: FarmYearLevy): LevyEvent[] => {
  const { levyId, farmId, year, province, now } = command.data;
  const key = { levyId, farmId, year, province };
  switch (command.type) {
    case 'AssessLevy': {
      const d = command.data;
      if (state.current && state.current.totalCents === d.assessment.totalCents && state.current.normSet.version === d.assessment.normSet.version &&
          JSON.stringify(state.current.lines) === JSON.stringify(d.assessment.lines)) return [];
      return [{ type: 'LevyAssessed', data: { ...key, assessmentNo: state.assessments + 1, assessment: d.assessment, inputs: d.inputs, inputEventIds: d.inputEventIds, ...(d.cause ? { cause: d.cause } : {}), assessedAt: now } }];
    }
    case 'ObjectToLevy': {
      const d = command.data;
      if (d.actorId !== d.farmOwnerId) return refuse('NOT_YOUR_FARM', 'only the farmer of this farm objects to its levy', 'forbidden');
      if (!state.current) return refuse('LEVY_NOT_ASSESSED', 'no levy has been assessed', 'not_found', 'levyId');
      if (d.assessmentNo !== state.assessments) return refuse('ASSESSMENT_SUPERSEDED', `assessment ${d.assessmentNo} was superseded by ${state.assessments}`, 'conflict', 'assessmentNo');
      if (state.status === 'settled') return refuse('LEVY_SETTLED', 'the levy is settled', 'conflict');
      return [{ type: 'LevyObjected', data: { ...key, assessmentNo: d.assessmentNo, reason: d.reason, objectedBy: d.actorId, objectedAt: now } }];
    }
    case 'SettleLevy': {
      const d = command.data;
      if (!state.current) return refuse('LEVY_NOT_ASSESSED', 'no levy has been assessed', 'not_found', 'levyId');
      if (d.assessmentNo !== state.assessments) return refuse('ASSESSMENT_SUPERSEDED', `settle assessment ${state.assessments}`, 'conflict', 'assessmentNo');
      if (state.status === 'objected') return refuse('OBJECTION_OPEN', 'an objection is open: reassess first', 'conflict');
      if (state.status === 'settled') return refuse('LEVY_SETTLED', 'the levy is settled', 'conflict');
      return [{ type: 'LevySettled', data: { ...key, assessmentNo: d.assessmentNo, amountCents: state.current.totalCents, settledBy: d.actorId, settledAt: now } }];
    }
    default:
      return assertNever(command);
  }
};

export const evolveLevy = (state: FarmYearLevy, event: LevyEvent): FarmYearLevy => {
  switch (event.type) {
    case 'LevyAssessed':
      return { ...state, assessments: event.data.assessmentNo, current: event.data.assessment, status: 'assessed' };
    case 'LevyObjected':
      return { ...state, status: 'objected' };
    case 'LevySettled':
      return { ...state, status: 'settled', settledCents: event.data.amountCents };
    default:
      return assertNever(event);
  }
};

export const levyDecider: Decider<FarmYearLevy, LevyCommand, LevyEvent> = {
  decide: decideLevy,
  evolve: evolveLevy,
  initialState: () => ({ assessments: 0, current: null, status: 'none', settledCents: 0 }),
};
