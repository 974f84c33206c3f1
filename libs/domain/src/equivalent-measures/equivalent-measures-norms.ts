import type { NormSetDocument } from '../norms/norm-set';

export const EQUIVALENT_MEASURES = ['higher-n-yield', 'p-low-phosphate-high-yield', 'p-neutral-phosphate', 'row-fertilisation-maize'] as const;
export type EquivalentMeasure = (typeof EQUIVALENT_MEASURES)[number];
export const SOIL_REGIONS = ['southern-sand', 'loess', 'northern-sand', 'western-sand', 'central-sand', 'clay', 'peat'] as const;
export type SoilRegion = (typeof SOIL_REGIONS)[number];

/**
 * The documents a registration can be backed by (seed 004): the buyer's authorisation to hand over
 * the quantities bought ("machtiging"), the buyer's written proof, the accountant's composition
 * statement (version 4410), the farm's yield, slurry and fertiliser records (manure codes) and the
 * invoice of the row-fertilisation equipment. Which of them a crop needs is norm data
 * (`evidenceRequired`), never code.
 */
export const EVIDENCE_KINDS = [
  'buyer-authorisation',
  'buyer-written-proof',
  'accountant-composition-statement',
  'yield-records',
  'slurry-records',
  'fertiliser-records',
  'equipment-invoice',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * Kinds of fertiliser a farm's records name (by manure code or remark code, seed 004). Which of them
 * a measure allows is norm data (`allowedFertiliserKinds`).
 */
export const FERTILISER_KINDS = ['mineral-fertiliser', 'slurry', 'solid-manure-grazing-animals', 'solid-manure-other', 'compost', 'champost', 'schuimaarde', 'other-organic'] as const;
export type FertiliserKind = (typeof FERTILISER_KINDS)[number];

/** Per measure, per crop: every evidence kind listed is needed (all of them, not one of them). */
export type EvidenceRequired = Readonly<Partial<Record<EquivalentMeasure, Readonly<Record<string, readonly EvidenceKind[]>>>>>;
/**
 * Per measure: the fertiliser kinds the farm may use on the parcels of the measure, by soil region or
 * `default` for every other region. A measure (or a region without a `default`) not listed is not
 * restricted.
 */
export type AllowedFertiliserKinds = Readonly<Partial<Record<EquivalentMeasure, Readonly<Partial<Record<SoilRegion | 'default', readonly FertiliserKind[]>>>>>>;

export type EquivalentMeasuresNorms = Readonly<{
  /**
   * The last day to register, a Dutch calendar date (YYYY-MM-DD), inclusive ("uiterlijk op"). A
   * date-time is read as the Dutch calendar date of that instant (D42).
   */
  registrationDeadline: string;
  monitoringFeeCents: number;
  /** Slurry N cap for the higher-N measure, kg N/ha, by soil region (every other region: `elsewhere`). */
  slurryNCapKgHa: Readonly<Partial<Record<SoilRegion, string>> & { elsewhere: string }>;
  /** No slurry after this day of the year (MM-DD). */
  lastSlurryDay: string;
  /** Extra N (kg/ha) for above-average yields, by crop, when its yield reaches the threshold (t/ha). */
  higherNYield: Readonly<Record<string, Readonly<{ minYieldTHa: string; extraNKgHa: string }>>>;
  /** +P2O5 on low-phosphate soil for very high yields (t/ha). */
  lowPhosphateHighYield: Readonly<{ extraP2o5KgHa: string; minYieldTHa: Readonly<Record<string, string>> }>;
  /** Higher P norm on neutral-phosphate soil, by yield class table: extra kg P2O5/ha from a yield (t/ha) on. */
  neutralPhosphate: Readonly<Record<string, ReadonlyArray<Readonly<{ fromYieldTHa: string; extraP2o5KgHa: string }>>>>;
  rowFertilisationMaizeExtraNKgHa: Readonly<Partial<Record<'southern-sand' | 'loess' | 'northern-sand' | 'western-sand' | 'central-sand', string>>>;
  /** The crops row fertilisation applies to ("U heeft … mais gezaaid", D42). */
  rowFertilisationCrops: readonly string[];
  recordsKeptYears: number;
  /** The evidence each crop needs, per measure (D42). Every crop of a yield table has an entry. */
  evidenceRequired: EvidenceRequired;
  /** The fertiliser kinds each measure allows (D42). */
  allowedFertiliserKinds: AllowedFertiliserKinds;
}>;

const AUTHORISATION: readonly EvidenceKind[] = ['buyer-authorisation'];
const PROOF_AND_STATEMENT: readonly EvidenceKind[] = ['buyer-written-proof', 'accountant-composition-statement'];
/** "kunstmest, compost, champost, schuimaarde of vaste mest van graasdieren … drijfmest … niet toegestaan". */
const P_MEASURE_FERTILISERS: readonly FertiliserKind[] = ['mineral-fertiliser', 'compost', 'champost', 'schuimaarde', 'solid-manure-grazing-animals'];
/** Southern sand and loess: slurry up to the cap, "voor de overige bemesting met stikstof uitsluitend … stikstofkunstmest". */
const SOUTHERN_N_FERTILISERS: readonly FertiliserKind[] = ['slurry', 'mineral-fertiliser'];

/**
 * Evidence of seed 004 per crop: sugar beet, the ware-potato varieties of table 14 (table 1a for the
 * higher-N measure) and the cereals need the buyer's authorisation; every other crop the buyer's
 * written proof *and* the accountant's composition statement; row fertilisation the equipment's
 * invoice. A crop id `ware-potatoes` means the listed varieties; other varieties are another crop
 * (e.g. `ware-potatoes-other`), added by a new version with their own evidence rule.
 */
export const EVIDENCE_BY_CROP_2017: Readonly<Record<EquivalentMeasure, Readonly<Record<string, readonly EvidenceKind[]>>>> = {
  'higher-n-yield': {
    'sugar-beet': AUTHORISATION,
    'ware-potatoes': AUTHORISATION,
    'winter-wheat': AUTHORISATION,
    'spring-wheat': AUTHORISATION,
    'winter-barley': AUTHORISATION,
    'spring-barley': AUTHORISATION,
  },
  'p-low-phosphate-high-yield': { 'sugar-beet': AUTHORISATION, 'ware-potatoes': AUTHORISATION },
  'p-neutral-phosphate': { 'sugar-beet': AUTHORISATION, 'winter-wheat': AUTHORISATION, 'spring-barley': AUTHORISATION, 'ware-potatoes': AUTHORISATION },
  'row-fertilisation-maize': { maize: ['equipment-invoice'] },
};
/** "Voor de gewassen … heeft u een schriftelijk bewijs van de afnemer en een samenstellingsverklaring van de accountant nodig." */
export const OTHER_CROPS_EVIDENCE_2017: readonly EvidenceKind[] = PROOF_AND_STATEMENT;

type Tables = Pick<EquivalentMeasuresNorms, 'higherNYield' | 'lowPhosphateHighYield' | 'neutralPhosphate'> & Partial<Pick<EquivalentMeasuresNorms, 'rowFertilisationCrops'>>;

/** Row fertilisation in maize, as the document before D42 wrote it in code. */
export const ROW_FERTILISATION_CROPS_2017: readonly string[] = ['maize'];

/** The crops of each measure's table in a usage-norms parameters document. */
export const cropsOfMeasure = (p: Tables): Record<EquivalentMeasure, string[]> => ({
  'higher-n-yield': Object.keys(p.higherNYield ?? {}),
  'p-low-phosphate-high-yield': Object.keys(p.lowPhosphateHighYield?.minYieldTHa ?? {}),
  'p-neutral-phosphate': Object.keys(p.neutralPhosphate ?? {}),
  'row-fertilisation-maize': [...(Array.isArray(p.rowFertilisationCrops) ? p.rowFertilisationCrops : ROW_FERTILISATION_CROPS_2017)],
});

/**
 * The evidence rules of seed 004 for every crop of a document's tables: the crop's own rule, else the
 * rule for "other crops". The shipped document holds exactly this; upcasting a document recorded
 * before the field existed adds it the same way (`upcasters.ts`, D42).
 */
export const evidenceRequired2017For = (p: Tables): EvidenceRequired => {
  const crops = cropsOfMeasure(p);
  return Object.fromEntries(
    EQUIVALENT_MEASURES.map((m) => [m, Object.fromEntries(crops[m].map((crop) => [crop, Object.hasOwn(EVIDENCE_BY_CROP_2017[m], crop) ? EVIDENCE_BY_CROP_2017[m][crop] : OTHER_CROPS_EVIDENCE_2017]))]),
  ) as EvidenceRequired;
};
export const ALLOWED_FERTILISER_KINDS_2017: AllowedFertiliserKinds = {
  'higher-n-yield': { 'southern-sand': SOUTHERN_N_FERTILISERS, loess: SOUTHERN_N_FERTILISERS },
  'p-low-phosphate-high-yield': { default: P_MEASURE_FERTILISERS },
  'p-neutral-phosphate': { default: P_MEASURE_FERTILISERS },
};

const TABLES_2017 = {
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
  rowFertilisationCrops: ROW_FERTILISATION_CROPS_2017,
};

/**
 * RVO, "Equivalente maatregelen" (seed 004). The P thresholds, slurry caps, row-fertilisation
 * extras, fee, deadline, evidence per crop and allowed fertilisers are from the source; the higher-N
 * table and the neutral-phosphate table are abbreviated to a few crops as an example of the shape —
 * extend by publishing a new version.
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
    ...TABLES_2017,
    rowFertilisationMaizeExtraNKgHa: { 'northern-sand': '10', 'western-sand': '10', 'central-sand': '10', 'southern-sand': '25', loess: '25' },
    recordsKeptYears: 5,
    evidenceRequired: evidenceRequired2017For(TABLES_2017),
    allowedFertiliserKinds: ALLOWED_FERTILISER_KINDS_2017,
  },
};
