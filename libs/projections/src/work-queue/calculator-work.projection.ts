import type { FindingEvent, ScoreEvent } from '@asb/domain';
import type { StoredEvent } from '@asb/event-store';
import type { Projection } from '../projection';

/** The three sections of the calculator's work queue (issue 16). */
export const WORK_KINDS = ['to-present', 'disputed', 'blocking'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/**
 * What the calculator is to do next:
 *  - present: a score calculated and not yet presented to the farmer;
 *  - present-again: a score whose dispute was rejected, to be presented again with the decision (D36);
 *  - decide-dispute: a score the farmer disputed, with the farmer's reason;
 *  - recalculate: a score whose dispute was upheld, to be recalculated from corrected data (D36);
 *  - decide-finding: an open blocking finding, to be resolved by corrected data or a documented decision.
 */
export type WorkTask = 'present' | 'present-again' | 'decide-dispute' | 'recalculate' | 'decide-finding';

export type WorkItem = Readonly<{
  kind: WorkKind;
  task: WorkTask;
  farmId: string;
  year: number;
  /** Since when the task waits (ISO instant): when the score was calculated, disputed or decided, or the finding raised. */
  since: string;
  /** Score tasks: the scheme, the score version and what it pays. Findings are of a farm-year, not of a scheme. */
  scheme?: string;
  scoreVersion?: number;
  totalCents?: number;
  /** decide-dispute, recalculate: the farmer's reason for the dispute; decide-dispute: when the decision is due (decideBy). */
  disputeReason?: string;
  decideBy?: string;
  /** present-again, recalculate: the decision on the dispute and its reason. */
  decision?: Readonly<{ outcome: 'upheld' | 'rejected'; reason: string }>;
  /** decide-finding: the finding and the check that raised it. */
  findingId?: string;
  checkId?: string;
  subject?: string;
  message?: string;
  /** decide-finding: the figures the check compared, so the pages can say the finding in words (check-names.ts). */
  values?: Readonly<Record<string, number | string | boolean | null>>;
}>;

/**
 * The work waiting at one place: the key's kind, farm-year and scheme or finding. `item` is null once
 * the work is done (or before there was any); the score's last known facts are kept to fill the next item.
 */
export type CalculatorWorkDoc = Readonly<{
  kind: WorkKind;
  item: WorkItem | null;
  score?: Readonly<{ scoreVersion: number; totalCents: number; disputeReason?: string; decideBy?: string }>;
}>;

/**
 * `{kind}:{farmId}:{year}:{scheme or findingId}`: a page of one kind runs by farm, then year. Farm ids,
 * scheme ids and finding ids hold no colon, so `{kind}:` takes in exactly the items of that kind.
 */
export const workKey = (kind: WorkKind, farmId: string, year: number, ref: string): string => `${kind}:${farmId}:${year}:${ref}`;
export const workPrefix = (kind: WorkKind): string => `${kind}:`;

const SCORE_EVENTS: readonly ScoreEvent['type'][] = ['ScoreCalculated', 'ScoreRecalculated', 'ScorePresentedToFarmer', 'ScoreApproved', 'ScoreDisputed', 'ScoreDisputeDecided', 'ScoreForwardedToPayer'];
const FINDING_EVENTS: readonly FindingEvent['type'][] = ['CheckFindingRaised', 'CheckFindingResolved'];
const isScoreEvent = (e: StoredEvent) => (SCORE_EVENTS as readonly string[]).includes(e.type);

/** The kind of work a score's status puts it in, if any. */
const scoreWork = (event: ScoreEvent): { kind: WorkKind; task: WorkTask; since: string } | null => {
  switch (event.type) {
    case 'ScoreCalculated':
    case 'ScoreRecalculated':
      return { kind: 'to-present', task: 'present', since: event.data.calculatedAt };
    case 'ScoreDisputed':
      return { kind: 'disputed', task: 'decide-dispute', since: event.data.disputedAt };
    case 'ScoreDisputeDecided':
      return event.data.outcome === 'rejected'
        ? { kind: 'to-present', task: 'present-again', since: event.data.decidedAt }
        : { kind: 'disputed', task: 'recalculate', since: event.data.decidedAt };
    case 'ScorePresentedToFarmer':
    case 'ScoreApproved':
    case 'ScoreForwardedToPayer':
      return null;
  }
};

const evolveScore = (state: CalculatorWorkDoc, event: ScoreEvent): CalculatorWorkDoc => {
  const { scheme, farmId, year } = event.data;
  // What every item of this score shows, kept in each of its documents as the events pass.
  const score =
    event.type === 'ScoreCalculated' || event.type === 'ScoreRecalculated'
      ? { scoreVersion: event.data.scoreVersion, totalCents: event.data.result.totalCents }
      : event.type === 'ScoreDisputed' && state.score
        ? { ...state.score, disputeReason: event.data.reason, ...(event.data.decideBy ? { decideBy: event.data.decideBy } : {}) }
        : state.score;
  const work = scoreWork(event);
  if (!work || work.kind !== state.kind || !score) return { kind: state.kind, item: null, ...(score ? { score } : {}) };
  const decision = event.type === 'ScoreDisputeDecided' ? { decision: { outcome: event.data.outcome, reason: event.data.reason } } : {};
  // The farmer's reason goes with the dispute until a new version answers it; the due date only until it is decided.
  const dispute = {
    ...((work.task === 'decide-dispute' || work.task === 'recalculate') && score.disputeReason ? { disputeReason: score.disputeReason } : {}),
    ...(work.task === 'decide-dispute' && score.decideBy ? { decideBy: score.decideBy } : {}),
  };
  return { kind: state.kind, score, item: { kind: state.kind, task: work.task, farmId, year, since: work.since, scheme, scoreVersion: score.scoreVersion, totalCents: score.totalCents, ...dispute, ...decision } };
};

const evolveFinding = (state: CalculatorWorkDoc, event: FindingEvent): CalculatorWorkDoc => {
  if (event.type === 'CheckFindingResolved') return { kind: state.kind, item: null };
  const d = event.data;
  return { kind: state.kind, item: { kind: state.kind, task: 'decide-finding', farmId: d.farmId, year: d.year, since: d.raisedAt, findingId: d.findingId, checkId: d.checkId, subject: d.subject, message: d.message, values: d.values } };
};

/**
 * The calculator's work queue (issue 16): a document per score in each section it can be in, and one
 * per blocking finding, non-empty while the work waits. Which calculator sees which item is decided at
 * query time, from the farm's authorisations: they change with time, the work does not.
 */
export const calculatorWorkProjection: Projection<CalculatorWorkDoc> = {
  name: 'calculator-work',
  // 2: a finding's item carries the values it compared.
  version: 2,
  handles: [...SCORE_EVENTS, ...FINDING_EVENTS],
  keysOf: (e) => {
    if (isScoreEvent(e)) {
      const d = e.data as { scheme: string; farmId: string; year: number };
      return [workKey('to-present', d.farmId, d.year, d.scheme), workKey('disputed', d.farmId, d.year, d.scheme)];
    }
    const d = e.data as { farmId: string; year: number; findingId: string; severity?: string };
    // A warning is never work; a resolution touches only a document a blocking finding made.
    if (e.type === 'CheckFindingRaised' && d.severity !== 'blocking') return [];
    return [workKey('blocking', d.farmId, d.year, d.findingId)];
  },
  initialState: (key) => ({ kind: key.slice(0, key.indexOf(':')) as WorkKind, item: null }),
  evolve: (state, e) => {
    const event = { type: e.type, data: e.data } as ScoreEvent | FindingEvent;
    return isScoreEvent(e) ? evolveScore(state, event as ScoreEvent) : evolveFinding(state, event as FindingEvent);
  },
};
