import { invalidField, isPlainObject, requireNumber, requireSafeCents } from '../shared/guards';

const wholeCents = (v: unknown, field: string): number => (typeof v === 'number' ? requireSafeCents(v, field) : invalidField('INVALID_NUMBER', `${field} must be whole cents`, field));


/**
 * Other de-minimis aid the farm declares (art. 6(a)): per fiscal year, optionally with the day it
 * was granted (which a rolling period needs to place it exactly; D39).
 */
export type DeMinimisDeclaration = Readonly<{ fiscalYears: ReadonlyArray<Readonly<{ fiscalYear: number; aidCents: number; grantedOn?: string }>> }>;

/** The arithmetic of a settlement, recorded in full. */
export type Settlement = Readonly<{
  grantedCents: number;
  yearAmounts: ReadonlyArray<Readonly<{ year: number; scoreVersion: number; totalCents: number; biodiversityCents: number; normSet?: Readonly<{ id: string; version: number }> }>>;
  biodiversityDeductedCents: number;
  schemeCapCents: number;
  deMinimisRoomCents: number;
  earnedCents: number;
  advanceCents: number;
  /** Earlier settlements' net payments, netted off when an amendment re-settles. */
  previouslySettledCents: number;
  /** Positive: paid to the farm; negative: repaid by the farm. */
  netPaymentCents: number;
  releasedCents: number;
}>;

export type ForwardedYear = Readonly<{ year: number; scoreVersion: number; totalCents: number; biodiversityCents: number; normSet?: Readonly<{ id: string; version: number }> }>;

/**
 * A forwarded score as the settlement counts it: its total, and what of it paid a once-per-scheme KPI
 * (biodiversity, counted once over the years; D17) — the KPIs of that kind named by the norm set.
 */
export const forwardedYearOf = (
  year: number,
  scoreVersion: number,
  result: Readonly<{ totalCents: number; kpis: Readonly<Record<string, number>>; normSet?: Readonly<{ id: string; version: number }> }>,
  kpis: ReadonlyArray<Readonly<{ id: string; kind: string }>>,
): ForwardedYear => ({
  year,
  scoreVersion,
  totalCents: result.totalCents,
  biodiversityCents: kpis.filter((k) => k.kind === 'oncePerScheme').reduce((a, k) => a + (Object.hasOwn(result.kpis, k.id) ? result.kpis[k.id] : 0), 0),
  ...(result.normSet ? { normSet: result.normSet } : {}),
});

/**
 * Final settlement on both years (art. 9): the forwarded yearly totals (each already capped),
 * biodiversity counted once, capped by the per-farm scheme maximum, the grant and the de-minimis
 * room; net of the advance and of earlier settlements. Negative means repayment.
 */
export const computeSettlement = (input: {
  grantedCents: number;
  years: readonly ForwardedYear[];
  schemeCapCents: number;
  deMinimisRoomCents: number;
  advanceCents: number;
  previouslySettledCents: number;
}): Settlement => {
  // The entrance (D31): every amount is whole cents; a recorded year without its amounts is refused.
  if (!isPlainObject(input) || !Array.isArray(input.years)) invalidField('INVALID_OBJECT', 'a settlement needs its forwarded years', 'years');
  for (const k of ['grantedCents', 'schemeCapCents', 'deMinimisRoomCents', 'advanceCents', 'previouslySettledCents'] as const) wholeCents(input[k], k);
  input.years.forEach((y, i) => {
    if (!isPlainObject(y)) invalidField('INVALID_OBJECT', 'a forwarded year is an object', `years.${i}`);
    wholeCents(y.totalCents, `years.${i}.totalCents`);
    wholeCents(y.biodiversityCents, `years.${i}.biodiversityCents`);
  });
  const paidBiodiversity = input.years.filter((y) => y.biodiversityCents > 0);
  const biodiversityDeductedCents = paidBiodiversity.slice(1).reduce((a, y) => a + y.biodiversityCents, 0);
  const sum = requireSafeCents(input.years.reduce((a, y) => a + y.totalCents, 0) - biodiversityDeductedCents, 'earnedCents');
  const earnedCents = Math.max(0, Math.min(sum, input.schemeCapCents, input.grantedCents, input.deMinimisRoomCents));
  return {
    grantedCents: input.grantedCents,
    yearAmounts: input.years,
    biodiversityDeductedCents,
    schemeCapCents: input.schemeCapCents,
    deMinimisRoomCents: input.deMinimisRoomCents,
    earnedCents,
    advanceCents: input.advanceCents,
    previouslySettledCents: input.previouslySettledCents,
    netPaymentCents: requireSafeCents(earnedCents - input.advanceCents - input.previouslySettledCents, 'netPaymentCents'),
    releasedCents: requireSafeCents(input.grantedCents - earnedCents, 'releasedCents'),
  };
};

/**
 * The advance (art. 9(1)): paid in the advance year on the forwarded score of the year it is based
 * on, never more than the reservation or the de-minimis room.
 */
export const computeAdvance = (input: { forwardedTotalCents: number; reservedCents: number; deMinimisRoomCents: number }): number => {
  if (!isPlainObject(input)) invalidField('INVALID_OBJECT', 'an advance needs its amounts', 'advance');
  for (const k of ['forwardedTotalCents', 'reservedCents', 'deMinimisRoomCents'] as const) wholeCents(input[k], k);
  return Math.max(0, Math.min(input.forwardedTotalCents, input.reservedCents, input.deMinimisRoomCents));
};

/**
 * What counts against the de-minimis ceiling (D39). `rolling`: Regulation (EU) 1408/2013 as amended
 * by 2024/3118 (from 2025) — any period of `years` years, i.e. the `years` years up to and including
 * the day the aid is granted; an entry with a `grantedOn` day counts when it lies in that period, an
 * entry with only a fiscal year counts when that year overlaps the period (it may have been granted
 * on any of its days). `fiscal`: the 2013 text — the fiscal year of the grant and the `years − 1`
 * before it.
 */
export type DeMinimisPeriod = Readonly<{ kind: 'rolling' | 'fiscal'; years: number; grantedAt: string }>;

const dayOf = (iso: string, field: string): string => {
  if (typeof iso !== 'string' || Number.isNaN(Date.parse(iso))) return invalidField('INVALID_DATE', `${field} must be a date`, field);
  return new Date(iso).toISOString().slice(0, 10);
};

export const countsInPeriod = (entry: Readonly<{ fiscalYear: number; grantedOn?: string }>, period: DeMinimisPeriod): boolean => {
  const years = requireNumber(period.years, 'deMinimis.years', { integer: true, min: 1 });
  const grantDay = dayOf(period.grantedAt, 'grantedAt');
  const grantYear = Number(grantDay.slice(0, 4));
  if (period.kind === 'fiscal') {
    const year = entry.grantedOn ? Number(dayOf(entry.grantedOn, 'grantedOn').slice(0, 4)) : entry.fiscalYear;
    return year > grantYear - years && year <= grantYear;
  }
  // Rolling: (grant day − years, grant day].
  const periodStart = `${String(grantYear - years).padStart(4, '0')}${grantDay.slice(4)}`;
  if (entry.grantedOn) {
    const day = dayOf(entry.grantedOn, 'grantedOn');
    return day > periodStart && day <= grantDay;
  }
  return entry.fiscalYear >= grantYear - years && entry.fiscalYear <= grantYear;
};

