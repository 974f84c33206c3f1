import type { LevyAssessment, LevyEvent } from '@asb/domain';
import { eventRefOf, type EventRef } from '@asb/event-store';
import type { Projection } from '../projection';

export type LevyDoc = Readonly<{
  levyId: string;
  farmId: string;
  year: number;
  province: string;
  assessmentNo: number;
  status: 'assessed' | 'objected' | 'settled';
  assessment: LevyAssessment;
  /** The event that made this assessment: its recorded inputs are what a what-if reassesses. */
  assessedIn: EventRef;
  objections: ReadonlyArray<{ assessmentNo: number; reason: string; at: string }>;
  settledCents: number | null;
}>;

export const levyKey = (levyId: string, farmId: string, year: number) => `${levyId}:${farmId}:${year}`;

/** Per farm and year: the latest assessment with its arithmetic, objections and settlement. */
export const leviesProjection: Projection<LevyDoc | null> = {
  name: 'levies',
  // 3: the inputs stay in the log; the document points to the event that recorded them.
  version: 3,
  handles: ['LevyAssessed', 'LevyObjected', 'LevySettled'],
  keysOf: (e) => {
    const d = e.data as { levyId: string; farmId: string; year: number };
    return [levyKey(d.levyId, d.farmId, d.year)];
  },
  initialState: () => null,
  evolve: (state, stored) => {
    const event = { type: stored.type, data: stored.data } as LevyEvent;
    switch (event.type) {
      case 'LevyAssessed': {
        const d = event.data;
        return { levyId: d.levyId, farmId: d.farmId, year: d.year, province: d.province, assessmentNo: d.assessmentNo, status: 'assessed', assessment: d.assessment, assessedIn: eventRefOf(stored), objections: state?.objections ?? [], settledCents: null };
      }
      case 'LevyObjected':
        return state && { ...state, status: 'objected', objections: [...state.objections, { assessmentNo: event.data.assessmentNo, reason: event.data.reason, at: event.data.objectedAt }] };
      case 'LevySettled':
        return state && { ...state, status: 'settled', settledCents: event.data.amountCents };
    }
  },
};

