import Decimal from 'decimal.js';
import type { Band } from './check-tolerances';
import { normDecimal } from '../shared/norm-decimal';

export const CHECK_IDS = ['milk-delivered', 'manure-transfer', 'land-in-use', 'milk-nitrogen', 'farm-n-surplus', 'plausibility', 'usage-norm'] as const;
export type CheckId = (typeof CHECK_IDS)[number];
export type Severity = 'pass' | 'warning' | 'blocking';

/** What one check concluded about one subject, naming the events it compared. */
export type CheckOutcome = Readonly<{
  checkId: CheckId;
  /** What was checked, e.g. 'milk' or 'manure-out:farm-b'; one open finding per (checkId, subject). */
  subject: string;
  severity: Severity;
  message: string;
  compared: readonly string[];
  values: Readonly<Record<string, number | string | boolean | null>>;
}>;

/** Exact decimal comparison of a difference against a tolerance band. */
export const severityOf = (difference: Decimal, band: Band): Severity => {
  const abs = difference.abs();
  if (abs.lte(normDecimal(band.warnAbove))) return 'pass';
  if (abs.lte(normDecimal(band.blockAbove))) return 'warning';
  return 'blocking';
};

/** Relative difference in % of the reference figure (the independent source). */
export const relativeDifferencePct = (value: Decimal.Value, reference: Decimal.Value): Decimal => {
  const ref = new Decimal(reference);
  if (ref.isZero()) return new Decimal(value).isZero() ? new Decimal(0) : new Decimal(100);
  return new Decimal(value).minus(ref).div(ref).times(100);
};
