import { evolveFindings, findingsDecider, type FarmYearFindings, type FindingEvent } from '@asb/domain';
import type { Projection } from '../projection';
import { farmYearKey } from '../balances/balance-submissions.projection';

/** Findings per farm-year, folded with the findings decider's own evolve. */
export const findingsProjection: Projection<FarmYearFindings> = {
  name: 'findings',
  version: 1,
  handles: ['CheckFindingRaised', 'CheckFindingResolved'],
  keysOf: (e) => {
    const d = e.data as { farmId: string; year: number };
    return [farmYearKey(d.farmId, d.year)];
  },
  initialState: () => findingsDecider.initialState(),
  evolve: (state, e) => evolveFindings(state, { type: e.type, data: e.data } as FindingEvent),
};
