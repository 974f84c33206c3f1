import type { RunSummary, WhatIfScenario } from '@asb/domain';
import type { Projection } from '../projection';

export type WhatIfRunDoc = Readonly<{ runId: string; logPosition: number; requestedBy: string; requestedAt: string; completedAt: string | null; reportSha256: string | null; summary: RunSummary | null }>;
export type WhatIfScenarioDoc = Readonly<{ scenarioId: string; name: string; scenario: WhatIfScenario; draftedBy: string; draftedAt: string; runs: readonly WhatIfRunDoc[] }>;

/** The saved scenarios of analysts (D52), by scenario id: for listing with a cursor and reopening. */
export const whatIfScenariosProjection: Projection<WhatIfScenarioDoc | null> = {
  name: 'what-if-scenarios',
  version: 1,
  handles: ['WhatIfScenarioDrafted', 'WhatIfRunRequested', 'WhatIfRunCompleted'],
  keysOf: (event) => [(event.data as { scenarioId: string }).scenarioId],
  initialState: () => null,
  evolve: (state, event) => {
    const d = event.data as Record<string, any>;
    if (event.type === 'WhatIfScenarioDrafted') return { scenarioId: d.scenarioId, name: d.scenario.name, scenario: d.scenario, draftedBy: d.draftedBy, draftedAt: d.draftedAt, runs: [] };
    if (!state) return state;
    if (event.type === 'WhatIfRunRequested') {
      return { ...state, runs: [...state.runs, { runId: d.runId, logPosition: d.logPosition, requestedBy: d.requestedBy, requestedAt: d.requestedAt, completedAt: null, reportSha256: null, summary: null }] };
    }
    return { ...state, runs: state.runs.map((r) => (r.runId === d.runId ? { ...r, completedAt: d.completedAt, reportSha256: d.reportSha256, summary: d.summary } : r)) };
  },
};
