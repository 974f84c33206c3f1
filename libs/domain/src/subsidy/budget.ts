import { assertNever, type Command, type Decider, type DomainEvent } from '../shared/decider';
import { invalidField, ownValue, requireNumber, requireSafeCents } from '../shared/guards';
import type { AllocationView, RuleRef } from './application';

const wholeCents = (v: unknown, field: string) => (typeof v === 'number' && v >= 0 ? requireSafeCents(v, field) : invalidField('INVALID_NUMBER', `${field} must be whole cents, zero or more`, field));

/** A complete application waiting for its place in the budget. */
export type AllocationCandidate = Readonly<{
  applicationId: string;
  farmId: string;
  completedMinute: string;
  /** Log position of its completion: ranks applications completed in the same minute by arrival. */
  completedPosition: number;
  deMinimisRoomCents: number;
}>;

export type SubsidyGranted = DomainEvent<
  'SubsidyGranted',
  { scheme: string; farmId: string; applicationId: string; rank: number; reservedCents: number; partial: boolean; limitedBy: 'none' | 'budget-remainder' | 'de-minimis'; grantedAt: string }
>;
export type SubsidyRefused = DomainEvent<
  'SubsidyRefused',
  { scheme: string; farmId: string; applicationId: string; rank: number; reason: 'BUDGET_EXHAUSTED' | 'DE_MINIMIS_CEILING'; refusedAt: string }
>;
/** Why a reservation (or part of it) goes back. */
export type ReleaseCause = 'settlement' | 'withdrawal' | 'closure';
/**
 * At settlement, what a farm did not earn of its reservation goes back; at a withdrawal or a closure
 * all of it (D39). It is not re-allocated: the application window has closed. `releasedCents` is the
 * total released for the application so far; `cause` is absent on events written before D39
 * (settlements); a closure names its rule.
 */
export type BudgetReservationReleased = DomainEvent<
  'BudgetReservationReleased',
  { scheme: string; farmId: string; applicationId: string; releasedCents: number; settlementNo?: number; cause?: ReleaseCause; rule?: RuleRef; releasedAt: string }
>;
export type BudgetEvent = SubsidyGranted | SubsidyRefused | BudgetReservationReleased;

export type AllocateBudget = Command<
  'AllocateBudget',
  {
    scheme: string;
    candidates: readonly AllocationCandidate[];
    ceilingCents: number;
    reservationCents: number;
    partialLastGrant: 'grant-remainder' | 'refuse';
    now: string;
  }
>;
export type ReleaseReservation = Command<
  'ReleaseReservation',
  { scheme: string; farmId: string; applicationId: string; releasedCents: number; settlementNo?: number; cause?: ReleaseCause; rule?: RuleRef; now: string }
>;
export type BudgetCommand = AllocateBudget | ReleaseReservation;

export type Allocation = Readonly<{ farmId: string; rank: number; reservedCents: number; granted: boolean; releasedCents: number; grantedAt?: string }>;
export type SchemeBudget = Readonly<{ allocations: Readonly<Record<string, Allocation>>; reservedCents: number; releasedCents: number; ranked: number }>;

/** Rank order: the minute the application became complete, then arrival in the log (art. 8). */
export const rankCandidates = (candidates: readonly AllocationCandidate[]): AllocationCandidate[] =>
  [...candidates].sort((a, b) => (a.completedMinute === b.completedMinute ? a.completedPosition - b.completedPosition : a.completedMinute < b.completedMinute ? -1 : 1));

/**
 * First come, first served: each complete application reserves the per-farm maximum (less where
 * its de-minimis room is smaller) while the ceiling allows; the first that no longer fits whole
 * gets the remainder or is refused (a scheme parameter); all after it are refused.
 */
export const decideBudget = (command: BudgetCommand, state: SchemeBudget): BudgetEvent[] => {
  switch (command.type) {
    case 'AllocateBudget': {
      const d = command.data;
      // The entrance (D31): amounts are whole cents; an application id is looked up as an own key only.
      wholeCents(d.ceilingCents, 'ceilingCents');
      wholeCents(d.reservationCents, 'reservationCents');
      if (!Array.isArray(d.candidates)) invalidField('INVALID_ARRAY', 'candidates is a list', 'candidates');
      d.candidates.forEach((c, i) => {
        wholeCents(c.deMinimisRoomCents, `candidates.${i}.deMinimisRoomCents`);
        requireNumber(c.completedPosition, `candidates.${i}.completedPosition`);
      });
      const events: BudgetEvent[] = [];
      let reserved = state.reservedCents;
      let rank = state.ranked;
      for (const c of rankCandidates(d.candidates.filter((c) => !ownValue(state.allocations, c.applicationId)))) {
        rank += 1;
        const base = { scheme: d.scheme, farmId: c.farmId, applicationId: c.applicationId, rank };
        const want = Math.min(d.reservationCents, c.deMinimisRoomCents);
        if (want <= 0) {
          events.push({ type: 'SubsidyRefused', data: { ...base, reason: 'DE_MINIMIS_CEILING', refusedAt: d.now } });
          continue;
        }
        const left = d.ceilingCents - reserved;
        if (left >= want) {
          reserved += want;
          events.push({ type: 'SubsidyGranted', data: { ...base, reservedCents: want, partial: want < d.reservationCents, limitedBy: want < d.reservationCents ? 'de-minimis' : 'none', grantedAt: d.now } });
        } else if (left > 0 && d.partialLastGrant === 'grant-remainder') {
          reserved += left;
          events.push({ type: 'SubsidyGranted', data: { ...base, reservedCents: left, partial: true, limitedBy: 'budget-remainder', grantedAt: d.now } });
        } else {
          events.push({ type: 'SubsidyRefused', data: { ...base, reason: 'BUDGET_EXHAUSTED', refusedAt: d.now } });
        }
      }
      return events;
    }
    case 'ReleaseReservation': {
      const d = command.data;
      wholeCents(d.releasedCents, 'releasedCents');
      const a = ownValue(state.allocations, d.applicationId);
      if (!a || !a.granted || d.releasedCents === a.releasedCents) return [];
      if (d.releasedCents > a.reservedCents) return invalidField('RELEASE_ABOVE_RESERVATION', `at most the reservation of ${a.reservedCents} cents can be released`, 'releasedCents');
      // Re-settlements re-state the release; record the new total.
      return [
        {
          type: 'BudgetReservationReleased',
          data: {
            scheme: d.scheme, farmId: d.farmId, applicationId: d.applicationId, releasedCents: d.releasedCents,
            ...(d.settlementNo !== undefined ? { settlementNo: d.settlementNo } : {}), ...(d.cause ? { cause: d.cause } : {}), ...(d.rule ? { rule: d.rule } : {}),
            releasedAt: d.now,
          },
        },
      ];
    }
    default:
      return assertNever(command);
  }
};

export const evolveBudget = (state: SchemeBudget, event: BudgetEvent): SchemeBudget => {
  switch (event.type) {
    case 'SubsidyGranted':
      return {
        ...state,
        allocations: { ...state.allocations, [event.data.applicationId]: { farmId: event.data.farmId, rank: event.data.rank, reservedCents: event.data.reservedCents, granted: true, releasedCents: 0, grantedAt: event.data.grantedAt } },
        reservedCents: state.reservedCents + event.data.reservedCents,
        ranked: Math.max(state.ranked, event.data.rank),
      };
    case 'SubsidyRefused':
      return {
        ...state,
        allocations: { ...state.allocations, [event.data.applicationId]: { farmId: event.data.farmId, rank: event.data.rank, reservedCents: 0, granted: false, releasedCents: 0 } },
        ranked: Math.max(state.ranked, event.data.rank),
      };
    case 'BudgetReservationReleased': {
      const a = ownValue(state.allocations, event.data.applicationId);
      if (!a) return state;
      return {
        ...state,
        allocations: { ...state.allocations, [event.data.applicationId]: { ...a, releasedCents: event.data.releasedCents } },
        releasedCents: state.releasedCents - a.releasedCents + event.data.releasedCents,
      };
    }
    default:
      return assertNever(event);
  }
};

export const budgetDecider: Decider<SchemeBudget, BudgetCommand, BudgetEvent> = {
  decide: decideBudget,
  evolve: evolveBudget,
  initialState: () => ({ allocations: {}, reservedCents: 0, releasedCents: 0, ranked: 0 }),
};

/** An application's place in the budget, as the application decider's commands carry it. */
export const allocationOf = (budget: SchemeBudget, applicationId: string | null): AllocationView => {
  const a = applicationId === null ? undefined : ownValue(budget.allocations, applicationId);
  if (!a) return { status: 'none', reservedCents: 0 };
  return a.granted ? { status: 'granted', reservedCents: a.reservedCents, ...(a.grantedAt ? { grantedAt: a.grantedAt } : {}) } : { status: 'refused', reservedCents: 0 };
};
