import { equivalentMeasuresDecider, evolveEquivalentMeasures, type EquivalentMeasureEvent, type FarmEquivalentMeasures } from '@asb/domain';
import type { Projection } from '../projection';

export type FarmSpecificNorms = Readonly<{
  measures: FarmEquivalentMeasures;
  granted: ReadonlyArray<{ registrationId: string; measure: string; crop: string; soilRegion: string; year: number; extraNKgHa: string; extraP2o5KgHa: string; areaHa?: number }>;
  refused: ReadonlyArray<{ registrationId: string; reasons: ReadonlyArray<{ code: string; message: string }> }>;
}>;

/** Per farm: equivalente maatregelen registrations and the farm-specific usage norms they gave. */
export const farmSpecificNormsProjection: Projection<FarmSpecificNorms> = {
  name: 'farm-specific-norms',
  version: 1,
  handles: ['EquivalentMeasureRegistered', 'EquivalentMeasureEvidenceSubmitted', 'MonitoringFeePaid', 'FarmSpecificNormGranted', 'EquivalentMeasureRefused'],
  keysOf: (e) => [(e.data as { farmId: string }).farmId],
  initialState: () => ({ measures: equivalentMeasuresDecider.initialState(), granted: [], refused: [] }),
  evolve: (state, stored) => {
    const event = { type: stored.type, data: stored.data } as EquivalentMeasureEvent;
    const measures = evolveEquivalentMeasures(state.measures, event);
    if (event.type === 'FarmSpecificNormGranted') {
      const d = event.data;
      return { ...state, measures, granted: [...state.granted, { registrationId: d.registrationId, measure: d.measure, crop: d.crop, soilRegion: d.soilRegion, year: d.year, extraNKgHa: d.extraNKgHa, extraP2o5KgHa: d.extraP2o5KgHa, ...(typeof d.areaHa === 'number' ? { areaHa: d.areaHa } : {}) }] };
    }
    if (event.type === 'EquivalentMeasureRefused') return { ...state, measures, refused: [...state.refused, { registrationId: event.data.registrationId, reasons: event.data.reasons }] };
    return { ...state, measures };
  },
};
