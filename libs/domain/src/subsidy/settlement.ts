import type { Settlement } from './application';
import { invalidField, isPlainObject, requireSafeCents } from '../shared/guards';

const wholeCents = (v: unknown, field: string): number => (typeof v === 'number' ? requireSafeCents(v, field) : invalidField('INVALID_NUMBER', `${field} must be whole cents`, field));

export type ForwardedYear = Readonly<{ year: number; scoreVersion: number; totalCents: number; biodiversityCents: number; normSet?: Readonly<{ id: string; version: number }> }>;

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
