import type { LevyAssessment, LevyEvent, LevyInputs } from '@asb/domain';
import type { Projection } from '../projection';

export type LevyDoc = Readonly<{
  levyId: string;
  farmId: string;
  year: number;
  province: string;
  assessmentNo: number;
  status: 'assessed' | 'objected' | 'settled';
  assessment: LevyAssessment;
  /** What the assessment was computed from: lets a what-if reassess without reading streams. */
  inputs: LevyInputs;
  objections: ReadonlyArray<{ assessmentNo: number; reason: string; at: string }>;
  settledCents: number | null;
}>;

export const levyKey = (levyId: string, farmId: string, year: number) => `${levyId}:${farmId}:${year}`;

/** Per farm and year: the latest assessment with its arithmetic, objections and settlement. */
export const leviesProjection: Projection<LevyDoc | null> = {
  name: 'levies',
  version: 2,
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
        return { levyId: d.levyId, farmId: d.farmId, year: d.year, province: d.province, assessmentNo: d.assessmentNo, status: 'assessed', assessment: d.assessment, inputs: d.inputs, objections: state?.objections ?? [], settledCents: null };
      }
      case 'LevyObjected':
        return state && { ...state, status: 'objected', objections: [...state.objections, { assessmentNo: event.data.assessmentNo, reason: event.data.reason, at: event.data.objectedAt }] };
      case 'LevySettled':
        return state && { ...state, status: 'settled', settledCents: event.data.amountCents };
    }
  },
};

