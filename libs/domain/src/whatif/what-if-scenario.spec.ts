import { whatIfScenarioDecider as d, type WhatIfScenarioCommand, type WhatIfScenarioEvent } from './what-if-scenario';
import { readScenario } from './scenario';

const scenario = readScenario({ name: 'grassland +10', years: { from: 2024, to: 2025 }, drafts: [{ normSetId: 'drenthe-2025', changes: [{ path: 'yearlyCapCents', value: 1 }] }] });
const given = (events: WhatIfScenarioEvent[]) => events.reduce(d.evolve, d.initialState());
const when = (events: WhatIfScenarioEvent[], command: WhatIfScenarioCommand) => d.decide(command, given(events));
const drafted: WhatIfScenarioEvent = { type: 'WhatIfScenarioDrafted', data: { scenarioId: 's1', scenario, draftedBy: 'pbl', draftedAt: 't0' } };
const requested: WhatIfScenarioEvent = { type: 'WhatIfRunRequested', data: { scenarioId: 's1', runId: 'r1', logPosition: 10, requestedBy: 'pbl', requestedAt: 't1' } };
const summary = { farmYears: 2, subsidyDeltaCents: 5, levyDeltaCents: 0, nSurplusDeltaKg: 0 };

describe('a saved scenario (D52)', () => {
  it('given nothing, when drafted, then drafted; drafting again is refused', () => {
    expect(when([], { type: 'DraftScenario', data: drafted.data })).toEqual([drafted]);
    expect(() => when([drafted], { type: 'DraftScenario', data: drafted.data })).toThrow(expect.objectContaining({ code: 'SCENARIO_EXISTS' }));
  });

  it('given a drafted scenario, a run is requested once; an unknown scenario has no runs', () => {
    expect(when([drafted], { type: 'RequestRun', data: requested.data })).toEqual([requested]);
    expect(when([drafted, requested], { type: 'RequestRun', data: requested.data })).toEqual([]);
    expect(() => when([], { type: 'RequestRun', data: requested.data })).toThrow(expect.objectContaining({ code: 'SCENARIO_NOT_FOUND' }));
  });

  it('a run completes once with its digest; the same digest again is nothing new, another is refused', () => {
    const completed: WhatIfScenarioEvent = { type: 'WhatIfRunCompleted', data: { scenarioId: 's1', runId: 'r1', reportSha256: 'aa', summary, completedAt: 't2' } };
    expect(when([drafted, requested], { type: 'CompleteRun', data: completed.data })).toEqual([completed]);
    expect(when([drafted, requested, completed], { type: 'CompleteRun', data: completed.data })).toEqual([]);
    expect(() => when([drafted, requested, completed], { type: 'CompleteRun', data: { ...completed.data, reportSha256: 'bb' } })).toThrow(expect.objectContaining({ code: 'REPORT_DIFFERS' }));
    expect(() => when([drafted], { type: 'CompleteRun', data: completed.data })).toThrow(expect.objectContaining({ code: 'RUN_NOT_FOUND' }));
  });

  it('reads a scenario strictly, naming the field', () => {
    expect(scenario.uncertainty).toEqual({ samples: 0, seed: 1 });
    expect(() => readScenario({ name: 'x y z', years: { from: 2025, to: 2024 }, drafts: [] })).toThrow(expect.objectContaining({ field: 'years.to' }));
    expect(() => readScenario({ name: 'x y z', years: { from: 2025, to: 2025 }, drafts: [] })).toThrow(expect.objectContaining({ code: 'NOTHING_CHANGED' }));
    expect(() => readScenario({ name: 'x y z', years: { from: 2025, to: 2025 }, drafts: [], simplifications: [{ indicator: 'nh3KgHa', qualities: ['guessed'], value: 1 }] })).toThrow(expect.objectContaining({ field: 'simplifications[0].qualities' }));
    expect(() => readScenario({ name: 'x y z', years: { from: 2025, to: 2025 }, drafts: [{ normSetId: 'a-b', changes: [{ path: 'p', value: 1 }] }], uncertainty: { samples: 1000, seed: 1 } })).toThrow(expect.objectContaining({ field: 'uncertainty.samples' }));
  });
});
