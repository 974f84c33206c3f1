import type { ScoreEvent, ScoreStatus } from '@asb/domain';
import { eventRefOf, type EventRef } from '@asb/event-store';
import type { Projection } from '../projection';

export type FarmScoreDoc = Readonly<{
  scheme: string;
  farmId: string;
  year: number;
  status: ScoreStatus;
  scoreVersion: number;
  totalCents: number;
  normSet: Readonly<{ id: string; version: number }> | null;
  ruleVersion: string | null;
  forwarded: Readonly<{ scoreVersion: number; totalCents: number; forwardedAt: string }> | null;
  /** The event that computed the current version: its per-KPI amounts and recorded inputs are read from there. */
  computedIn: EventRef | null;
  history: ReadonlyArray<Readonly<{ type: ScoreEvent['type']; scoreVersion: number; at: string; by: string; reason?: string; eventId: string }>>;
}>;

export const scoreKey = (scheme: string, farmId: string, year: number) => `${scheme}:${farmId}:${year}`;

/** Per farm-year score: where it stands in the approval workflow, and every step it went through. */
export const farmScoresProjection: Projection<FarmScoreDoc | null> = {
  name: 'farm-scores',
  // 4: the inputs and the per-KPI amounts stay in the log; the document points to the event.
  version: 4,
  handles: ['ScoreCalculated', 'ScoreRecalculated', 'ScorePresentedToFarmer', 'ScoreApproved', 'ScoreDisputed', 'ScoreForwardedToPayer'],
  keysOf: (e) => {
    const d = e.data as { scheme: string; farmId: string; year: number };
    return [scoreKey(d.scheme, d.farmId, d.year)];
  },
  initialState: () => null,
  evolve: (state, stored) => {
    const event = { type: stored.type, data: stored.data } as ScoreEvent;
    const step = { type: event.type, scoreVersion: event.data.scoreVersion, at: stored.metadata.recordedAt, by: stored.metadata.actor.id, eventId: stored.id };
    switch (event.type) {
      case 'ScoreCalculated':
      case 'ScoreRecalculated': {
        const d = event.data;
        return {
          scheme: d.scheme, farmId: d.farmId, year: d.year, status: 'calculated', scoreVersion: d.scoreVersion,
          totalCents: d.result.totalCents, normSet: d.normSet, ruleVersion: d.ruleVersion,
          forwarded: state?.forwarded ?? null,
          computedIn: eventRefOf(stored),
          history: [...(state?.history ?? []), { ...step, ...(event.type === 'ScoreRecalculated' ? { reason: event.data.reason } : {}) }],
        };
      }
      case 'ScorePresentedToFarmer':
        return state && { ...state, status: 'presented', history: [...state.history, step] };
      case 'ScoreApproved':
        return state && { ...state, status: 'approved', history: [...state.history, step] };
      case 'ScoreDisputed':
        return state && { ...state, status: 'disputed', history: [...state.history, { ...step, reason: event.data.reason }] };
      case 'ScoreForwardedToPayer':
        return state && { ...state, status: 'forwarded', forwarded: { scoreVersion: event.data.scoreVersion, totalCents: event.data.totalCents, forwardedAt: event.data.forwardedAt }, history: [...state.history, step] };
    }
  },
};
