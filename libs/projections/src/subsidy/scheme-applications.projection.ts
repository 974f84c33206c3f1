import type { ApplicationEvent, BudgetEvent, ClosureReason, DeMinimisDeclaration, RecordedEligibility, Settlement } from '@asb/domain';
import type { Projection } from '../projection';

/** A decision the farmer can download as a document (D38): the event that holds it, by id and place in the log. */
export type SchemeDecisionRef = Readonly<{ decisionId: string; kind: 'grant' | 'refusal' | 'settlement' | 'closure' | 'withdrawal'; streamId: string; revision: number; position: number; decidedAt: string }>;

export type SchemeApplicationRecord = Readonly<{
  scheme: string;
  farmId: string;
  applicationId: string;
  status: 'submitted' | 'complete' | 'withdrawn' | 'closed';
  submittedAt: string;
  completedAt: string | null;
  completedMinute: string | null;
  completedPosition: number | null;
  deMinimis: DeMinimisDeclaration | null;
  eligibility?: RecordedEligibility | null;
  grant: Readonly<{ rank: number; reservedCents: number; partial: boolean; limitedBy: string }> | null;
  refusal: Readonly<{ rank: number; reason: string }> | null;
  advanceCents: number;
  /** When the advance was paid (version 3; null before it was, absent in a record of version 2). */
  advancePaidAt?: string | null;
  advanceReclaimedCents?: number;
  advanceReclaimedAt?: string | null;
  settlements: ReadonlyArray<Settlement & { settlementNo: number; settledAt: string; cause?: string }>;
  releasedCents: number;
  closure?: Readonly<{ reason: ClosureReason; missingYears: number[]; closedAt: string }> | null;
  withdrawnAt?: string | null;
  decisions?: readonly SchemeDecisionRef[];
}>;

/** Per farm and scheme: the application, its place in the budget, the money paid and settled, and its decisions. */
export const schemeApplicationsProjection: Projection<SchemeApplicationRecord | null> = {
  name: 'scheme-applications',
  version: 3,
  handles: [
    'SubsidyApplicationSubmitted', 'SubsidyApplicationSupplemented', 'SubsidyApplicationCompleted', 'AdvancePaid', 'SubsidySettled',
    'SubsidyApplicationWithdrawn', 'SubsidyApplicationClosed', 'AdvanceReclaimed',
    'SubsidyGranted', 'SubsidyRefused', 'BudgetReservationReleased',
  ],
  keysOf: (e) => {
    const d = e.data as { scheme: string; farmId: string };
    return [`${d.scheme}:${d.farmId}`];
  },
  initialState: () => null,
  evolve: (state, stored) => {
    const event = { type: stored.type, data: stored.data } as ApplicationEvent | BudgetEvent;
    const decision = (kind: SchemeDecisionRef['kind'], decidedAt: string) =>
      state && { decisions: [...(state.decisions ?? []), { decisionId: stored.id, kind, streamId: stored.streamId, revision: stored.revision, position: stored.position, decidedAt }] };
    switch (event.type) {
      case 'SubsidyApplicationSubmitted':
        return {
          scheme: event.data.scheme, farmId: event.data.farmId, applicationId: event.data.applicationId, status: 'submitted', submittedAt: event.data.submittedAt,
          completedAt: null, completedMinute: null, completedPosition: null, deMinimis: event.data.deMinimis ?? null, eligibility: event.data.eligibility ?? null,
          grant: null, refusal: null, advanceCents: 0, advanceReclaimedCents: 0, settlements: [], releasedCents: 0, closure: null, withdrawnAt: null, decisions: [],
        };
      case 'SubsidyApplicationSupplemented':
        return state && { ...state, deMinimis: event.data.deMinimis ?? state.deMinimis, eligibility: event.data.eligibility ?? state.eligibility ?? null };
      case 'SubsidyApplicationCompleted':
        return state && { ...state, status: 'complete', completedAt: event.data.completedAt, completedMinute: event.data.completedMinute, completedPosition: stored.position };
      case 'SubsidyGranted':
        return state && { ...state, grant: { rank: event.data.rank, reservedCents: event.data.reservedCents, partial: event.data.partial, limitedBy: event.data.limitedBy }, ...decision('grant', event.data.grantedAt) };
      case 'SubsidyRefused':
        return state && { ...state, refusal: { rank: event.data.rank, reason: event.data.reason }, ...decision('refusal', event.data.refusedAt) };
      case 'AdvancePaid':
        return state && { ...state, advanceCents: event.data.amountCents, advancePaidAt: event.data.paidAt };
      case 'SubsidySettled': {
        const { scheme: _s, farmId: _f, applicationId: _a, settledBy: _b, ...settlement } = event.data;
        return state && { ...state, settlements: [...state.settlements, settlement], ...decision('settlement', event.data.settledAt) };
      }
      case 'SubsidyApplicationWithdrawn':
        return state && { ...state, status: 'withdrawn', withdrawnAt: event.data.withdrawnAt, ...decision('withdrawal', event.data.withdrawnAt) };
      case 'SubsidyApplicationClosed':
        return state && { ...state, status: 'closed', closure: { reason: event.data.reason, missingYears: event.data.missingYears, closedAt: event.data.closedAt }, ...decision('closure', event.data.closedAt) };
      case 'AdvanceReclaimed':
        return state && { ...state, advanceReclaimedCents: (state.advanceReclaimedCents ?? 0) + event.data.amountCents, advanceReclaimedAt: event.data.reclaimedAt };
      case 'BudgetReservationReleased':
        return state && { ...state, releasedCents: event.data.releasedCents };
    }
  },
};
