import type { IndicatorKey } from '../submission/indicator-keys';
import type { DataSource } from '../submission/data-source';

/**
 * Where a KPI takes its indicators from (D46): the data sources in order; the first that delivered
 * the indicator in an active submission of the farm-year gives it (its latest such submission).
 * Absent: the balance parameters' `indicatorSourcePrecedence` in force (the one global order every
 * KPI followed before D46).
 */
export type KpiSources = Readonly<{ sources?: readonly DataSource[] }>;

/**
 * What people call a KPI, in Dutch and English (D76): published with the norm set, so a new scheme's
 * KPIs are named without code. Optional: documents published before carry none, and readers fall back
 * to names of their own.
 */
export type KpiTitle = Readonly<{ nl: string; en: string }>;
export type KpiTitled = Readonly<{ title?: KpiTitle }>;

/** A tier: meet the threshold (in the KPI's direction) and the tier pays this many cents. */
export type Tier = Readonly<{ threshold: string; cents: number }>;

export type ThresholdKpi = KpiSources & KpiTitled & Readonly<{
  id: string;
  kind: 'threshold';
  indicator: IndicatorKey;
  direction: 'atMost' | 'atLeast';
  /** Best first; the first tier met pays. */
  tiers: readonly Tier[];
}>;

/** |value| within a band pays (pSoilSurplus). */
export type BandKpi = KpiSources & KpiTitled & Readonly<{ id: string; kind: 'absoluteBand'; indicator: IndicatorKey; tiers: readonly Tier[] }>;

/** Several parts must each meet a tier; the worst part decides (pesticide load). */
export type WorstOfKpi = KpiSources & KpiTitled & Readonly<{ id: string; kind: 'worstOf'; indicators: readonly IndicatorKey[]; direction: 'atMost'; tiers: readonly Tier[] }>;

/** Per land use, each on its own table, amounts weighted by area share (N soil surplus). */
export type AreaWeightedKpi = KpiSources & KpiTitled & Readonly<{
  id: string;
  kind: 'areaWeighted';
  direction: 'atMost';
  landUses: Readonly<Record<'grassland' | 'maize' | 'arable', Readonly<{ indicator: IndicatorKey; tiers: readonly Tier[] }>>>;
  /** kg N/ha subtracted per percent of peat soil before scoring. */
  peatCorrectionPerPct: string;
}>;

/** A yes/no indicator that pays once per farm over the scheme. */
export type OnceKpi = KpiSources & KpiTitled & Readonly<{ id: string; kind: 'oncePerScheme'; indicator: IndicatorKey; cents: number }>;

export type KpiRule = ThresholdKpi | BandKpi | WorstOfKpi | AreaWeightedKpi | OnceKpi;

/** The indicator keys a KPI reads. */
export const kpiIndicators = (rule: KpiRule): readonly IndicatorKey[] => {
  switch (rule.kind) {
    case 'worstOf':
      return rule.indicators;
    case 'areaWeighted':
      return [rule.landUses.grassland.indicator, rule.landUses.maize.indicator, rule.landUses.arable.indicator];
    default:
      return [rule.indicator];
  }
};

export type SchemeNorms = Readonly<{
  scheme: string;
  years: readonly number[];
  applicationWindow: Readonly<{ opensAt: string; closesAt: string }>;
  /** Art. 6: the data sources a calculator must be authorised for before an application is complete. */
  requiredAuthorisationSources: readonly DataSource[];
  kpis: readonly KpiRule[];
  yearlyCapCents: number;
  schemeCapPerFarmCents: number;
  budgetCeilingCents: number;
  /** What a complete application reserves against the ceiling. */
  reservationPerApplicationCents: number;
  /** When the remainder of the ceiling no longer covers a whole reservation. */
  partialLastGrant: 'grant-remainder' | 'refuse';
  /**
   * Landbouw de-minimis (EU 1408/2013, as amended by 2024/3118): the ceiling, the length of the
   * period in years (`fiscalYears`, a name kept from before D39) and what the period is: `rolling`
   * (any period of that many years, up to the day of the grant: 2024/3118) or `fiscal` (the fiscal
   * year of the grant and those before it: the 2013 text). D39.
   */
  deMinimis: Readonly<{ ceilingCents: number; fiscalYears: number; period: 'rolling' | 'fiscal' }>;
  /** Art. 1 and 4: who may apply (D38). */
  eligibility: Readonly<{ provinces: readonly string[]; sbiCodes: readonly string[]; kringloopWijzerRequired: boolean }>;
  /** Past this instant an application without a settlement can be closed (D39). */
  closure: Readonly<{ deadline: string }>;
  advance: Readonly<{ year: number; basedOnYear: number }>;
  settlement: Readonly<{ year: number; years: readonly number[] }>;
  /**
   * Disputes of a score (D36): the role that decides them (the calculator, toelichting art. 10) and
   * how many days it has from the dispute. Documents published before D36 are read with the shipped
   * values (upcaster, schema 5 of NormSetPublished / NormSetAmended).
   */
  disputes: Readonly<{ decidedBy: 'calculator' | 'norm_authority'; decisionDays: number }>;
}>;
