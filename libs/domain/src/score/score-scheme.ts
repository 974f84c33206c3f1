import Decimal from 'decimal.js';
import type { LandUse } from '../farm/farm';
import type { NormSetDocument, NormSetRef } from '../norms/norm-set';
import { assertNever } from '../shared/decider';
import type { IndicatorKey } from '../submission/indicator-keys';
import { checkSchemeParameters } from '../norms/validate-norm-set';
import { invalidField, isPlainObject, requireNumber, requireObject, requireSafeCents } from '../shared/guards';
import { readLandUse } from '../submission/validate-balance-data';
import type { AreaWeightedKpi, BandKpi, KpiRule, SchemeNorms, ThresholdKpi, WorstOfKpi } from './scheme-norms';
import { exactDecimal, tierCents } from './tiers';

/** The version of this calculation code; recorded with every score beside the norm-set version. */
export const SCHEME_SCORING_RULE_VERSION = 'scheme-scoring/1.0.0';

export type IndicatorValues = Readonly<Partial<Record<IndicatorKey, number | boolean>>>;

export type ScoreInput = Readonly<{
  landUse: LandUse;
  peatSharePct: number;
  indicators: IndicatorValues;
  /** A `oncePerScheme` KPI paid out to this farm before: it pays nothing again. */
  oncePerSchemePaid: boolean;
}>;

export type ScoreResult = Readonly<{
  totalCents: number;
  /** Sum of the KPI amounts before the yearly cap. */
  uncappedCents: number;
  kpis: Readonly<Record<string, number>>;
  missing: readonly IndicatorKey[];
  normSet: NormSetRef;
  ruleVersion: string;
}>;

const dec = exactDecimal;

type Scored = { cents: number; missing: IndicatorKey[] };

const indicator = (input: ScoreInput, key: IndicatorKey): unknown => (Object.hasOwn(input.indicators, key) ? input.indicators[key] : undefined);

const numeric = (input: ScoreInput, key: IndicatorKey): Decimal | null => {
  const v = indicator(input, key);
  return typeof v === 'number' && Number.isFinite(v) ? dec(v) : null;
};

const scoreThreshold = (rule: ThresholdKpi, input: ScoreInput): Scored => {
  const v = numeric(input, rule.indicator);
  return v === null ? { cents: 0, missing: [rule.indicator] } : { cents: tierCents(v, rule.tiers, rule.direction), missing: [] };
};

const scoreBand = (rule: BandKpi, input: ScoreInput): Scored => {
  const v = numeric(input, rule.indicator);
  return v === null ? { cents: 0, missing: [rule.indicator] } : { cents: tierCents(v.abs(), rule.tiers, 'atMost'), missing: [] };
};

/** All parts must meet a tier; the worst part decides. */
const scoreWorstOf = (rule: WorstOfKpi, input: ScoreInput): Scored => {
  const values = rule.indicators.map((k) => numeric(input, k));
  const missing = rule.indicators.filter((_, i) => values[i] === null);
  if (missing.length) return { cents: 0, missing };
  return { cents: Math.min(...values.map((v) => tierCents(v!, rule.tiers, rule.direction))), missing: [] };
};

/** Each land use on its own table after the peat correction, amounts weighted by area share, rounded half up. */
const scoreAreaWeighted = (rule: AreaWeightedKpi, input: ScoreInput): Scored => {
  const hectares = { grassland: input.landUse.grasslandHa, maize: input.landUse.maizeHa, arable: input.landUse.arableHa };
  const total = dec(hectares.grassland).plus(hectares.maize).plus(hectares.arable);
  if (total.lte(0)) return { cents: 0, missing: [] };
  const correction = dec(input.peatSharePct).times(rule.peatCorrectionPerPct);
  const missing: IndicatorKey[] = [];
  let weighted = new Decimal(0);
  for (const landUse of ['grassland', 'maize', 'arable'] as const) {
    const ha = dec(hectares[landUse]);
    if (ha.lte(0)) continue; // a land use with 0 ha drops out
    const table = rule.landUses[landUse];
    const v = numeric(input, table.indicator);
    if (v === null) {
      missing.push(table.indicator);
      continue;
    }
    weighted = weighted.plus(dec(tierCents(v.minus(correction), table.tiers, rule.direction)).times(ha));
  }
  return { cents: weighted.div(total).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber(), missing };
};

const scoreKpi = (rule: KpiRule, input: ScoreInput): Scored => {
  switch (rule.kind) {
    case 'threshold':
      return scoreThreshold(rule, input);
    case 'absoluteBand':
      return scoreBand(rule, input);
    case 'worstOf':
      return scoreWorstOf(rule, input);
    case 'areaWeighted':
      return scoreAreaWeighted(rule, input);
    case 'oncePerScheme': {
      const v = indicator(input, rule.indicator);
      if (typeof v !== 'boolean') return { cents: 0, missing: [rule.indicator] };
      return { cents: v && !input.oncePerSchemePaid ? rule.cents : 0, missing: [] };
    }
    default:
      return assertNever(rule);
  }
};

/**
 * The entrance (D31): land use and peat share are required finite numbers; an indicator that is
 * missing, null or not a finite number (or boolean) is missing (the KPI pays nothing and is listed);
 * oncePerSchemePaid missing or null reads as false.
 */
const readScoreInput = (raw: ScoreInput): ScoreInput => {
  const input = requireObject(raw, 'input');
  const indicators = input.indicators === undefined || input.indicators === null ? {} : requireObject(input.indicators, 'indicators');
  const prior = input.oncePerSchemePaid;
  if (prior !== undefined && prior !== null && typeof prior !== 'boolean') invalidField('INVALID_VALUE', 'oncePerSchemePaid is true or false', 'oncePerSchemePaid');
  return {
    landUse: readLandUse(input.landUse, 'landUse'),
    peatSharePct: requireNumber(input.peatSharePct, 'peatSharePct'),
    indicators: indicators as IndicatorValues,
    oncePerSchemePaid: prior === true,
  };
};

/** Scores one farm-year under a scheme's published norm set (drenthe-2025.md, Bijlage I). */
export const scoreScheme = (raw: ScoreInput, normSet: NormSetDocument<SchemeNorms>): ScoreResult => {
  requireObject(normSet, 'normSet');
  checkSchemeParameters(normSet.parameters);
  const input = readScoreInput(raw);
  const kpis: Record<string, number> = {};
  const missing: IndicatorKey[] = [];
  for (const rule of normSet.parameters.kpis) {
    const scored = scoreKpi(rule, input);
    kpis[rule.id] = scored.cents;
    missing.push(...scored.missing);
  }
  const uncapped = requireSafeCents(Object.values(kpis).reduce((a, b) => a + b, 0), 'uncappedCents');
  return {
    totalCents: Math.min(uncapped, normSet.parameters.yearlyCapCents),
    uncappedCents: uncapped,
    kpis,
    missing,
    normSet: { id: normSet.normSetId, version: normSet.version },
    ruleVersion: SCHEME_SCORING_RULE_VERSION,
  };
};

/**
 * A score with only the KPIs in `again` computed; every other KPI stands at its amount in `standing`
 * (a what-if keeps what a draft did not touch, D65). The total is `scoreScheme`'s rule over the
 * amounts: equal to `scoreScheme` whenever the standing amounts are what it would compute.
 */
export const rescoreScheme = (raw: ScoreInput, normSet: NormSetDocument<SchemeNorms>, standing: Readonly<Record<string, number>>, again: ReadonlySet<string>): Pick<ScoreResult, 'totalCents' | 'kpis'> => {
  checkSchemeParameters(normSet.parameters);
  const input = readScoreInput(raw);
  const kpis: Record<string, number> = {};
  for (const rule of normSet.parameters.kpis) kpis[rule.id] = again.has(rule.id) || !Object.hasOwn(standing, rule.id) ? scoreKpi(rule, input).cents : standing[rule.id];
  const uncapped = requireSafeCents(Object.values(kpis).reduce((a, b) => a + b, 0), 'uncappedCents');
  return { totalCents: Math.min(uncapped, normSet.parameters.yearlyCapCents), kpis };
};

/** The examples nest sub-parts ({ nSoilSurplusKgHa: { grassland } }); submissions use dotted keys. */
export const flattenIndicators = (nested: Readonly<Record<string, unknown>>): IndicatorValues => {
  const out: Record<string, number | boolean> = {};
  if (!isPlainObject(nested)) return out;
  for (const [key, value] of Object.entries(nested)) {
    if (value !== null && typeof value === 'object') {
      for (const [part, v] of Object.entries(value as Record<string, unknown>)) {
        if (typeof v === 'number' || typeof v === 'boolean') out[`${key}.${part}`] = v;
      }
    } else if (typeof value === 'number' || typeof value === 'boolean') out[key] = value;
  }
  return out as IndicatorValues;
};
