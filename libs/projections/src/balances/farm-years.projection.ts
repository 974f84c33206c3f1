import type { Projection } from '../projection';
import { farmYearBalanceEvents, farmYearOfKey } from './balance-submissions.projection';

export type FarmYear = Readonly<{ farmId: string; year: number; lastRecordedAt: string }>;

/**
 * Which farm-years have balance data: the index the checks (a farm's years) and the analysts (a
 * year's farms) list. The submissions themselves are folded from the farm-year's stream when a
 * balance is asked for (`balanceSubmissionsProjection`), so no stored copy can drift from it.
 */
export const farmYearsProjection: Projection<FarmYear> = {
  name: 'farm-years',
  version: 1,
  ...farmYearBalanceEvents,
  initialState: (key) => ({ ...farmYearOfKey(key), lastRecordedAt: '' }),
  evolve: (state, e) => ({ farmId: state.farmId, year: state.year, lastRecordedAt: e.metadata.recordedAt }),
};
