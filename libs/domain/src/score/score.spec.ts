import { DeciderSpecification } from '../testing/decider-specification';
import { drenthe2025NormSet } from './drenthe-2025.norm-set';
import { scoreScheme } from './score-scheme';
import { scoreDecider, type ScoreEvent, type ScoreInputs } from './score';

const given = DeciderSpecification.for(scoreDecider);
const T3 = '2025-12-01T09:00:00.000Z';
const key = { scheme: 'drenthe-2025', farmId: 'f', year: 2025 };
const inputs = (ids: string[]): ScoreInputs => ({ indicators: { nFarmSurplusKgHa: 110 }, landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, peatSharePct: 0, priorBiodiversityPaid: false, inputEventIds: ids });
const result = (n: number) => scoreScheme({ landUse: inputs([]).landUse, peatSharePct: 0, oncePerSchemePaid: false, indicators: { nFarmSurplusKgHa: n } }, drenthe2025NormSet);
const calculated: ScoreEvent = { type: 'ScoreCalculated', data: { ...key, scoreVersion: 1, result: result(110), inputs: inputs(['e1']), normSet: { id: 'drenthe-2025', version: 1 }, ruleVersion: result(110).ruleVersion, calculatedAt: 't1' } };
const presented: ScoreEvent = { type: 'ScorePresentedToFarmer', data: { ...key, scoreVersion: 1, presentedBy: 'wur', presentedAt: 't2' } };
const approved: ScoreEvent = { type: 'ScoreApproved', data: { ...key, scoreVersion: 1, approvedBy: 'boer', approvedAt: 't3' } };
const recalculated: ScoreEvent = {
  type: 'ScoreRecalculated',
  data: { ...key, scoreVersion: 2, supersedes: 1, reason: 'corrected data', result: result(120), inputs: inputs(['e2']), normSet: { id: 'drenthe-2025', version: 1 }, ruleVersion: result(120).ruleVersion, calculatedAt: 't4' },
};
const approve = (v: number, actorId = 'boer') => ({ type: 'ApproveScore' as const, data: { ...key, scoreVersion: v, actorId, farmOwnerId: 'boer', now: 't3' } });
const forward = (open: string[] = []) => ({ type: 'ForwardScore' as const, data: { ...key, scoreVersion: 1, actorId: 'wur', actorRole: 'calculator', openBlockingFindings: open, now: 't6' } });

describe('score approval workflow', () => {
  it('calculates, then recalculates only when something changed', () => {
    given([]).when({ type: 'CalculateScore', data: { ...key, result: result(110), inputs: inputs(['e1']), reason: 'first', settled: false, now: 't1' } }).then([calculated]);
    given([calculated]).when({ type: 'CalculateScore', data: { ...key, result: result(110), inputs: inputs(['e1']), reason: 'again', settled: false, now: 't9' } }).then([]);
    given([calculated, presented]).when({ type: 'CalculateScore', data: { ...key, result: result(120), inputs: inputs(['e2']), reason: 'corrected data', settled: false, now: 't4' } }).then([recalculated]);
  });
  it('is approved by the farmer after presentation', () => given([calculated, presented]).when(approve(1)).then([approved]));
  it('refuses approval of a superseded score', () => given([calculated, presented, recalculated]).when(approve(1)).thenRefusedWith('SCORE_SUPERSEDED'));
  it('refuses a version never calculated as not found, not as superseded by an older one', () => {
    given([calculated, presented]).when(approve(2)).thenRefusedWith('SCORE_NOT_FOUND');
    given([calculated, presented, recalculated]).when(approve(7)).thenRefusedWith('SCORE_NOT_FOUND');
  });
  it("refuses approval of someone else's farm", () => given([calculated, presented]).when(approve(1, 'boer-b')).thenRefusedWith('NOT_YOUR_FARM'));
  it('refuses approving twice', () => given([calculated, presented, approved]).when(approve(1)).thenRefusedWith('ALREADY_APPROVED'));
  it('refuses approval before presentation', () => given([calculated]).when(approve(1)).thenRefusedWith('SCORE_NOT_PRESENTED'));
  it('takes a dispute with a reason, after which a recalculation is presented again', () => {
    given([calculated, presented])
      .when({ type: 'DisputeScore', data: { ...key, scoreVersion: 1, actorId: 'boer', farmOwnerId: 'boer', reason: 'grazing hours missing', decisionDays: 42, now: T3 } })
      .then([{ type: 'ScoreDisputed', data: { ...key, scoreVersion: 1, disputedBy: 'boer', reason: 'grazing hours missing', disputedAt: T3, decideBy: '2026-01-12T09:00:00.000Z' } }]);
    given([calculated, presented, { type: 'ScoreDisputed', data: { ...key, scoreVersion: 1, disputedBy: 'boer', reason: 'r', disputedAt: 't3' } }, recalculated])
      .when({ type: 'PresentScore', data: { ...key, scoreVersion: 2, actorId: 'wur', actorRole: 'calculator', now: 't5' } })
      .then([{ type: 'ScorePresentedToFarmer', data: { ...key, scoreVersion: 2, presentedBy: 'wur', presentedAt: 't5' } }]);
  });
  it('forwards an approved score to the payer', () =>
    given([calculated, presented, approved]).when(forward()).then([{ type: 'ScoreForwardedToPayer', data: { ...key, scoreVersion: 1, totalCents: 25000, forwardedBy: 'wur', forwardedAt: 't6' } }]));
  it('refuses to forward with an open blocking finding', () => given([calculated, presented, approved]).when(forward(['f-2025-F1'])).thenRefusedWith('OPEN_BLOCKING_FINDINGS'));
  it('refuses to forward an unapproved score', () => given([calculated, presented]).when(forward()).thenRefusedWith('SCORE_NOT_APPROVED'));
  it('never changes a settled score silently', () =>
    given([calculated]).when({ type: 'CalculateScore', data: { ...key, result: result(130), inputs: inputs(['e3']), reason: 'r', settled: true, now: 't' } }).thenRefusedWith('SCORE_SETTLED'));
});

/**
 * Issue 14: every case can be closed. A dispute has a decision (upheld / rejected, with a reason) by
 * the role the scheme names — the calculator: toelichting art. 10 of the regulation (seed
 * 003_cd67bfe74553cfef.txt) has WUR compute and present the scores — within the scheme's
 * `disputes.decisionDays` (drenthe-2025.md, procedure; D36).
 */
describe('score disputes are decided', () => {
  const disputed: ScoreEvent = { type: 'ScoreDisputed', data: { ...key, scoreVersion: 1, disputedBy: 'boer', reason: 'grazing hours missing', disputedAt: T3, decideBy: '2026-01-12T09:00:00.000Z' } };
  const decide = (outcome: 'upheld' | 'rejected', now = '2025-12-15T09:00:00.000Z', actorRole = 'calculator', reason = 'KLW has 9,999 hours from the farm itself') => ({
    type: 'DecideScoreDispute' as const,
    data: { ...key, scoreVersion: 1, outcome, reason, actorId: 'wur', actorRole, decidingRole: 'calculator', now },
  });
  const decision = (outcome: 'upheld' | 'rejected', decidedAt = '2025-12-15T09:00:00.000Z') => ({ outcome, reason: 'KLW has 9,999 hours from the farm itself', decidedBy: 'wur', decidedByRole: 'calculator', decidedAt });
  const rejected: ScoreEvent = { type: 'ScoreDisputeDecided', data: { ...key, scoreVersion: 1, ...decision('rejected'), decideBy: '2026-01-12T09:00:00.000Z', late: false } };
  const upheld: ScoreEvent = { type: 'ScoreDisputeDecided', data: { ...key, scoreVersion: 1, ...decision('upheld'), decideBy: '2026-01-12T09:00:00.000Z', late: false } };
  const sameAgain = { type: 'CalculateScore' as const, data: { ...key, result: result(110), inputs: inputs(['e1']), reason: 'again', settled: false, now: 't9' } };
  const present = { type: 'PresentScore' as const, data: { ...key, scoreVersion: 1, actorId: 'wur', actorRole: 'calculator', now: '2025-12-16T09:00:00.000Z' } };

  // The deadlock of issue 14 (a): disputed, data unchanged — recalculation records nothing and neither presentation nor approval is allowed.
  it('a disputed score whose data stay the same can move: the calculator decides the dispute', () => {
    given([calculated, presented, disputed]).when(sameAgain).then([]);
    given([calculated, presented, disputed]).when(present).thenRefusedWith('SCORE_NOT_CALCULATED');
    given([calculated, presented, disputed]).when(approve(1)).thenRefusedWith('SCORE_NOT_PRESENTED');
    given([calculated, presented, disputed]).when(decide('rejected')).then([rejected]);
  });
  it('a rejected dispute lets the calculator present the unchanged score again, with the decision attached', () =>
    given([calculated, presented, disputed, rejected]).when(present).then([{ type: 'ScorePresentedToFarmer', data: { ...key, scoreVersion: 1, presentedBy: 'wur', presentedAt: '2025-12-16T09:00:00.000Z', disputeDecision: decision('rejected') } }]));
  it('after the rejected dispute the farmer approves the score presented again, and may not dispute it twice', () => {
    const again: ScoreEvent = { type: 'ScorePresentedToFarmer', data: { ...key, scoreVersion: 1, presentedBy: 'wur', presentedAt: 't', disputeDecision: decision('rejected') } };
    given([calculated, presented, disputed, rejected, again]).when(approve(1)).then([{ type: 'ScoreApproved', data: { ...key, scoreVersion: 1, approvedBy: 'boer', approvedAt: 't3' } }]);
    given([calculated, presented, disputed, rejected, again])
      .when({ type: 'DisputeScore', data: { ...key, scoreVersion: 1, actorId: 'boer', farmOwnerId: 'boer', reason: 'still wrong', decisionDays: 42, now: T3 } })
      .thenRefusedWith('DISPUTE_DECIDED');
  });
  it('an upheld dispute waits for a corrected score: the same data are refused, corrected data recalculate', () => {
    given([calculated, presented, disputed, upheld]).when(sameAgain).thenRefusedWith('SCORE_UNCHANGED');
    given([calculated, presented, disputed, upheld]).when(present).thenRefusedWith('DISPUTE_UPHELD');
    given([calculated, presented, disputed, upheld]).when(approve(1)).thenRefusedWith('SCORE_NOT_PRESENTED');
    given([calculated, presented, disputed, upheld])
      .when({ type: 'CalculateScore', data: { ...key, result: result(120), inputs: inputs(['e2']), reason: 'corrected data', settled: false, now: 't4' } })
      .then([recalculated]);
  });
  it('a decision after the scheme\'s decision period is recorded as late, never refused (a case must close)', () =>
    given([calculated, presented, disputed]).when(decide('upheld', '2026-02-01T09:00:00.000Z')).then([
      { type: 'ScoreDisputeDecided', data: { ...key, scoreVersion: 1, ...decision('upheld', '2026-02-01T09:00:00.000Z'), decideBy: '2026-01-12T09:00:00.000Z', late: true } },
    ]));
  it('only the role the scheme names decides, once, with a reason, on the disputed version', () => {
    given([calculated, presented, disputed]).when(decide('rejected', undefined, 'farmer')).thenRefusedWith('NOT_THE_DECIDING_PARTY');
    given([calculated, presented, disputed]).when(decide('rejected', undefined, 'calculator', ' ')).thenRefusedWith('DECISION_WITHOUT_REASON', 'reason');
    given([calculated, presented, disputed, rejected]).when(decide('upheld')).thenRefusedWith('NO_OPEN_DISPUTE');
    given([calculated, presented]).when(decide('upheld')).thenRefusedWith('NO_OPEN_DISPUTE');
    given([calculated, presented, disputed, recalculated]).when(decide('upheld')).thenRefusedWith('SCORE_SUPERSEDED');
  });
  it('a dispute recorded before D36 has no due date: its decision is never late', () => {
    const old: ScoreEvent = { type: 'ScoreDisputed', data: { ...key, scoreVersion: 1, disputedBy: 'boer', reason: 'r', disputedAt: T3 } };
    given([calculated, presented, old]).when(decide('rejected', '2030-01-01T00:00:00.000Z')).then([
      { type: 'ScoreDisputeDecided', data: { ...key, scoreVersion: 1, ...decision('rejected', '2030-01-01T00:00:00.000Z'), late: false } },
    ]);
  });
});

describe('an unchanged recalculation records nothing, also when the state was read from the store', () => {
  // The store keeps events as canonical JSON (keys sorted): the per-KPI amounts come back in another key order.
  const sortKeys = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  const stored: ScoreEvent = { ...calculated, data: { ...(calculated.data as Extract<ScoreEvent, { type: 'ScoreCalculated' }>['data']), result: { ...result(110), kpis: sortKeys(result(110).kpis) } } } as ScoreEvent;
  it('given the calculated score as stored, when the same result is calculated, then nothing', () =>
    given([stored, presented]).when({ type: 'CalculateScore', data: { ...key, result: result(110), inputs: inputs(['e1']), reason: 'again', settled: false, now: 't9' } }).then([]));
});

describe('who presents and forwards a score', () => {
  // Toelichting art. 10 (seed 003_cd67bfe74553cfef.txt): WUR computes the scores, presents them to the
  // farmer for approval, and after the approval passes them to SNN.
  it('the calculator presents; no other role does', () =>
    given([calculated]).when({ type: 'PresentScore', data: { ...key, scoreVersion: 1, actorId: 'snn', actorRole: 'payer', now: 't2' } }).thenRefusedWith('ROLE_NOT_PERMITTED'));
  it('the calculator forwards; not the farmer who approved', () =>
    given([calculated, presented, approved]).when({ type: 'ForwardScore', data: { ...key, scoreVersion: 1, actorId: 'boer', actorRole: 'farmer', openBlockingFindings: [], now: 't6' } }).thenRefusedWith('ROLE_NOT_PERMITTED'));
});
