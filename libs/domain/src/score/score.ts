import { assertNever, type Command, type Decider, type DomainEvent } from '../shared/decider';
import { refuse } from '../shared/domain-error';
import { daysAfter, inTime } from '../shared/deadlines';
import { sameValue } from '../shared/same-value';
import type { NormSetRef } from '../norms/norm-set';
import { flattenIndicators, rescoreScheme, scoreScheme, type ScoreResult } from './score-scheme';
import type { NormSetDocument } from '../norms/norm-set';
import type { SchemeNorms } from './scheme-norms';
import type { KpiProvenance } from './score-inputs';

type FarmYear = { scheme: string; farmId: string; year: number };

/** What a score was computed from: indicator values and the events that delivered them. */
export type ScoreInputs = Readonly<{
  indicators: Readonly<Record<string, number | boolean>>;
  landUse: Readonly<{ grasslandHa: number; maizeHa: number; arableHa: number }>;
  peatSharePct: number;
  priorBiodiversityPaid: boolean;
  inputEventIds: readonly string[];
  /**
   * Per KPI, where each indicator value came from: source, submission, event, model and model
   * version (D45/D46). Scores recorded before D46 have none; a recomputation never reads it.
   */
  provenance?: Readonly<Record<string, KpiProvenance>>;
}>;

/** Scores what a score recorded as its inputs: one path for calculation, audit recomputation and what-if. */
export const scoreRecordedInputs = (inputs: Omit<ScoreInputs, 'inputEventIds' | 'provenance'>, normSet: NormSetDocument<SchemeNorms>): ScoreResult =>
  scoreScheme(
    { landUse: inputs.landUse, peatSharePct: inputs.peatSharePct, indicators: flattenIndicators(inputs.indicators), oncePerSchemePaid: inputs.priorBiodiversityPaid },
    normSet,
  );

/** `scoreRecordedInputs` with only the KPIs in `again` computed, the others standing at their recorded amounts (what-if, D65). */
export const rescoreRecordedInputs = (
  inputs: Omit<ScoreInputs, 'inputEventIds' | 'provenance'>,
  normSet: NormSetDocument<SchemeNorms>,
  recordedKpis: Readonly<Record<string, number>>,
  again: ReadonlySet<string>,
): Pick<ScoreResult, 'totalCents' | 'kpis'> =>
  rescoreScheme(
    { landUse: inputs.landUse, peatSharePct: inputs.peatSharePct, indicators: flattenIndicators(inputs.indicators), oncePerSchemePaid: inputs.priorBiodiversityPaid },
    normSet,
    recordedKpis,
    again,
  );

export type ScoreCalculated = DomainEvent<
  'ScoreCalculated',
  FarmYear & { scoreVersion: number; result: ScoreResult; inputs: ScoreInputs; normSet: NormSetRef; ruleVersion: string; calculatedAt: string }
>;
export type ScoreRecalculated = DomainEvent<
  'ScoreRecalculated',
  FarmYear & { scoreVersion: number; supersedes: number; reason: string; result: ScoreResult; inputs: ScoreInputs; normSet: NormSetRef; ruleVersion: string; calculatedAt: string; cause?: string }
>;
/** What a decision on a dispute says: upheld (the score is corrected) or rejected (it stands), why, and by whom. */
export type DisputeDecision = Readonly<{ outcome: 'upheld' | 'rejected'; reason: string; decidedBy: string; decidedByRole: string; decidedAt: string }>;

export type ScorePresentedToFarmer = DomainEvent<
  'ScorePresentedToFarmer',
  FarmYear & { scoreVersion: number; presentedBy: string; presentedAt: string; /** Presented again after a rejected dispute: the decision goes with it. */ disputeDecision?: DisputeDecision }
>;
export type ScoreApproved = DomainEvent<'ScoreApproved', FarmYear & { scoreVersion: number; approvedBy: string; approvedAt: string }>;
export type ScoreDisputed = DomainEvent<
  'ScoreDisputed',
  FarmYear & { scoreVersion: number; disputedBy: string; reason: string; disputedAt: string; /** When the decision is due (the scheme's `disputes.decisionDays`); absent on disputes recorded before D36. */ decideBy?: string }
>;
export type ScoreDisputeDecided = DomainEvent<'ScoreDisputeDecided', FarmYear & DisputeDecision & { scoreVersion: number; decideBy?: string; late: boolean }>;
export type ScoreForwardedToPayer = DomainEvent<'ScoreForwardedToPayer', FarmYear & { scoreVersion: number; totalCents: number; forwardedBy: string; forwardedAt: string }>;
export type ScoreEvent = ScoreCalculated | ScoreRecalculated | ScorePresentedToFarmer | ScoreApproved | ScoreDisputed | ScoreDisputeDecided | ScoreForwardedToPayer;

export type CalculateScore = Command<
  'CalculateScore',
  FarmYear & { result: ScoreResult; inputs: ScoreInputs; reason: string; cause?: string; settled: boolean; now: string }
>;
export type PresentScore = Command<'PresentScore', FarmYear & { scoreVersion: number; actorId: string; actorRole: string; now: string }>;
export type ApproveScore = Command<'ApproveScore', FarmYear & { scoreVersion: number; actorId: string; farmOwnerId: string; now: string }>;
export type DisputeScore = Command<
  'DisputeScore',
  FarmYear & { scoreVersion: number; actorId: string; farmOwnerId: string; reason: string; /** The scheme's `disputes.decisionDays` in force. */ decisionDays: number; now: string }
>;
export type DecideScoreDispute = Command<
  'DecideScoreDispute',
  FarmYear & { scoreVersion: number; outcome: 'upheld' | 'rejected'; reason: string; actorId: string; actorRole: string; /** The scheme's `disputes.decidedBy`: the role that decides. */ decidingRole: string; now: string }
>;
export type ForwardScore = Command<'ForwardScore', FarmYear & { scoreVersion: number; actorId: string; actorRole: string; openBlockingFindings: readonly string[]; now: string }>;
export type ScoreCommand = CalculateScore | PresentScore | ApproveScore | DisputeScore | DecideScoreDispute | ForwardScore;

export type ScoreStatus = 'none' | 'calculated' | 'presented' | 'approved' | 'disputed' | 'dispute-rejected' | 'dispute-upheld' | 'forwarded';

export type ScoreVersion = Readonly<{ scoreVersion: number; result: ScoreResult; inputs: ScoreInputs; normSet: NormSetRef; calculatedAt: string }>;

export type FarmYearScore = Readonly<{
  status: ScoreStatus;
  current: ScoreVersion | null;
  /** The version last forwarded to the payer, if any (what money is based on). */
  forwarded: (ScoreVersion & { forwardedAt: string }) | null;
  versions: number;
  /** The dispute of the current version, and its decision once there is one (null when the current version was not disputed). */
  dispute: Readonly<{ scoreVersion: number; decideBy?: string; decision?: DisputeDecision }> | null;
}>;


const sameResult = (a: ScoreVersion, result: ScoreResult, inputs: ScoreInputs) =>
  a.result.totalCents === result.totalCents &&
  sameValue(a.result.kpis, result.kpis) &&
  a.normSet.version === result.normSet.version &&
  a.normSet.id === result.normSet.id &&
  sameValue(a.inputs.inputEventIds, inputs.inputEventIds);

const requireCurrent = (state: FarmYearScore, version: number) => {
  if (!state.current) return refuse('SCORE_NOT_FOUND', 'no score has been calculated for this farm-year', 'not_found', 'scoreVersion');
  // A version never calculated was superseded by nothing: telling a client it was sends it after a newer one that is not there.
  if (version > state.current.scoreVersion) return refuse('SCORE_NOT_FOUND', `score version ${version} was never calculated; the current version is ${state.current.scoreVersion}`, 'not_found', 'scoreVersion');
  if (version !== state.current.scoreVersion) {
    return refuse('SCORE_SUPERSEDED', `score version ${version} was superseded by version ${state.current.scoreVersion}`, 'conflict', 'scoreVersion');
  }
  return state.current;
};

/**
 * The farmer approval workflow of one farm-year score (drenthe-2025.md, procedure): calculated →
 * presented → approved (→ forwarded to the payer) or disputed → decided by the calculator: rejected
 * (→ the same score presented again, with the decision) or upheld (→ recalculated from corrected
 * data → presented again). A recalculation that changes the score supersedes the version and any
 * dispute of it. Terminal: forwarded once the subsidy is settled (D36, architecture.md).
 */
export const decideScore = (command: ScoreCommand, state: FarmYearScore): ScoreEvent[] => {
  const { scheme, farmId, year, now } = command.data;
  const key = { scheme, farmId, year };
  switch (command.type) {
    case 'CalculateScore': {
      const { result, inputs } = command.data;
      if (!state.current) {
        return [{ type: 'ScoreCalculated', data: { ...key, scoreVersion: 1, result, inputs, normSet: result.normSet, ruleVersion: result.ruleVersion, calculatedAt: now } }];
      }
      if (command.data.settled) return refuse('SCORE_SETTLED', 'a settled score is never changed silently; re-settle instead', 'conflict');
      if (sameResult(state.current, result, inputs)) {
        // An upheld dispute is answered by a corrected score: the same inputs under the same rules cannot be that (D36).
        if (state.status === 'dispute-upheld') {
          return refuse('SCORE_UNCHANGED', `the dispute of score version ${state.current.scoreVersion} was upheld; the data or the norms must change before the recalculation differs`, 'conflict');
        }
        // Same inputs, same rules, same outcome: nothing new to record or to approve again.
        return [];
      }
      return [
        {
          type: 'ScoreRecalculated',
          data: {
            ...key,
            scoreVersion: state.versions + 1,
            supersedes: state.current.scoreVersion,
            reason: command.data.reason,
            ...(command.data.cause ? { cause: command.data.cause } : {}),
            result,
            inputs,
            normSet: result.normSet,
            ruleVersion: result.ruleVersion,
            calculatedAt: now,
          },
        },
      ];
    }
    case 'PresentScore': {
      // Toelichting art. 10 (seed 003): WUR computes the scores and presents them to the farmer for approval.
      if (command.data.actorRole !== 'calculator') return refuse('ROLE_NOT_PERMITTED', 'the calculator presents a score', 'forbidden');
      const current = requireCurrent(state, command.data.scoreVersion);
      // A rejected dispute leaves the score as it was: it is presented again, with the decision (D36).
      if (state.status === 'dispute-rejected' && state.dispute?.decision) {
        return [{ type: 'ScorePresentedToFarmer', data: { ...key, scoreVersion: current.scoreVersion, presentedBy: command.data.actorId, presentedAt: now, disputeDecision: state.dispute.decision } }];
      }
      if (state.status === 'dispute-upheld') return refuse('DISPUTE_UPHELD', `the dispute of score version ${current.scoreVersion} was upheld: recalculate from corrected data first`, 'conflict');
      if (state.status !== 'calculated') return refuse('SCORE_NOT_CALCULATED', `score version ${current.scoreVersion} is ${state.status}, not waiting to be presented`, 'conflict');
      return [{ type: 'ScorePresentedToFarmer', data: { ...key, scoreVersion: current.scoreVersion, presentedBy: command.data.actorId, presentedAt: now } }];
    }
    case 'ApproveScore': {
      if (command.data.actorId !== command.data.farmOwnerId) return refuse('NOT_YOUR_FARM', 'only the farmer of this farm approves its score', 'forbidden');
      const current = requireCurrent(state, command.data.scoreVersion);
      if (state.status === 'approved' || state.status === 'forwarded') return refuse('ALREADY_APPROVED', `score version ${current.scoreVersion} is already approved`, 'conflict');
      if (state.status !== 'presented') return refuse('SCORE_NOT_PRESENTED', 'a score is approved after it has been presented', 'conflict');
      return [{ type: 'ScoreApproved', data: { ...key, scoreVersion: current.scoreVersion, approvedBy: command.data.actorId, approvedAt: now } }];
    }
    case 'DisputeScore': {
      if (command.data.actorId !== command.data.farmOwnerId) return refuse('NOT_YOUR_FARM', 'only the farmer of this farm disputes its score', 'forbidden');
      const current = requireCurrent(state, command.data.scoreVersion);
      if (state.status !== 'presented') return refuse('SCORE_NOT_PRESENTED', `score version ${current.scoreVersion} is ${state.status}; only a presented score can be disputed`, 'conflict');
      // One dispute per score version: a version presented again after its dispute was rejected is approved, or the farmer goes to court.
      if (state.dispute?.scoreVersion === current.scoreVersion && state.dispute.decision) {
        return refuse('DISPUTE_DECIDED', `the dispute of score version ${current.scoreVersion} was ${state.dispute.decision.outcome}; it is not disputed twice`, 'conflict');
      }
      if (!command.data.reason.trim()) return refuse('DISPUTE_WITHOUT_REASON', 'a dispute gives a reason', 'invalid', 'reason');
      const decideBy = daysAfter(now, command.data.decisionDays);
      return [{ type: 'ScoreDisputed', data: { ...key, scoreVersion: current.scoreVersion, disputedBy: command.data.actorId, reason: command.data.reason, disputedAt: now, decideBy } }];
    }
    case 'DecideScoreDispute': {
      const d = command.data;
      // Toelichting art. 10 (seed 003): WUR computes and presents the scores, so WUR decides on a dispute of them.
      if (d.actorRole !== d.decidingRole) return refuse('NOT_THE_DECIDING_PARTY', `a dispute of this scheme is decided by the ${d.decidingRole}`, 'forbidden');
      const current = requireCurrent(state, d.scoreVersion);
      if (state.status !== 'disputed' || state.dispute?.scoreVersion !== current.scoreVersion) {
        return refuse('NO_OPEN_DISPUTE', `score version ${current.scoreVersion} is ${state.status}; there is no dispute to decide`, 'conflict');
      }
      if (d.outcome !== 'upheld' && d.outcome !== 'rejected') return refuse('INVALID_OUTCOME', 'a dispute is upheld or rejected', 'invalid', 'outcome');
      if (!d.reason.trim()) return refuse('DECISION_WITHOUT_REASON', 'a decision gives its reason', 'invalid', 'reason');
      const decideBy = state.dispute.decideBy;
      return [
        {
          type: 'ScoreDisputeDecided',
          data: { ...key, scoreVersion: current.scoreVersion, outcome: d.outcome, reason: d.reason, decidedBy: d.actorId, decidedByRole: d.actorRole, decidedAt: now, ...(decideBy ? { decideBy } : {}), late: !inTime(now, decideBy) },
        },
      ];
    }
    case 'ForwardScore': {
      // Toelichting art. 10 (seed 003): after the farmer's approval WUR passes the scores to SNN.
      if (command.data.actorRole !== 'calculator') return refuse('ROLE_NOT_PERMITTED', 'the calculator forwards a score to the payer', 'forbidden');
      const current = requireCurrent(state, command.data.scoreVersion);
      if (state.status === 'forwarded') return refuse('ALREADY_FORWARDED', `score version ${current.scoreVersion} is already with the payer`, 'conflict');
      if (state.status !== 'approved') return refuse('SCORE_NOT_APPROVED', 'only a score the farmer approved is forwarded to the payer', 'conflict');
      if (command.data.openBlockingFindings.length) {
        return refuse('OPEN_BLOCKING_FINDINGS', `blocking findings are open: ${command.data.openBlockingFindings.join(', ')}`, 'conflict');
      }
      return [{ type: 'ScoreForwardedToPayer', data: { ...key, scoreVersion: current.scoreVersion, totalCents: current.result.totalCents, forwardedBy: command.data.actorId, forwardedAt: now } }];
    }
    default:
      return assertNever(command);
  }
};

export const evolveScore = (state: FarmYearScore, event: ScoreEvent): FarmYearScore => {
  switch (event.type) {
    case 'ScoreCalculated':
    case 'ScoreRecalculated': {
      const d = event.data;
      return { ...state, status: 'calculated', current: { scoreVersion: d.scoreVersion, result: d.result, inputs: d.inputs, normSet: d.normSet, calculatedAt: d.calculatedAt }, versions: d.scoreVersion, dispute: null };
    }
    case 'ScorePresentedToFarmer':
      return { ...state, status: 'presented' };
    case 'ScoreApproved':
      return { ...state, status: 'approved' };
    case 'ScoreDisputed':
      return { ...state, status: 'disputed', dispute: { scoreVersion: event.data.scoreVersion, ...(event.data.decideBy ? { decideBy: event.data.decideBy } : {}) } };
    case 'ScoreDisputeDecided': {
      const { outcome, reason, decidedBy, decidedByRole, decidedAt } = event.data;
      return { ...state, status: outcome === 'upheld' ? 'dispute-upheld' : 'dispute-rejected', dispute: { ...state.dispute, scoreVersion: event.data.scoreVersion, decision: { outcome, reason, decidedBy, decidedByRole, decidedAt } } };
    }
    case 'ScoreForwardedToPayer':
      return { ...state, status: 'forwarded', forwarded: state.current && { ...state.current, forwardedAt: event.data.forwardedAt } };
    default:
      return assertNever(event);
  }
};

export const scoreDecider: Decider<FarmYearScore, ScoreCommand, ScoreEvent> = {
  decide: decideScore,
  evolve: evolveScore,
  initialState: () => ({ status: 'none', current: null, forwarded: null, versions: 0, dispute: null }),
};
