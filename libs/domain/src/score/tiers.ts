import Decimal from 'decimal.js';
import type { Tier } from './scheme-norms';

export type TierDirection = 'atMost' | 'atLeast';

/** An exact decimal of a recorded number (its shortest decimal form, never the binary float). */
export const exactDecimal = (v: number | string): Decimal => new Decimal(typeof v === 'number' ? String(v) : v);

/** Whether a value meets a threshold in the KPI's direction, compared as exact decimals. */
export const meetsThreshold = (value: Decimal, threshold: string, direction: TierDirection): boolean =>
  direction === 'atMost' ? value.lte(threshold) : value.gte(threshold);

/** Tiers are tried best first: the index of the first tier met, or -1 when none is. */
export const tierMet = (value: Decimal, tiers: readonly Tier[], direction: TierDirection): number => tiers.findIndex((t) => meetsThreshold(value, t.threshold, direction));

/** The first tier met pays; none met pays 0. */
export const tierCents = (value: Decimal, tiers: readonly Tier[], direction: TierDirection): number => tiers[tierMet(value, tiers, direction)]?.cents ?? 0;
