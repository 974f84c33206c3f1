import type { StoredEvent } from '@asb/event-store';
import { foldProjection } from '../projection';
import { calculatorWorkProjection, type CalculatorWorkDoc } from './calculator-work.projection';

let position = 0;
const event = (type: string, data: object): StoredEvent =>
  ({ id: `e${++position}`, position, type, data, streamId: 's', revision: 0, schemaVersion: 1, hash: '', metadata: { actor: { id: 'x', role: 'system' }, recordedAt: '', correlationId: '', causationId: '' } }) as unknown as StoredEvent;

const key = { scheme: 'drenthe-2025', farmId: 'nl-0001', year: 2025 };
const calculated = (scoreVersion: number, at: string) =>
  event(scoreVersion === 1 ? 'ScoreCalculated' : 'ScoreRecalculated', { ...key, scoreVersion, result: { totalCents: 100_000 * scoreVersion }, calculatedAt: at });
const items = (docs: Map<string, CalculatorWorkDoc>) => Object.fromEntries([...docs].filter(([, d]) => d.item).map(([k, d]) => [k, d.item]));

describe("the calculator's work queue projection", () => {
  it('given a calculated score, it is to be presented; presented, it is no one\'s work of the calculator', () => {
    const docs = foldProjection(calculatorWorkProjection, [calculated(1, '2025-12-01T09:00:00.000Z')]);
    expect(items(docs)).toEqual({
      'to-present:nl-0001:2025:drenthe-2025': { kind: 'to-present', task: 'present', ...key, since: '2025-12-01T09:00:00.000Z', scoreVersion: 1, totalCents: 100_000 },
    });
    const presented = foldProjection(calculatorWorkProjection, [calculated(1, '2025-12-01T09:00:00.000Z'), event('ScorePresentedToFarmer', { ...key, scoreVersion: 1 })]);
    expect(items(presented)).toEqual({});
  });

  it('given a dispute, it is to be decided with the farmer\'s reason; upheld, recalculated; recalculated, presented again', () => {
    const disputed = [
      calculated(1, '2025-12-01T09:00:00.000Z'),
      event('ScorePresentedToFarmer', { ...key, scoreVersion: 1 }),
      event('ScoreDisputed', { ...key, scoreVersion: 1, reason: 'grazing hours missing', disputedAt: '2025-12-02T09:00:00.000Z', decideBy: '2026-01-13T09:00:00.000Z' }),
    ];
    expect(Object.values(items(foldProjection(calculatorWorkProjection, disputed)))).toEqual([
      { kind: 'disputed', task: 'decide-dispute', ...key, since: '2025-12-02T09:00:00.000Z', scoreVersion: 1, totalCents: 100_000, disputeReason: 'grazing hours missing', decideBy: '2026-01-13T09:00:00.000Z' },
    ]);
    const upheld = [...disputed, event('ScoreDisputeDecided', { ...key, scoreVersion: 1, outcome: 'upheld', reason: 'register shows 1,600 h', decidedAt: '2025-12-03T09:00:00.000Z' })];
    expect(Object.values(items(foldProjection(calculatorWorkProjection, upheld)))).toEqual([
      { kind: 'disputed', task: 'recalculate', ...key, since: '2025-12-03T09:00:00.000Z', scoreVersion: 1, totalCents: 100_000, disputeReason: 'grazing hours missing', decision: { outcome: 'upheld', reason: 'register shows 1,600 h' } },
    ]);
    const recalculated = foldProjection(calculatorWorkProjection, [...upheld, calculated(2, '2025-12-04T09:00:00.000Z')]);
    expect(Object.values(items(recalculated))).toEqual([{ kind: 'to-present', task: 'present', ...key, since: '2025-12-04T09:00:00.000Z', scoreVersion: 2, totalCents: 200_000 }]);
  });

  it('given a rejected dispute, the same score is to be presented again with the decision', () => {
    const docs = foldProjection(calculatorWorkProjection, [
      calculated(1, '2025-12-01T09:00:00.000Z'),
      event('ScorePresentedToFarmer', { ...key, scoreVersion: 1 }),
      event('ScoreDisputed', { ...key, scoreVersion: 1, reason: 'more', disputedAt: '2025-12-02T09:00:00.000Z' }),
      event('ScoreDisputeDecided', { ...key, scoreVersion: 1, outcome: 'rejected', reason: 'the figures hold', decidedAt: '2025-12-03T09:00:00.000Z' }),
    ]);
    expect(Object.values(items(docs))).toEqual([
      { kind: 'to-present', task: 'present-again', ...key, since: '2025-12-03T09:00:00.000Z', scoreVersion: 1, totalCents: 100_000, decision: { outcome: 'rejected', reason: 'the figures hold' } },
    ]);
  });

  it('keeps a blocking finding while it is open, and never a warning', () => {
    const finding = (findingId: string, severity: string) =>
      event('CheckFindingRaised', { farmId: 'nl-0001', year: 2025, findingId, checkId: 'milk-delivered', subject: 'milk', severity, message: 'sources differ', compared: [], raisedAt: '2025-09-02T08:00:00.000Z' });
    const open = foldProjection(calculatorWorkProjection, [finding('nl-0001-2025-F1', 'blocking'), finding('nl-0001-2025-F2', 'warning')]);
    expect(items(open)).toEqual({
      'blocking:nl-0001:2025:nl-0001-2025-F1': { kind: 'blocking', task: 'decide-finding', farmId: 'nl-0001', year: 2025, since: '2025-09-02T08:00:00.000Z', findingId: 'nl-0001-2025-F1', checkId: 'milk-delivered', subject: 'milk', message: 'sources differ' },
    });
    const resolved = foldProjection(calculatorWorkProjection, [finding('nl-0001-2025-F1', 'blocking'), event('CheckFindingResolved', { farmId: 'nl-0001', year: 2025, findingId: 'nl-0001-2025-F1', resolution: 'calculator-decision' })]);
    expect(items(resolved)).toEqual({});
  });
});
