import type { QualityClass } from '../submission/data-source';

/**
 * What a levy component charges: any indicator a published catalogue declares (D40), as submitted. Two
 * of them are also farm figures of the balance: when no source reported them, they are recomputed from
 * the flows (`FARM_SURPLUS_INDICATORS`).
 */
export type LevyIndicator = string;
export const FARM_SURPLUS_INDICATORS = ['nFarmSurplusKgHa', 'p2o5FarmSurplusKgHa'] as const;

/** What the excess rate is multiplied by to give a chargeable quantity. */
export const LEVY_BASES = ['per-ha', 'per-livestock-unit', 'per-kg-fpcm', 'absolute'] as const;
export type LevyBasis = (typeof LEVY_BASES)[number];

/** A tariff tier over the excess above the levy-free level: from `from` (inclusive) up to the next tier. */
export type LevyTier = Readonly<{ from: string; tariffCentsPerUnit: string }>;

export type LevyComponent = Readonly<{
  id: string;
  indicator: LevyIndicator;
  basis: LevyBasis;
  /** Levy-free level in the indicator's unit; or per land use, weighted by area (MINAS). */
  levyFreeLevel?: string;
  levyFreeLevelByLandUse?: Readonly<{ grassland: string; maize: string; arable: string }>;
  /** Converts excess × basis quantity into the tariff's unit (e.g. g → t: 0.000001). */
  quantityFactor?: string;
  unit: string;
  tiers: readonly LevyTier[];
  /** Data-uncertainty margin per quality class, as % of the value, subtracted before the levy applies. */
  tolerancePctByQuality?: Readonly<Partial<Record<QualityClass, string>>>;
  capCents?: number;
}>;

export type LevyNorms = Readonly<{
  levyId: string;
  illustrative: boolean;
  components: readonly LevyComponent[];
  /** Cap on the whole levy per farm-year: regulating, never prohibitive. */
  capCentsPerFarm?: number;
  /**
   * Objections (D36): the farmer objects within `objectionDays` of an assessment; the role that
   * decides (the norm authority that assesses) does so within `decisionDays` of the objection.
   * Documents published before D36 are read with the shipped values (upcaster, schema 3).
   */
  objections: Readonly<{ objectionDays: number; decidedBy: 'norm_authority'; decisionDays: number }>;
}>;
