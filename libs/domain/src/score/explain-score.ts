import Decimal from 'decimal.js';
import type { NormSetDocument } from '../norms/norm-set';
import { assertNever } from '../shared/decider';
import type { DataSource, QualityClass } from '../submission/data-source';
import type { IndicatorKey } from '../submission/indicator-keys';
import type { AreaWeightedKpi, BandKpi, KpiRule, KpiTitle, OnceKpi, SchemeNorms, ThresholdKpi, Tier, WorstOfKpi } from './scheme-norms';
import type { ScoreInputs } from './score';
import { flattenIndicators } from './score-scheme';
import { exactDecimal, tierMet, type TierDirection } from './tiers';

/** Where a value the score used came from (the score's recorded provenance, D45/D46); null for a score recorded before D46. */
export type UsedValueSource = Readonly<{ source: DataSource; quality: QualityClass; submissionId: string; eventId: string }>;

/** A tier of a table: its rank (1 = best) among `of`, its bound and what it pays. */
export type TierReached = Readonly<{ rank: number; of: number; threshold: string; cents: number }>;

/**
 * What reaches the next better tier of a part's table: the recorded indicator at most / at least
 * `value` (for a band: its absolute value at most `value`; for a land use: before the peat correction).
 */
export type NextTier = Readonly<{ rank: number; threshold: string; cents: number; direction: TierDirection; value: string }>;

/** One indicator a KPI read, as the score used it, and where it stands on its table. */
export type KpiPartExplanation = Readonly<{
  indicator: IndicatorKey;
  /** The recorded value; null when the score found none (the KPI pays nothing for it). */
  value: number | boolean | null;
  /** The value compared with the table when it is not the recorded one (a band's absolute value, a land use after the peat correction). */
  comparedValue?: string;
  landUse?: 'grassland' | 'maize' | 'arable';
  /** A land use's area and its share of the farm's area (the weight of its amount). */
  areaHa?: number;
  weight?: string;
  /** How the part's table compares (a band compares its absolute value at most); absent for a yes/no KPI. */
  direction?: TierDirection;
  /** The tier met (null: none met, or no value). */
  tier: TierReached | null;
  /** The next better tier (null: the best tier is met, or there is no table). */
  next: NextTier | null;
  cents: number;
  source: UsedValueSource | null;
}>;

/**
 * Per KPI: what the score used, the tier each part met, the amount, and what reaches the next tier.
 * `highestReached`: nothing more is to be earned on this KPI (every part on its best tier, or a
 * once-per-scheme KPI that paid or was paid before).
 */
export type KpiExplanation = Readonly<{
  kpiId: string;
  /** The KPI's title in the norm set the score names (D76); absent where that document has none. */
  title?: KpiTitle;
  kind: KpiRule['kind'];
  cents: number;
  parts: readonly KpiPartExplanation[];
  missing: readonly IndicatorKey[];
  highestReached: boolean;
  /** A once-per-scheme KPI: paid to this farm before, so it pays nothing again. */
  paidBefore?: boolean;
}>;

export type RecordedScoreInputs = Omit<ScoreInputs, 'inputEventIds'>;

type Values = Readonly<Record<string, number | boolean>>;

const sourceOf = (inputs: RecordedScoreInputs, kpiId: string, indicator: IndicatorKey): UsedValueSource | null => {
  const found = inputs.provenance?.[kpiId]?.indicators.find((p) => p.indicator === indicator);
  return found ? { source: found.source, quality: found.quality, submissionId: found.submissionId, eventId: found.eventId } : null;
};

const numericValue = (values: Values, key: IndicatorKey): number | null => {
  const v = Object.hasOwn(values, key) ? values[key] : undefined;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

const tierAt = (tiers: readonly Tier[], index: number): TierReached | null =>
  index < 0 ? null : { rank: index + 1, of: tiers.length, threshold: tiers[index]!.threshold, cents: tiers[index]!.cents };

/**
 * The next better tier after the one met (the worst tier when none is met): the recorded value that
 * reaches it is its bound, moved back by what scoring subtracts first (`offset`: the peat correction).
 */
const nextAfter = (tiers: readonly Tier[], index: number, direction: TierDirection, offset: Decimal): NextTier | null => {
  const nextIndex = index < 0 ? tiers.length - 1 : index - 1;
  if (nextIndex < 0 || !tiers[nextIndex]) return null;
  const t = tiers[nextIndex];
  return { rank: nextIndex + 1, threshold: t.threshold, cents: t.cents, direction, value: offset.plus(t.threshold).toString() };
};

/** A part on a table: the value compared (after `toCompared`), its tier, the next tier, its amount. */
const onTable = (
  value: number | null,
  tiers: readonly Tier[],
  direction: TierDirection,
  toCompared: (v: Decimal) => Decimal = (v) => v,
  offset: Decimal = new Decimal(0),
): Pick<KpiPartExplanation, 'direction' | 'tier' | 'next' | 'cents'> & { compared?: Decimal } => {
  if (value === null) return { direction, tier: null, next: null, cents: 0 };
  const compared = toCompared(exactDecimal(value));
  const index = tierMet(compared, tiers, direction);
  return { direction, tier: tierAt(tiers, index), next: nextAfter(tiers, index, direction, offset), cents: tiers[index]?.cents ?? 0, compared };
};

const explainThreshold = (rule: ThresholdKpi | BandKpi, values: Values, inputs: RecordedScoreInputs): KpiExplanation => {
  const value = numericValue(values, rule.indicator);
  const band = rule.kind === 'absoluteBand';
  const { compared, ...placed } = onTable(value, rule.tiers, band ? 'atMost' : rule.direction, band ? (v) => v.abs() : undefined);
  const part: KpiPartExplanation = {
    indicator: rule.indicator, value, ...(band && compared ? { comparedValue: compared.toString() } : {}), ...placed, source: sourceOf(inputs, rule.id, rule.indicator),
  };
  return { kpiId: rule.id, kind: rule.kind, cents: part.cents, parts: [part], missing: value === null ? [rule.indicator] : [], highestReached: value !== null && part.next === null };
};

/** Every part is placed on the one table; the worst part decides the amount. */
const explainWorstOf = (rule: WorstOfKpi, values: Values, inputs: RecordedScoreInputs): KpiExplanation => {
  const parts = rule.indicators.map((indicator): KpiPartExplanation => {
    const value = numericValue(values, indicator);
    const { compared: _compared, ...placed } = onTable(value, rule.tiers, rule.direction);
    return { indicator, value, ...placed, source: sourceOf(inputs, rule.id, indicator) };
  });
  const missing = parts.filter((p) => p.value === null).map((p) => p.indicator);
  const cents = missing.length ? 0 : Math.min(...parts.map((p) => p.cents));
  return { kpiId: rule.id, kind: rule.kind, cents, parts, missing, highestReached: !missing.length && parts.every((p) => p.next === null) };
};

/** Each land use with area on its own table after the peat correction; amounts weighted by area share, rounded half up. */
const explainAreaWeighted = (rule: AreaWeightedKpi, values: Values, inputs: RecordedScoreInputs): KpiExplanation => {
  const hectares = { grassland: inputs.landUse.grasslandHa, maize: inputs.landUse.maizeHa, arable: inputs.landUse.arableHa };
  const total = exactDecimal(hectares.grassland).plus(hectares.maize).plus(hectares.arable);
  const correction = exactDecimal(inputs.peatSharePct).times(rule.peatCorrectionPerPct);
  const parts: KpiPartExplanation[] = [];
  let weighted = new Decimal(0);
  for (const landUse of ['grassland', 'maize', 'arable'] as const) {
    const ha = exactDecimal(hectares[landUse]);
    if (total.lte(0) || ha.lte(0)) continue; // a land use with 0 ha drops out
    const table = rule.landUses[landUse];
    const value = numericValue(values, table.indicator);
    const { compared, ...placed } = onTable(value, table.tiers, rule.direction, (v) => v.minus(correction), correction);
    weighted = weighted.plus(exactDecimal(placed.cents).times(ha));
    parts.push({
      indicator: table.indicator, value, ...(compared ? { comparedValue: compared.toString() } : {}), landUse, areaHa: hectares[landUse], weight: ha.div(total).toString(),
      ...placed, source: sourceOf(inputs, rule.id, table.indicator),
    });
  }
  const missing = parts.filter((p) => p.value === null).map((p) => p.indicator);
  const cents = total.lte(0) ? 0 : weighted.div(total).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  // A farm without area has no table to be on: nothing reached.
  return { kpiId: rule.id, kind: rule.kind, cents, parts, missing, highestReached: parts.length > 0 && !missing.length && parts.every((p) => p.next === null) };
};

/** Yes pays once per farm over the scheme; the next "tier" of a no is a yes, unless it was paid before. */
const explainOnce = (rule: OnceKpi, values: Values, inputs: RecordedScoreInputs): KpiExplanation => {
  const raw = Object.hasOwn(values, rule.indicator) ? values[rule.indicator] : undefined;
  const value = typeof raw === 'boolean' ? raw : null;
  const paidBefore = inputs.priorBiodiversityPaid;
  const cents = value === true && !paidBefore ? rule.cents : 0;
  const part: KpiPartExplanation = { indicator: rule.indicator, value, tier: null, next: null, cents, source: sourceOf(inputs, rule.id, rule.indicator) };
  return { kpiId: rule.id, kind: rule.kind, cents, parts: [part], missing: value === null ? [rule.indicator] : [], highestReached: value === true || paidBefore, paidBefore };
};

const explainKpi = (rule: KpiRule, values: Values, inputs: RecordedScoreInputs): KpiExplanation => {
  switch (rule.kind) {
    case 'threshold':
    case 'absoluteBand':
      return explainThreshold(rule, values, inputs);
    case 'worstOf':
      return explainWorstOf(rule, values, inputs);
    case 'areaWeighted':
      return explainAreaWeighted(rule, values, inputs);
    case 'oncePerScheme':
      return explainOnce(rule, values, inputs);
    default:
      return assertNever(rule);
  }
};

/**
 * Per KPI of the norm set, in its order: the values the score recorded (with the source each came
 * from), the tier met, the amount and what reaches the next tier. Reads the tables from the norm set
 * the score names and compares as scoring does (exact decimals); the amounts are the score's.
 */
export const explainScoreKpis = (inputs: RecordedScoreInputs, normSet: NormSetDocument<SchemeNorms>): readonly KpiExplanation[] => {
  const values = flattenIndicators(inputs.indicators) as Values;
  return normSet.parameters.kpis.map((rule) => (rule.title ? { ...explainKpi(rule, values, inputs), title: rule.title } : explainKpi(rule, values, inputs)));
};

