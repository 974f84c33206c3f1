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
  totalCents: number;
  normSet: LevyAssessment['normSet'];
  ruleVersion: string;
  /** The event that made this assessment: its arithmetic (lines) and recorded inputs are read from there. */
  assessedIn: EventRef;
  objections: ReadonlyArray<{ assessmentNo: number; reason: string; at: string }>;
  settledCents: number | null;
}>;

export const levyKey = (levyId: string, farmId: string, year: number) => `${levyId}:${farmId}:${year}`;

/** Per farm and year: the latest assessment with its arithmetic, objections and settlement. */
export const leviesProjection: Projection<LevyDoc | null> = {
  name: 'levies',
  // 4: the inputs and the line-by-line arithmetic stay in the log; the document points to the event.
  version: 4,
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
        return { levyId: d.levyId, farmId: d.farmId, year: d.year, province: d.province, assessmentNo: d.assessmentNo, status: 'assessed', totalCents: d.assessment.totalCents, normSet: d.assessment.normSet, ruleVersion: d.assessment.ruleVersion, assessedIn: eventRefOf(stored), objections: state?.objections ?? [], settledCents: null };
      }
      case 'LevyObjected':
        return state && { ...state, status: 'objected', objections: [...state.objections, { assessmentNo: event.data.assessmentNo, reason: event.data.reason, at: event.data.objectedAt }] };
      case 'LevySettled':
        return state && { ...state, status: 'settled', settledCents: event.data.amountCents };
    }
  },
};

