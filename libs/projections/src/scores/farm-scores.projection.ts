import type { ScoreEvent, ScoreStatus } from '@asb/domain';
import { eventRefOf, type EventRef, type StoredEvent } from '@asb/event-store';
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
}>;

export type ScoreStep = Readonly<{ type: ScoreEvent['type']; scoreVersion: number; at: string; by: string; reason?: string; outcome?: 'upheld' | 'rejected'; eventId: string }>;

export const scoreKey = (scheme: string, farmId: string, year: number) => `${scheme}:${farmId}:${year}`;

const SCORE_EVENTS: readonly ScoreEvent['type'][] = ['ScoreCalculated', 'ScoreRecalculated', 'ScorePresentedToFarmer', 'ScoreApproved', 'ScoreDisputed', 'ScoreDisputeDecided', 'ScoreForwardedToPayer'];

/**
 * Every step a farm-year's score went through, with who and when: the score stream itself, read
 * when a score is shown (a handful of events), so the read model does not keep a second copy.
 */
export const scoreStepsOf = (events: readonly StoredEvent[]): ScoreStep[] =>
  events
    .filter((e) => (SCORE_EVENTS as readonly string[]).includes(e.type))
    .map((stored) => {
      const event = { type: stored.type, data: stored.data } as ScoreEvent;
      const reason =
        event.type === 'ScoreRecalculated' || event.type === 'ScoreDisputed'
          ? { reason: event.data.reason }
          : event.type === 'ScoreDisputeDecided'
            ? { reason: event.data.reason, outcome: event.data.outcome }
            : {};
      return { type: event.type, scoreVersion: event.data.scoreVersion, at: stored.metadata.recordedAt, by: stored.metadata.actor.id, eventId: stored.id, ...reason };
    });

/** Per farm-year score: where it stands in the approval workflow, what it pays, and what was forwarded. */
export const farmScoresProjection: Projection<FarmScoreDoc | null> = {
  name: 'farm-scores',
  // 5: per-KPI amounts and inputs stay in their event, the step history in the score stream.
  // 6: a dispute's decision (ScoreDisputeDecided) moves the status to dispute-rejected / dispute-upheld (D36).
  version: 6,
  handles: SCORE_EVENTS,
  keysOf: (e) => {
    const d = e.data as { scheme: string; farmId: string; year: number };
    return [scoreKey(d.scheme, d.farmId, d.year)];
  },
  initialState: () => null,
  evolve: (state, stored) => {
    const event = { type: stored.type, data: stored.data } as ScoreEvent;
    switch (event.type) {
      case 'ScoreCalculated':
      case 'ScoreRecalculated': {
        const d = event.data;
        return {
          scheme: d.scheme, farmId: d.farmId, year: d.year, status: 'calculated', scoreVersion: d.scoreVersion,
          totalCents: d.result.totalCents, normSet: d.normSet, ruleVersion: d.ruleVersion,
          forwarded: state?.forwarded ?? null,
          computedIn: eventRefOf(stored),
        };
      }
      case 'ScorePresentedToFarmer':
        return state && { ...state, status: 'presented' };
      case 'ScoreApproved':
        return state && { ...state, status: 'approved' };
      case 'ScoreDisputed':
        return state && { ...state, status: 'disputed' };
      case 'ScoreDisputeDecided':
        return state && { ...state, status: event.data.outcome === 'upheld' ? 'dispute-upheld' : 'dispute-rejected' };
      case 'ScoreForwardedToPayer':
        return state && { ...state, status: 'forwarded', forwarded: { scoreVersion: event.data.scoreVersion, totalCents: event.data.totalCents, forwardedAt: event.data.forwardedAt } };
    }
  },
};
