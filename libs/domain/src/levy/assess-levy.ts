import Decimal from 'decimal.js';
import type { LandUse } from '../farm/farm';
import type { NormSetDocument, NormSetRef } from '../norms/norm-set';
import { assertNever } from '../shared/decider';
import type { QualityClass } from '../submission/data-source';
import { type LevyBasis, type LevyComponent, type LevyIndicator, type LevyNorms } from './levy-norms';
import { checkLevyParameters } from '../norms/validate-norm-set';
import { isIndicatorKeyFormat } from '../norms/indicator-catalogue';
import { invalidField, isPlainObject, ownValue, requireNumber, requireObject, requireOneOf, requireSafeCents } from '../shared/guards';
import { QUALITY_CLASSES } from '../submission/data-source';
import { readLandUse } from '../submission/validate-balance-data';
import { compareToDecimal } from '../shared/compare-to-decimal';

export const LEVY_RULE_VERSION = 'levy/1.0.0';

/** The farm figures a levy reads, each with its data-quality class. */
export type LevyInputs = Readonly<{
  values: Readonly<Partial<Record<LevyIndicator, Readonly<{ value: number; quality: QualityClass }>>>>;
  landUse: LandUse;
  livestockUnits: number;
  fpcmKg: number | null;
}>;

export type LevyTierLine = Readonly<{ from: string; to: string | null; excess: string; quantity: string; tariffCentsPerUnit: string; amount: string }>;

export type LevyLine = Readonly<{
  componentId: string;
  indicator: LevyIndicator;
  unit: string;
  value: number | null;
  quality: QualityClass | null;
  levyFreeLevel: string;
  tolerance: string;
  excess: string;
  basis: LevyBasis;
  basisQuantity: string;
  tiers: readonly LevyTierLine[];
  uncappedCents: number;
  capCents: number | null;
  amountCents: number;
  note?: string;
}>;

export type LevyAssessment = Readonly<{
  levyId: string;
  lines: readonly LevyLine[];
  uncappedCents: number;
  capCentsPerFarm: number | null;
  totalCents: number;
  normSet: NormSetRef;
  ruleVersion: string;
}>;

const D = (v: Decimal.Value) => new Decimal(typeof v === 'number' ? String(v) : v);
const cents = (d: Decimal) => d.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();

const basisQuantity = (basis: LevyBasis, inputs: LevyInputs): Decimal | null => {
  switch (basis) {
    case 'per-ha':
      return D(inputs.landUse.grasslandHa).plus(inputs.landUse.maizeHa).plus(inputs.landUse.arableHa);
    case 'per-livestock-unit':
      return D(inputs.livestockUnits);
    case 'per-kg-fpcm':
      return inputs.fpcmKg === null ? null : D(inputs.fpcmKg);
    case 'absolute':
      return D(1);
    default:
      return assertNever(basis);
  }
};

/** Levy-free level: fixed, or weighted by land use area (MINAS: grassland vs arable). */
const levyFreeLevel = (c: LevyComponent, landUse: LandUse): Decimal => {
  if (c.levyFreeLevelByLandUse) {
    const total = D(landUse.grasslandHa).plus(landUse.maizeHa).plus(landUse.arableHa);
    if (total.isZero()) return D(0);
    const l = c.levyFreeLevelByLandUse;
    return D(l.grassland).times(landUse.grasslandHa).plus(D(l.maize).times(landUse.maizeHa)).plus(D(l.arable).times(landUse.arableHa)).div(total);
  }
  return D(c.levyFreeLevel ?? '0');
};

const assessComponent = (c: LevyComponent, inputs: LevyInputs): LevyLine => {
  const input = ownValue(inputs.values, c.indicator);
  const level = levyFreeLevel(c, inputs.landUse);
  const base = { componentId: c.id, indicator: c.indicator, unit: c.unit, basis: c.basis, levyFreeLevel: level.toDecimalPlaces(4).toString(), capCents: c.capCents ?? null };
  const quantity = basisQuantity(c.basis, inputs);
  if (!input || quantity === null) {
    return { ...base, value: input?.value ?? null, quality: input?.quality ?? null, tolerance: '0', excess: '0', basisQuantity: quantity?.toString() ?? '0', tiers: [], uncappedCents: 0, amountCents: 0, note: !input ? `no ${c.indicator} submitted` : 'no basis quantity (FPCM unknown)' };
  }
  const value = D(input.value);
  const tolerance = value.abs().times(ownValue(c.tolerancePctByQuality, input.quality) ?? '0').div(100);
  const excess = Decimal.max(0, value.minus(tolerance).minus(level));
  const factor = D(c.quantityFactor ?? '1');
  const tiers: LevyTierLine[] = [];
  let total = D(0);
  c.tiers.forEach((tier, i) => {
    const from = D(tier.from);
    const to = i + 1 < c.tiers.length ? D(c.tiers[i + 1].from) : null;
    if (excess.lte(from)) return;
    const inTier = (to === null ? excess : Decimal.min(excess, to)).minus(from);
    const chargeable = inTier.times(quantity).times(factor);
    const amount = chargeable.times(tier.tariffCentsPerUnit);
    total = total.plus(amount);
    tiers.push({ from: tier.from, to: to?.toString() ?? null, excess: inTier.toString(), quantity: chargeable.toString(), tariffCentsPerUnit: tier.tariffCentsPerUnit, amount: amount.toDecimalPlaces(4).toString() });
  });
  const uncapped = requireSafeCents(cents(total), `lines.${c.id}.uncappedCents`);
  const amount = c.capCents !== undefined ? Math.min(uncapped, c.capCents) : uncapped;
  return { ...base, value: input.value, quality: input.quality, tolerance: tolerance.toDecimalPlaces(4).toString(), excess: excess.toDecimalPlaces(4).toString(), basisQuantity: quantity.toString(), tiers, uncappedCents: uncapped, amountCents: amount };
};

/**
 * The entrance (D31): values as recorded (an entry that is missing or null is not submitted; a value
 * must be a finite number with a known quality class), land use and livestock units required, FPCM a
 * number or null (unknown).
 */
const readLevyInputs = (raw: LevyInputs): LevyInputs => {
  const input = requireObject(raw, 'inputs');
  const values: Record<string, { value: number; quality: QualityClass }> = {};
  const rawValues = input.values === undefined || input.values === null ? {} : requireObject(input.values, 'inputs.values');
  for (const key of Object.keys(rawValues).filter(isIndicatorKeyFormat).sort()) {
    const v = ownValue(rawValues, key);
    if (v === undefined || v === null) continue;
    if (!isPlainObject(v)) invalidField('INVALID_OBJECT', `${key} is { value, quality }`, `inputs.values.${key}`);
    const entry = v as Record<string, unknown>;
    values[key] = { value: requireNumber(entry.value, `inputs.values.${key}.value`), quality: requireOneOf(entry.quality, QUALITY_CLASSES, `inputs.values.${key}.quality`) };
  }
  const fpcm = input.fpcmKg;
  return {
    values,
    landUse: readLandUse(input.landUse, 'inputs.landUse'),
    livestockUnits: requireNumber(input.livestockUnits, 'inputs.livestockUnits', { min: 0 }),
    fpcmKg: fpcm === undefined || fpcm === null ? null : requireNumber(fpcm, 'inputs.fpcmKg', { min: 0 }),
  };
};

/**
 * One engine for every levy norm set (a light NH3/GHG levy, MINAS): per component the value, the
 * margin for data uncertainty, the excess over the levy-free level, the tariff tiers, the amount and
 * its cap; then the farm cap. Every step is in the result, so the arithmetic can be shown.
 */
export const assessLevy = (raw: LevyInputs, normSet: NormSetDocument<LevyNorms>): LevyAssessment => {
  requireObject(normSet, 'normSet');
  checkLevyParameters(normSet.parameters);
  const inputs = readLevyInputs(raw);
  const lines = normSet.parameters.components.map((c) => assessComponent(c, inputs));
  const uncapped = requireSafeCents(lines.reduce((a, l) => a + l.amountCents, 0), 'uncappedCents');
  const cap = normSet.parameters.capCentsPerFarm ?? null;
  return {
    levyId: normSet.parameters.levyId,
    lines,
    uncappedCents: uncapped,
    capCentsPerFarm: cap,
    totalCents: cap === null ? uncapped : Math.min(uncapped, cap),
    normSet: { id: normSet.normSetId, version: normSet.version },
    ruleVersion: LEVY_RULE_VERSION,
  };
};

/**
 * Whether a figure computed in doubles, with an error far below `margin`, lies within the margin of a
 * bound an exact decision compares it with: there only the exact decimals decide.
 */
const near = (x: number, bound: number, margin: number) => Math.abs(x - bound) <= margin;

/**
 * A component's amount and whether it is levied, in doubles (D65), or null where a decision (the
 * excess against zero, a tier's start or the 4-decimal rounding that says "levied"; the amount's
 * rounding to cents) lies within the doubles' error of its bound: then `assessComponent` decides in
 * exact decimals. Equal to it wherever it answers (property-tested, ties included).
 */
export const levyLineInDoubles = (c: LevyComponent, inputs: LevyInputs): Readonly<{ amountCents: number; levied: boolean }> | null => {
  const input = ownValue(inputs.values, c.indicator);
  const { grasslandHa: g, maizeHa: m, arableHa: a } = inputs.landUse;
  if (g < 0 || m < 0 || a < 0) return null;
  const quantity = c.basis === 'per-ha' ? g + m + a : c.basis === 'per-livestock-unit' ? inputs.livestockUnits : c.basis === 'per-kg-fpcm' ? inputs.fpcmKg : 1;
  if (!input || quantity === null) return { amountCents: 0, levied: false };
  let level: number;
  if (c.levyFreeLevelByLandUse) {
    const l = c.levyFreeLevelByLandUse;
    const total = g + m + a;
    level = total === 0 ? 0 : (Number(l.grassland) * g + Number(l.maize) * m + Number(l.arable) * a) / total;
  } else level = Number(c.levyFreeLevel ?? '0');
  const value = input.value;
  const tolerance = (Math.abs(value) * Number(ownValue(c.tolerancePctByQuality, input.quality) ?? '0')) / 100;
  const raw = value - tolerance - level;
  // Doubles err by ~1e-15 of the magnitudes involved; 1e-12 of them is far outside that.
  const margin = 1e-12 * (Math.abs(value) + Math.abs(tolerance) + Math.abs(level) + 1);
  if (near(raw, 0, margin) || near(raw, 0.00005, margin)) return null;
  // Below the level the excess is exactly 0 (the exact path's max(0, …)), not a figure with an error: it
  // meets a tier's start exactly, so a tier starting at 0 — every shipped levy's first — is no tie (D75).
  const none = raw < 0;
  const excess = none ? 0 : raw;
  const factor = Number(c.quantityFactor ?? '1');
  let total = 0;
  let scale = 0;
  for (let i = 0; i < c.tiers.length; i++) {
    if (none) {
      // An excess of 0 pays from no tier starting at 0 or above; a tier starting below 0 is left to the exact path.
      if (compareToDecimal(0, c.tiers[i].from) <= 0) continue;
      return null;
    }
    const from = Number(c.tiers[i].from);
    const to = i + 1 < c.tiers.length ? Number(c.tiers[i + 1].from) : null;
    if (near(excess, from, margin) || (to !== null && near(excess, to, margin))) return null;
    if (excess <= from) continue;
    const perUnit = Math.abs(quantity * factor * Number(c.tiers[i].tariffCentsPerUnit));
    const amount = ((to === null ? excess : Math.min(excess, to)) - from) * quantity * factor * Number(c.tiers[i].tariffCentsPerUnit);
    total += amount;
    // The excess's own error carried through the tariff, and the products' and sum's.
    scale += margin * perUnit + 1e-12 * (Math.abs(amount) + 1);
  }
  const k = Math.round(total);
  if (!Number.isSafeInteger(k) || near(Math.abs(total - Math.floor(total)), 0.5, scale) || (k === 0 && total !== 0)) return null;
  return { amountCents: c.capCents !== undefined ? Math.min(k, c.capCents) : k, levied: raw >= 0.00005 };
};

/** A levy's amount per component, and whether the component is levied (its excess, as recorded, above 0). */
export type LevyPartsOutcome = Readonly<{ totalCents: number; lines: ReadonlyArray<Readonly<{ componentId: string; amountCents: number; levied: boolean }>> }>;

/**
 * A levy with only the components in `again` assessed; every other component stands as recorded
 * (`standing`: its amount and whether it was levied; a what-if keeps what a draft did not touch, D65).
 * The total is `assessLevy`'s rule over the amounts: equal to it whenever the standing parts are what
 * it would assess.
 */
export const reassessLevyParts = (
  raw: LevyInputs,
  normSet: NormSetDocument<LevyNorms>,
  standing: Readonly<{ parts: Readonly<Record<string, number>>; levied: Readonly<Record<string, boolean>> }>,
  again: ReadonlySet<string>,
): LevyPartsOutcome => {
  checkLevyParameters(normSet.parameters);
  const inputs = readLevyInputs(raw);
  const lines = normSet.parameters.components.map((c) => {
    if (!again.has(c.id) && Object.hasOwn(standing.parts, c.id) && Object.hasOwn(standing.levied, c.id)) return { componentId: c.id, amountCents: standing.parts[c.id], levied: standing.levied[c.id] };
    const fast = levyLineInDoubles(c, inputs);
    if (fast) return { componentId: c.id, ...fast };
    const line = assessComponent(c, inputs);
    return { componentId: c.id, amountCents: line.amountCents, levied: new Decimal(line.excess).gt(0) };
  });
  const uncapped = requireSafeCents(lines.reduce((a, l) => a + l.amountCents, 0), 'uncappedCents');
  const cap = normSet.parameters.capCentsPerFarm ?? null;
  return { totalCents: cap === null ? uncapped : Math.min(uncapped, cap), lines };
};
