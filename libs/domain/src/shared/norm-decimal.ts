import Decimal from 'decimal.js';

/** Distinct norm values kept parsed; past this the cache starts again (norm sets hold a few hundred). */
const MAX_KEPT = 4_096;
const kept = new Map<Decimal.Value, Decimal>();

/**
 * A norm value (a threshold, a band, a factor: an exact decimal string) as a Decimal, parsed once per
 * process instead of at every comparison (D85: each reconcile parsed the same tolerance strings again).
 * Exactly what `x.lte(value)` and the like do with the string themselves: a Decimal made from a string
 * is that string's exact value, and Decimals never change.
 */
export const normDecimal = (value: Decimal.Value): Decimal => {
  let d = kept.get(value);
  if (d === undefined) {
    d = new Decimal(value);
    if (kept.size >= MAX_KEPT) kept.clear();
    kept.set(value, d);
  }
  return d;
};
