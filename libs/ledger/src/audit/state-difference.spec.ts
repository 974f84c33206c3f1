import { stateDifference } from './state-difference';

describe('the difference between two states of a farm', () => {
  it('names each changed value by its path, records by their id; a new record is one change', () => {
    const before = { farm: { livestockUnits: 120 }, scores: [{ stream: 'score-a', status: 'presented', totalCents: 100 }] };
    const after = { farm: { livestockUnits: 125 }, scores: [{ stream: 'score-b', status: 'calculated', totalCents: 5 }, { stream: 'score-a', status: 'approved', totalCents: 100 }] };
    expect(stateDifference(before, after)).toEqual([
      { path: 'farm.livestockUnits', before: 120, after: 125 },
      { path: 'scores[score-a].status', before: 'presented', after: 'approved' },
      { path: 'scores[score-b]', before: undefined, after: { stream: 'score-b', status: 'calculated', totalCents: 5 } },
    ]);
  });

  it('is empty for equal states, and compares lists without ids by place', () => {
    expect(stateDifference({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
    expect(stateDifference({ a: [1, 2] }, { a: [1, 3, 4] })).toEqual([
      { path: 'a[1]', before: 2, after: 3 },
      { path: 'a[2]', before: undefined, after: 4 },
    ]);
  });

  it('stops at the limit', () => {
    expect(stateDifference({ a: 1, b: 1, c: 1 }, { a: 2, b: 2, c: 2 }, 2)).toHaveLength(2);
  });
});
