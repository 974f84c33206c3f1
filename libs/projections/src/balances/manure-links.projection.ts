import type { BalanceData } from '@asb/domain';
import type { StoredEvent } from '@asb/event-store';
import type { Projection } from '../projection';
import { farmYearKey } from './balance-submissions.projection';

export type ManureLinks = Readonly<{ counterparts: readonly string[] }>;

/** Farms named on either side of a manure flow, so either side's new data re-runs the cross-farm check. */
export const counterpartsIn = (data: Partial<BalanceData>): string[] =>
  [...new Set((data.flows ?? []).map((f) => f.counterpartyFarmId).filter((x): x is string => !!x))];

export const manureLinksProjection: Projection<ManureLinks> = {
  name: 'manure-links',
  version: 1,
  handles: ['BalanceDataSubmitted', 'BalanceDataCorrected'],
  keysOf: (e: StoredEvent) => {
    const d = e.data as BalanceData & { farmId: string; year: number };
    const others = counterpartsIn(d);
    return others.length ? [farmYearKey(d.farmId, d.year), ...others.map((o) => farmYearKey(o, d.year))] : [];
  },
  initialState: () => ({ counterparts: [] }),
  evolve: (state, e) => {
    const d = e.data as BalanceData & { farmId: string };
    // Applied to both sides' documents: each learns of the other.
    const add = [d.farmId, ...counterpartsIn(d)];
    return { counterparts: [...new Set([...state.counterparts, ...add])].sort() };
  },
};
