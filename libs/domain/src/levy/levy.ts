import { assertNever, type Command, type Decider, type DomainEvent } from '../shared/decider';
import { refuse } from '../shared/domain-error';
import { daysAfter, inTime } from '../shared/deadlines';
import { sameValue } from '../shared/same-value';
import type { LevyAssessment, LevyInputs } from './assess-levy';

type Key = { levyId: string; farmId: string; year: number; province: string };

/** What a decision on an objection says: upheld (the levy is reassessed) or rejected (it stands), why, and by whom. */
export type ObjectionDecision = Readonly<{ outcome: 'upheld' | 'rejected'; reason: string; decidedBy: string; decidedByRole: string; decidedAt: string }>;

export type LevyAssessed = DomainEvent<
  'LevyAssessed',
  Key & {
    assessmentNo: number;
    assessment: LevyAssessment;
    inputs: LevyInputs;
    inputEventIds: readonly string[];
    cause?: string;
    assessedAt: string;
    /** The last moment the farmer may object (the levy's `objections.objectionDays`); absent on assessments recorded before D36. */
    objectionDeadline?: string;
  }
>;
export type LevyObjected = DomainEvent<
  'LevyObjected',
  Key & { assessmentNo: number; reason: string; objectedBy: string; objectedAt: string; /** When the decision is due (`objections.decisionDays`); absent before D36. */ decideBy?: string }
>;
export type LevyObjectionDecided = DomainEvent<'LevyObjectionDecided', Key & ObjectionDecision & { assessmentNo: number; decideBy?: string; late: boolean }>;
export type LevySettled = DomainEvent<'LevySettled', Key & { assessmentNo: number; amountCents: number; settledBy: string; settledAt: string }>;
export type LevyEvent = LevyAssessed | LevyObjected | LevyObjectionDecided | LevySettled;

export type AssessLevy = Command<
  'AssessLevy',
  Key & {
    assessment: LevyAssessment;
    inputs: LevyInputs;
    inputEventIds: readonly string[];
    cause?: string;
    /** The levy's `objections.objectionDays` in force. */
    objectionDays: number;
    /** The norm authority, or the ledger itself (`system`) reassessing after a norm amendment. */
    actorRole: string;
    now: string;
  }
>;
export type ObjectToLevy = Command<
  'ObjectToLevy',
  Key & { assessmentNo: number; reason: string; actorId: string; farmOwnerId: string; /** The levy's `objections.decisionDays` in force. */ decisionDays: number; now: string }
>;
export type DecideLevyObjection = Command<
  'DecideLevyObjection',
  Key & { assessmentNo: number; outcome: 'upheld' | 'rejected'; reason: string; actorId: string; actorRole: string; /** The levy's `objections.decidedBy`. */ decidingRole: string; now: string }
>;
export type SettleLevy = Command<'SettleLevy', Key & { assessmentNo: number; actorId: string; actorRole: string; now: string }>;
export type LevyCommand = AssessLevy | ObjectToLevy | DecideLevyObjection | SettleLevy;

export type LevyStatus = 'none' | 'assessed' | 'objected' | 'objection-rejected' | 'objection-upheld' | 'settled';

export type FarmYearLevy = Readonly<{
  assessments: number;
  current: LevyAssessment | null;
  status: LevyStatus;
  settledCents: number;
  /** Until when the current assessment may be objected to (none recorded: no deadline). */
  objectionDeadline?: string;
  /** The objection to the current assessment, and its decision once there is one. */
  objection: Readonly<{ assessmentNo: number; decideBy?: string; decision?: ObjectionDecision }> | null;
}>;

const sameAssessment = (a: LevyAssessment, b: LevyAssessment) =>
  a.totalCents === b.totalCents && a.normSet.id === b.normSet.id && a.normSet.version === b.normSet.version && sameValue(a.lines, b.lines);

/**
 * The assessment a command names must be the current one. One never made was superseded by nothing:
 * telling a client it was sends it after a newer assessment that is not there (404, not 409).
 */
const requireCurrentAssessment = (state: FarmYearLevy, assessmentNo: number, superseded: string): void => {
  if (assessmentNo > state.assessments) refuse('ASSESSMENT_NOT_FOUND', `assessment ${assessmentNo} was never made; the current one is ${state.assessments}`, 'not_found', 'assessmentNo');
  if (assessmentNo !== state.assessments) refuse('ASSESSMENT_SUPERSEDED', superseded, 'conflict', 'assessmentNo');
};

/**
 * One farm-year's levy: assessed → settled by the payer, or objected to (within the objection
 * period) → decided by the norm authority: rejected (→ settled as assessed) or upheld (→ reassessed
 * from corrected data → a new assessment, open to objection again). A reassessment that changes the
 * levy supersedes the assessment and any objection to it. Settled is terminal: nothing reopens,
 * reassesses, objects to or settles again a settled levy (issue 13; D36).
 */
export const decideLevy = (command: LevyCommand, state: FarmYearLevy): LevyEvent[] => {
  const { levyId, farmId, year, province, now } = command.data;
  const key = { levyId, farmId, year, province };
  switch (command.type) {
    case 'AssessLevy': {
      const d = command.data;
      // asb.md, roles: the norm authority (the ministry, for levies) assesses; the ledger reassesses on an amendment.
      if (d.actorRole !== 'norm_authority' && d.actorRole !== 'system') return refuse('ROLE_NOT_PERMITTED', 'the norm authority assesses a levy', 'forbidden');
      if (state.status === 'settled') return refuse('LEVY_SETTLED', `the levy is settled on assessment ${state.assessments}; it is not reassessed`, 'conflict');
      if (state.current && sameAssessment(state.current, d.assessment)) {
        // An upheld objection is answered by a corrected assessment: the same figures under the same norms cannot be that.
        if (state.status === 'objection-upheld') {
          return refuse('LEVY_UNCHANGED', `the objection to assessment ${state.assessments} was upheld; the data or the norms must change before a reassessment differs`, 'conflict');
        }
        return [];
      }
      const objectionDeadline = daysAfter(now, d.objectionDays);
      return [
        {
          type: 'LevyAssessed',
          data: { ...key, assessmentNo: state.assessments + 1, assessment: d.assessment, inputs: d.inputs, inputEventIds: d.inputEventIds, ...(d.cause ? { cause: d.cause } : {}), assessedAt: now, objectionDeadline },
        },
      ];
    }
    case 'ObjectToLevy': {
      const d = command.data;
      if (d.actorId !== d.farmOwnerId) return refuse('NOT_YOUR_FARM', 'only the farmer of this farm objects to its levy', 'forbidden');
      if (!state.current) return refuse('LEVY_NOT_ASSESSED', 'no levy has been assessed', 'not_found', 'levyId');
      if (state.status === 'settled') return refuse('LEVY_SETTLED', 'the levy is settled', 'conflict');
      requireCurrentAssessment(state, d.assessmentNo, `assessment ${d.assessmentNo} was superseded by ${state.assessments}`);
      if (state.status === 'objected') return refuse('OBJECTION_OPEN', `an objection to assessment ${d.assessmentNo} is open`, 'conflict');
      // One objection per assessment: after its decision the farmer pays, or goes to court (outside the ledger).
      if (state.objection?.assessmentNo === d.assessmentNo && state.objection.decision) {
        return refuse('OBJECTION_DECIDED', `the objection to assessment ${d.assessmentNo} was ${state.objection.decision.outcome}`, 'conflict');
      }
      // Awb art. 6:7: an objection is made within the period (the levy's objections.objectionDays).
      if (!inTime(now, state.objectionDeadline)) return refuse('OBJECTION_PERIOD_ENDED', `assessment ${d.assessmentNo} could be objected to until ${state.objectionDeadline}`, 'conflict');
      if (!d.reason.trim()) return refuse('OBJECTION_WITHOUT_REASON', 'an objection gives a reason', 'invalid', 'reason');
      const decideBy = daysAfter(now, d.decisionDays);
      return [{ type: 'LevyObjected', data: { ...key, assessmentNo: d.assessmentNo, reason: d.reason, objectedBy: d.actorId, objectedAt: now, decideBy } }];
    }
    case 'DecideLevyObjection': {
      const d = command.data;
      // asb.md, roles: the norm authority (the ministry, for levies) assesses, so it decides on an objection to its assessment.
      if (d.actorRole !== d.decidingRole) return refuse('NOT_THE_DECIDING_PARTY', `an objection to this levy is decided by the ${d.decidingRole}`, 'forbidden');
      if (!state.current) return refuse('LEVY_NOT_ASSESSED', 'no levy has been assessed', 'not_found', 'levyId');
      if (state.status === 'settled') return refuse('LEVY_SETTLED', 'the levy is settled', 'conflict');
      requireCurrentAssessment(state, d.assessmentNo, `assessment ${d.assessmentNo} was superseded by ${state.assessments}`);
      if (state.status !== 'objected' || !state.objection) return refuse('NO_OPEN_OBJECTION', `assessment ${d.assessmentNo} is ${state.status}; there is no objection to decide`, 'conflict');
      if (d.outcome !== 'upheld' && d.outcome !== 'rejected') return refuse('INVALID_OUTCOME', 'an objection is upheld or rejected', 'invalid', 'outcome');
      if (!d.reason.trim()) return refuse('DECISION_WITHOUT_REASON', 'a decision gives its reason', 'invalid', 'reason');
      const decideBy = state.objection.decideBy;
      return [
        {
          type: 'LevyObjectionDecided',
          data: { ...key, assessmentNo: d.assessmentNo, outcome: d.outcome, reason: d.reason, decidedBy: d.actorId, decidedByRole: d.actorRole, decidedAt: now, ...(decideBy ? { decideBy } : {}), late: !inTime(now, decideBy) },
        },
      ];
    }
    case 'SettleLevy': {
      const d = command.data;
      // asb.md, roles: the payer registers payments and settlements.
      if (d.actorRole !== 'payer') return refuse('ROLE_NOT_PERMITTED', 'the payer settles a levy', 'forbidden');
      if (!state.current) return refuse('LEVY_NOT_ASSESSED', 'no levy has been assessed', 'not_found', 'levyId');
      if (state.status === 'settled') return refuse('LEVY_SETTLED', 'the levy is settled', 'conflict');
      requireCurrentAssessment(state, d.assessmentNo, `settle assessment ${state.assessments}`);
      if (state.status === 'objected') return refuse('OBJECTION_OPEN', 'an objection is open: the norm authority decides it first', 'conflict');
      if (state.status === 'objection-upheld') return refuse('REASSESSMENT_PENDING', 'the objection was upheld: the levy is reassessed before it is settled', 'conflict');
      // Settling ends the right to object (a settled levy stays settled, D37): not before the farmer's
      // objection period has run out, unless an objection was made and rejected.
      if (state.status === 'assessed' && inTime(now, state.objectionDeadline)) {
        return refuse('OBJECTION_PERIOD_RUNNING', `the farmer may object until ${state.objectionDeadline}; settle after it`, 'conflict');
      }
      return [{ type: 'LevySettled', data: { ...key, assessmentNo: d.assessmentNo, amountCents: state.current.totalCents, settledBy: d.actorId, settledAt: now } }];
    }
    default:
      return assertNever(command);
  }
};

export const evolveLevy = (state: FarmYearLevy, event: LevyEvent): FarmYearLevy => {
  switch (event.type) {
    case 'LevyAssessed': {
      const { objectionDeadline: _previous, ...rest } = state;
      return { ...rest, assessments: event.data.assessmentNo, current: event.data.assessment, status: 'assessed', objection: null, ...(event.data.objectionDeadline ? { objectionDeadline: event.data.objectionDeadline } : {}) };
    }
    case 'LevyObjected':
      return { ...state, status: 'objected', objection: { assessmentNo: event.data.assessmentNo, ...(event.data.decideBy ? { decideBy: event.data.decideBy } : {}) } };
    case 'LevyObjectionDecided': {
      const { outcome, reason, decidedBy, decidedByRole, decidedAt } = event.data;
      return {
        ...state,
        status: outcome === 'upheld' ? 'objection-upheld' : 'objection-rejected',
        objection: { ...state.objection, assessmentNo: event.data.assessmentNo, decision: { outcome, reason, decidedBy, decidedByRole, decidedAt } },
      };
    }
    case 'LevySettled':
      return { ...state, status: 'settled', settledCents: event.data.amountCents };
    default:
      return assertNever(event);
  }
};

export const levyDecider: Decider<FarmYearLevy, LevyCommand, LevyEvent> = {
  decide: decideLevy,
  evolve: evolveLevy,
  initialState: () => ({ assessments: 0, current: null, status: 'none', settledCents: 0, objection: null }),
};
