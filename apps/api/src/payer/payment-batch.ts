import type { FarmScoreDoc, SchemeApplicationRecord } from '@asb/projections';

/** A score forwarded to the payer: approved by the farmer, no open blocking finding. */
export type ForwardedScore = Readonly<{ farmId: string; year: number; scoreVersion: number; totalCents: number; forwardedAt: string; normSet: Readonly<{ id: string; version: number }> | null }>;

/** Per farm the money of a scheme: what was reserved, advanced, reclaimed and settled. */
export type PayerApplication = Readonly<{
  farmId: string;
  applicationId: string;
  status: SchemeApplicationRecord['status'];
  reservedCents: number;
  refusal: string | null;
  advanceCents: number;
  advanceReclaimedCents: number;
  settlements: ReadonlyArray<Readonly<{ settlementNo: number; settledAt: string; earnedCents: number; netPaymentCents: number }>>;
  releasedCents: number;
  closure: Readonly<{ reason: string; closedAt: string }> | null;
}>;

/** One line of a payment batch: money paid to (positive) or reclaimed from (negative) a farm, in euro cents. */
export type Payment = Readonly<{ farmId: string; applicationId: string; payment: 'advance' | 'advance-reclaim' | 'settlement'; reference: string; amountCents: number; recordedAt: string }>;

export const forwardedScore = (d: FarmScoreDoc): ForwardedScore => ({
  farmId: d.farmId,
  year: d.year,
  scoreVersion: d.forwarded!.scoreVersion,
  totalCents: d.forwarded!.totalCents,
  forwardedAt: d.forwarded!.forwardedAt,
  normSet: d.normSet,
});

export const payerApplication = (a: SchemeApplicationRecord): PayerApplication => ({
  farmId: a.farmId,
  applicationId: a.applicationId,
  status: a.status,
  reservedCents: a.grant?.reservedCents ?? 0,
  refusal: a.refusal?.reason ?? null,
  advanceCents: a.advanceCents,
  advanceReclaimedCents: a.advanceReclaimedCents ?? 0,
  settlements: a.settlements.map((s) => ({ settlementNo: s.settlementNo, settledAt: s.settledAt, earnedCents: s.earnedCents, netPaymentCents: s.netPaymentCents })),
  releasedCents: a.releasedCents,
  closure: a.closure ? { reason: a.closure.reason, closedAt: a.closure.closedAt } : null,
});

/** The payments of an application, each at the moment it was recorded. */
export const paymentsOf = (a: SchemeApplicationRecord): Payment[] => {
  const base = { farmId: a.farmId, applicationId: a.applicationId };
  const lines: Payment[] = [];
  if (a.advanceCents > 0) lines.push({ ...base, payment: 'advance', reference: `${a.applicationId}-voorschot`, amountCents: a.advanceCents, recordedAt: a.advancePaidAt ?? '' });
  if ((a.advanceReclaimedCents ?? 0) > 0) lines.push({ ...base, payment: 'advance-reclaim', reference: `${a.applicationId}-terugvordering`, amountCents: -(a.advanceReclaimedCents ?? 0), recordedAt: a.advanceReclaimedAt ?? '' });
  for (const s of a.settlements) lines.push({ ...base, payment: 'settlement', reference: `${a.applicationId}-vaststelling-${s.settlementNo}`, amountCents: s.netPaymentCents, recordedAt: s.settledAt });
  return lines;
};

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
const csvField = (value: string | number): string => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The columns name their unit: amounts are integer euro cents, never formatted. */
export const PAYMENT_COLUMNS = ['farm_id', 'application_id', 'payment', 'reference', 'amount_eur_cents', 'recorded_at'] as const;

export const paymentBatchCsv = (payments: readonly Payment[]): string =>
  [PAYMENT_COLUMNS.join(','), ...payments.map((p) => [p.farmId, p.applicationId, p.payment, p.reference, p.amountCents, p.recordedAt].map(csvField).join(','))].join('\r\n') + '\r\n';
