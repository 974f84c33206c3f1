import type { Settlement } from './application';

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
  const paidBiodiversity = input.years.filter((y) => y.biodiversityCents > 0);
  const biodiversityDeductedCents = paidBiodiversity.slice(1).reduce((a, y) => a + y.biodiversityCents, 0);
  const sum = input.years.reduce((a, y) => a + y.totalCents, 0) - biodiversityDeductedCents;
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
    netPaymentCents: earnedCents - input.advanceCents - input.previouslySettledCents,
    releasedCents: input.grantedCents - earnedCents,
  };
};
