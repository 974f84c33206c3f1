import { DeciderSpecification } from '../testing/decider-specification';
import { drenthe2025NormSet } from '../scoring/drenthe-2025.norm-set';
import { scoreScheme } from '../scoring/score-scheme';
import { scoreDecider, type ScoreEvent, type ScoreInputs } from './score';

const given = DeciderSpecification.for(scoreDecider);
const key = { scheme: 'drenthe-2025', farmId: 'f', year: 2025 };
const inputs = (ids: string[]): ScoreInputs => ({ indicators: { nFarmSurplusKgHa: 110 }, landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, peatSharePct: 0, priorBiodiversityPaid: false, inputEventIds: ids });
const result = (n: number) => scoreScheme({ landUse: inputs([]).landUse, peatSharePct: 0, priorBiodiversityPaid: false, indicators: { nFarmSurplusKgHa: n } }, drenthe2025NormSet);
const calculated: ScoreEvent = { type: 'ScoreCalculated', data: { ...key, scoreVersion: 1, result: result(110), inputs: inputs(['e1']), normSet: { id: 'drenthe-2025', version: 1 }, ruleVersion: result(110).ruleVersion, calculatedAt: 't1' } };
const presented: ScoreEvent = { type: 'ScorePresentedToFarmer', data: { ...key, scoreVersion: 1, presentedBy: 'wur', presentedAt: 't2' } };
const approved: ScoreEvent = { type: 'ScoreApproved', data: { ...key, scoreVersion: 1, approvedBy: 'boer', approvedAt: 't3' } };
const recalculated: ScoreEvent = {
  type: 'ScoreRecalculated',
  data: { ...key, scoreVersion: 2, supersedes: 1, reason: 'corrected data', result: result(120), inputs: inputs(['e2']), normSet: { id: 'drenthe-2025', version: 1 }, ruleVersion: result(120).ruleVersion, calculatedAt: 't4' },
};
const approve = (v: number, actorId = 'boer') => ({ type: 'ApproveScore' as const, data: { ...key, scoreVersion: v, actorId, farmOwnerId: 'boer', now: 't3' } });
const forward = (open: string[] = []) => ({ type: 'ForwardScore' as const, data: { ...key, scoreVersion: 1, actorId: 'wur', openBlockingFindings: open, now: 't6' } });

describe('score approval workflow', () => {
  it('calculates, then recalculates only when something changed', () => {
    given([]).when({ type: 'CalculateScore', data: { ...key, result: result(110), inputs: inputs(['e1']), reason: 'first', settled: false, now: 't1' } }).then([calculated]);
    given([calculated]).when({ type: 'CalculateScore', data: { ...key, result: result(110), inputs: inputs(['e1']), reason: 'again', settled: false, now: 't9' } }).then([]);
    given([calculated, presented]).when({ type: 'CalculateScore', data: { ...key, result: result(120), inputs: inputs(['e2']), reason: 'corrected data', settled: false, now: 't4' } }).then([recalculated]);
  });
  it('is approved by the farmer after presentation', () => given([calculated, presented]).when(approve(1)).then([approved]));
  it('refuses approval of a superseded score', () => given([calculated, presented, recalculated]).when(approve(1)).thenRefusedWith('SCORE_SUPERSEDED'));
  it("refuses approval of someone else's farm", () => given([calculated, presented]).when(approve(1, 'boer-b')).thenRefusedWith('NOT_YOUR_FARM'));
  it('refuses approving twice', () => given([calculated, presented, approved]).when(approve(1)).thenRefusedWith('ALREADY_APPROVED'));
  it('refuses approval before presentation', () => given([calculated]).when(approve(1)).thenRefusedWith('SCORE_NOT_PRESENTED'));
  it('takes a dispute with a reason, after which a recalculation is presented again', () => {
    given([calculated, presented])
      .when({ type: 'DisputeScore', data: { ...key, scoreVersion: 1, actorId: 'boer', farmOwnerId: 'boer', reason: 'grazing hours missing', now: 't3' } })
      .then([{ type: 'ScoreDisputed', data: { ...key, scoreVersion: 1, disputedBy: 'boer', reason: 'grazing hours missing', disputedAt: 't3' } }]);
    given([calculated, presented, { type: 'ScoreDisputed', data: { ...key, scoreVersion: 1, disputedBy: 'boer', reason: 'r', disputedAt: 't3' } }, recalculated])
      .when({ type: 'PresentScore', data: { ...key, scoreVersion: 2, actorId: 'wur', now: 't5' } })
      .then([{ type: 'ScorePresentedToFarmer', data: { ...key, scoreVersion: 2, presentedBy: 'wur', presentedAt: 't5' } }]);
  });
  it('forwards an approved score to the payer', () =>
    given([calculated, presented, approved]).when(forward()).then([{ type: 'ScoreForwardedToPayer', data: { ...key, scoreVersion: 1, totalCents: 25000, forwardedBy: 'wur', forwardedAt: 't6' } }]));
  it('refuses to forward with an open blocking finding', () => given([calculated, presented, approved]).when(forward(['f-2025-F1'])).thenRefusedWith('OPEN_BLOCKING_FINDINGS'));
  it('refuses to forward an unapproved score', () => given([calculated, presented]).when(forward()).thenRefusedWith('SCORE_NOT_APPROVED'));
  it('never changes a settled score silently', () =>
    given([calculated]).when({ type: 'CalculateScore', data: { ...key, result: result(130), inputs: inputs(['e3']), reason: 'r', settled: true, now: 't' } }).thenRefusedWith('SCORE_SETTLED'));
});
