import type { NormSetDocument } from '../norms/norm-set';

export const EQUIVALENT_MEASURES = ['higher-n-yield', 'p-low-phosphate-high-yield', 'p-neutral-phosphate', 'row-fertilisation-maize'] as const;
export type EquivalentMeasure = (typeof EQUIVALENT_MEASURES)[number];
export const SOIL_REGIONS = ['southern-sand', 'loess', 'northern-sand', 'western-sand', 'central-sand', 'clay', 'peat'] as const;
export type SoilRegion = (typeof SOIL_REGIONS)[number];

export type EquivalentMeasuresNorms = Readonly<{
  registrationDeadline: string;
  monitoringFeeCents: number;
  /** Slurry N cap for the higher-N measure, kg N/ha, by soil region (others: `elsewhere`). */
  slurryNCapKgHa: Readonly<{ 'southern-sand': string; loess: string; elsewhere: string }>;
  /** No slurry after this day of the year (MM-DD). */
  lastSlurryDay: string;
  /** Extra N (kg/ha) for above-average yields, by crop, when its yield reaches the threshold (t/ha). */
  higherNYield: Readonly<Record<string, Readonly<{ minYieldTHa: string; extraNKgHa: string }>>>;
  /** +P2O5 on low-phosphate soil for very high yields (t/ha). */
  lowPhosphateHighYield: Readonly<{ extraP2o5KgHa: string; minYieldTHa: Readonly<Record<string, string>> }>;
  /** Higher P norm on neutral-phosphate soil, by yield class table: extra kg P2O5/ha from a yield (t/ha) on. */
  neutralPhosphate: Readonly<Record<string, ReadonlyArray<Readonly<{ fromYieldTHa: string; extraP2o5KgHa: string }>>>>;
  rowFertilisationMaizeExtraNKgHa: Readonly<Partial<Record<'southern-sand' | 'loess' | 'northern-sand' | 'western-sand' | 'central-sand', string>>>;
  recordsKeptYears: number;
}>;

/**
 * RVO, "Equivalente maatregelen" (seed 004). The P thresholds, slurry caps, row-fertilisation
 * extras, fee and deadline are from the source; the higher-N table and the neutral-phosphate table
 * are abbreviated to a few crops as an example of the shape — extend by publishing a new version.
 */
export const equivalentMeasures2017: NormSetDocument<EquivalentMeasuresNorms> = {
  normSetId: 'equivalente-maatregelen-2017',
  kind: 'usage-norms',
  version: 1,
  title: 'Equivalente maatregelen: farm-specific extra usage norms (RVO), 2017',
  legalBasis: 'Uitvoeringsregeling Meststoffenwet, equivalente maatregelen (RVO); seed 004',
  effectiveFrom: '2017-01-01',
  parameters: {
    registrationDeadline: '2017-06-01T00:00:00.000Z',
    monitoringFeeCents: 19_500,
    slurryNCapKgHa: { 'southern-sand': '75', loess: '75', elsewhere: '100' },
    lastSlurryDay: '07-01',
    higherNYield: {
      'sugar-beet': { minYieldTHa: '80', extraNKgHa: '20' },
      'ware-potatoes': { minYieldTHa: '60', extraNKgHa: '30' },
      maize: { minYieldTHa: '55', extraNKgHa: '20' },
    },
    lowPhosphateHighYield: {
      extraP2o5KgHa: '5',
      minYieldTHa: { 'sugar-beet': '85', 'ware-potatoes': '65', 'seed-potatoes': '45', 'sown-onion': '75', maize: '60' },
    },
    neutralPhosphate: {
      'ware-potatoes': [{ fromYieldTHa: '60', extraP2o5KgHa: '5' }, { fromYieldTHa: '70', extraP2o5KgHa: '10' }],
      'sugar-beet': [{ fromYieldTHa: '80', extraP2o5KgHa: '5' }, { fromYieldTHa: '90', extraP2o5KgHa: '10' }],
    },
    rowFertilisationMaizeExtraNKgHa: { 'northern-sand': '10', 'western-sand': '10', 'central-sand': '10', 'southern-sand': '25', loess: '25' },
    recordsKeptYears: 5,
  },
};
