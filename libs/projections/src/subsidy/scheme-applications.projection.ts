import type { ApplicationEvent, BudgetEvent, DeMinimisDeclaration, Settlement } from '@asb/domain';
import type { Projection } from '../projection';

export type SchemeApplicationRecord = Readonly<{
  scheme: string;
  farmId: string;
  applicationId: string;
  status: 'submitted' | 'complete';
  submittedAt: string;
  completedAt: string | null;
  completedMinute: string | null;
  completedPosition: number | null;
  deMinimis: DeMinimisDeclaration | null;
  grant: Readonly<{ rank: number; reservedCents: number; partial: boolean; limitedBy: string }> | null;
  refusal: Readonly<{ rank: number; reason: string }> | null;
  advanceCents: number;
  settlements: ReadonlyArray<Settlement & { settlementNo: number; settledAt: string; cause?: string }>;
  releasedCents: number;
}>;

/** Per farm and scheme: the application, its place in the budget, and the money paid and settled. */
export const schemeApplicationsProjection: Projection<SchemeApplicationRecord | null> = {
  name: 'scheme-applications',
  version: 1,
  handles: ['SubsidyApplicationSubmitted', 'SubsidyApplicationSupplemented', 'SubsidyApplicationCompleted', 'AdvancePaid', 'SubsidySettled', 'SubsidyGranted', 'SubsidyRefused', 'BudgetReservationReleased'],
  keysOf: (e) => {
    const d = e.data as { scheme: string; farmId: string };
    return [`${d.scheme}:${d.farmId}`];
  },
  initialState: () => null,
  evolve: (state, stored) => {
    const event = { type: stored.type, data: stored.data } as ApplicationEvent | BudgetEvent;
    switch (event.type) {
      case 'SubsidyApplicationSubmitted':
        return {
          scheme: event.data.scheme, farmId: event.data.farmId, applicationId: event.data.applicationId, status: 'submitted', submittedAt: event.data.submittedAt,
          completedAt: null, completedMinute: null, completedPosition: null, deMinimis: event.data.deMinimis ?? null,
          grant: null, refusal: null, advanceCents: 0, settlements: [], releasedCents: 0,
        };
      case 'SubsidyApplicationSupplemented':
        return state && { ...state, deMinimis: event.data.deMinimis ?? state.deMinimis };
      case 'SubsidyApplicationCompleted':
        return state && { ...state, status: 'complete', completedAt: event.data.completedAt, completedMinute: event.data.completedMinute, completedPosition: stored.position };
      case 'SubsidyGranted':
        return state && { ...state, grant: { rank: event.data.rank, reservedCents: event.data.reservedCents, partial: event.data.partial, limitedBy: event.data.limitedBy } };
      case 'SubsidyRefused':
        return state && { ...state, refusal: { rank: event.data.rank, reason: event.data.reason } };
      case 'AdvancePaid':
        return state && { ...state, advanceCents: event.data.amountCents };
      case 'SubsidySettled': {
        const { scheme: _s, farmId: _f, applicationId: _a, settledBy: _b, ...settlement } = event.data;
        return state && { ...state, settlements: [...state.settlements, settlement] };
      }
      case 'BudgetReservationReleased':
        return state && { ...state, releasedCents: event.data.releasedCents };
    }
  },
};
