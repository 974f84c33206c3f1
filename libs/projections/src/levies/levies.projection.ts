import type { LevyAssessment, LevyEvent, LevyStatus } from '@asb/domain';
import { eventRefOf, type EventRef } from '@asb/event-store';
import type { Projection } from '../projection';

export type LevyDoc = Readonly<{
  levyId: string;
  farmId: string;
  year: number;
  province: string;
  assessmentNo: number;
  status: Exclude<LevyStatus, 'none'>;
  totalCents: number;
  normSet: LevyAssessment['normSet'];
  ruleVersion: string;
  /** The event that made this assessment: its arithmetic (lines) and recorded inputs are read from there. */
  assessedIn: EventRef;
  /** Each objection with its decision once there is one (the outcome and when; the authority's reasons stay in the event). */
  objections: ReadonlyArray<{ assessmentNo: number; reason: string; at: string; decideBy?: string; decision?: { outcome: 'upheld' | 'rejected'; at: string; late: boolean } }>;
  /** Until when the current assessment may be objected to (absent on assessments before D36). */
  objectionDeadline?: string;
  settledCents: number | null;
}>;

export const levyKey = (levyId: string, farmId: string, year: number) => `${levyId}:${farmId}:${year}`;

/** Per farm and year: the latest assessment with its arithmetic, objections and settlement. */
export const leviesProjection: Projection<LevyDoc | null> = {
  name: 'levies',
  // 4: the inputs and the line-by-line arithmetic stay in the log; the document points to the event.
  // 5: objection periods, due dates and decisions (D36).
  version: 5,
  handles: ['LevyAssessed', 'LevyObjected', 'LevyObjectionDecided', 'LevySettled'],
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
        return { levyId: d.levyId, farmId: d.farmId, year: d.year, province: d.province, assessmentNo: d.assessmentNo, status: 'assessed', totalCents: d.assessment.totalCents, normSet: d.assessment.normSet, ruleVersion: d.assessment.ruleVersion, assessedIn: eventRefOf(stored), objections: state?.objections ?? [], settledCents: null, ...(d.objectionDeadline ? { objectionDeadline: d.objectionDeadline } : {}) };
      }
      case 'LevyObjected':
        return state && { ...state, status: 'objected', objections: [...state.objections, { assessmentNo: event.data.assessmentNo, reason: event.data.reason, at: event.data.objectedAt, ...(event.data.decideBy ? { decideBy: event.data.decideBy } : {}) }] };
      case 'LevyObjectionDecided': {
        const d = event.data;
        const decision = { outcome: d.outcome, at: d.decidedAt, late: d.late };
        return state && {
          ...state,
          status: d.outcome === 'upheld' ? 'objection-upheld' : 'objection-rejected',
          objections: state.objections.map((o, i) => (i === state.objections.length - 1 && o.assessmentNo === d.assessmentNo ? { ...o, decision } : o)),
        };
      }
      case 'LevySettled':
        return state && { ...state, status: 'settled', settledCents: event.data.amountCents };
    }
  },
};

