import { QUALITY_CLASSES, type ActiveSubmission, type BalanceData, type BalanceSubmissionEvent, type QualityClass } from '@asb/domain';
import type { StoredEvent } from '@asb/event-store';
import type { Projection } from '../projection';

export type SubmissionHistoryEntry = Readonly<{
  submissionId: string;
  eventId: string;
  type: BalanceSubmissionEvent['type'];
  source?: BalanceData['source'];
  sourceDocumentId?: string;
  supersedes?: string;
  reason?: string;
  /** The data-quality classes of the figures a submission or correction carries (flows and indicators), in the order of QUALITY_CLASSES. */
  qualities?: readonly QualityClass[];
  recordedAt: string;
  actor: string;
}>;

/** The quality classes a submission's figures carry, each once. */
const qualitiesOf = (d: BalanceData): QualityClass[] => {
  const present = new Set<string | undefined>([...(d.flows ?? []).map((f) => f.quality), ...Object.values(d.indicators ?? {}).map((v) => v?.quality)]);
  return QUALITY_CLASSES.filter((q) => present.has(q));
};

/**
 * An active submission as the read model keeps it: where its data is in the log, not a copy of it.
 * The log holds each submission's data once; the balance reads it from there (`withSubmissionData`).
 */
export type ActiveSubmissionRef = Readonly<{ submissionId: string; eventId: string; revision: number; recordedAt: string; source: BalanceData['source'] }>;

export type FarmYearSubmissions = Readonly<{
  farmId: string;
  year: number;
  /** Active submissions in the order they were recorded: what the balance is computed from. */
  active: readonly ActiveSubmissionRef[];
  /** Every submission, correction and withdrawal: history keeps both sides of a correction. */
  history: readonly SubmissionHistoryEntry[];
}>;

/** A farm-year's submissions with the data of the active ones, read back from their events. */
export type FarmYearSubmissionData = Omit<FarmYearSubmissions, 'active'> & Readonly<{ active: readonly ActiveSubmission[] }>;

export const farmYearKey = (farmId: string, year: number) => `${farmId}:${year}`;

/** The farm and year a farm-year key names (farm ids may not contain ':', years are numbers). */
export const farmYearOfKey = (key: string): { farmId: string; year: number } => {
  const i = key.lastIndexOf(':');
  return { farmId: key.slice(0, i), year: Number(key.slice(i + 1)) };
};

/** What every per-farm-year view of balance data folds: its events, keyed by farm-year. */
export const farmYearBalanceEvents = {
  handles: ['BalanceDataSubmitted', 'BalanceDataCorrected', 'BalanceDataWithdrawn'],
  keysOf: (e: StoredEvent) => {
    const d = e.data as { farmId: string; year: number };
    return [farmYearKey(d.farmId, d.year)];
  },
} as const;

/** The balance data an event carries, without the ids around it. */
export const balanceDataOf = (d: BalanceData): BalanceData => ({
  source: d.source,
  sourceDocumentId: d.sourceDocumentId,
  ...(d.flows ? { flows: d.flows } : {}),
  ...(d.stockChange ? { stockChange: d.stockChange } : {}),
  ...(d.indicators ? { indicators: d.indicators } : {}),
  ...(d.landUse ? { landUse: d.landUse } : {}),
  // D45: the model and version that computed the figures (a score's provenance names them).
  ...(d.model !== undefined ? { model: d.model } : {}),
  ...(d.modelVersion !== undefined ? { modelVersion: d.modelVersion } : {}),
});

const refOf = (submissionId: string, stored: StoredEvent, source: BalanceData['source']): ActiveSubmissionRef => ({
  submissionId, eventId: stored.id, revision: stored.revision, recordedAt: stored.metadata.recordedAt, source,
});

/** Puts the data back into the active submissions, from events of the farm-year's stream (all of them, or the active ones). */
export const withSubmissionData = (doc: FarmYearSubmissions, events: Iterable<StoredEvent>): FarmYearSubmissionData => {
  const byId = new Map<string, StoredEvent>();
  for (const e of events) byId.set(e.id, e);
  return {
    ...doc,
    active: doc.active.map((ref) => {
      const event = byId.get(ref.eventId);
      if (!event) throw new Error(`submission ${ref.submissionId}: event ${ref.eventId} was not read`);
      return { submissionId: ref.submissionId, eventId: ref.eventId, recordedAt: ref.recordedAt, data: balanceDataOf(event.data as BalanceData) };
    }),
  };
};

/** Per farm-year: the active submissions (corrections replace what they supersede) and the full history. */
export const evolveFarmYearSubmissions = (state: FarmYearSubmissions, stored: StoredEvent): FarmYearSubmissions => {
  const event = { type: stored.type, data: stored.data } as BalanceSubmissionEvent;
  const base = { farmId: event.data.farmId, year: event.data.year };
  const entry = { submissionId: event.data.submissionId, eventId: stored.id, type: event.type, recordedAt: stored.metadata.recordedAt, actor: stored.metadata.actor.id };
  switch (event.type) {
    case 'BalanceDataSubmitted':
      return {
        ...base,
        active: [...state.active, refOf(event.data.submissionId, stored, event.data.source)],
        history: [...state.history, { ...entry, source: event.data.source, sourceDocumentId: event.data.sourceDocumentId, qualities: qualitiesOf(event.data) }],
      };
    case 'BalanceDataCorrected':
      return {
        ...base,
        active: [
          ...state.active.filter((s) => s.submissionId !== event.data.supersedes),
          refOf(event.data.submissionId, stored, event.data.source),
        ],
        history: [...state.history, { ...entry, source: event.data.source, sourceDocumentId: event.data.sourceDocumentId, qualities: qualitiesOf(event.data), supersedes: event.data.supersedes, reason: event.data.reason }],
      };
    case 'BalanceDataWithdrawn':
      return {
        ...base,
        active: state.active.filter((s) => s.submissionId !== event.data.submissionId),
        history: [...state.history, { ...entry, reason: event.data.reason }],
      };
  }
};

/**
 * Folded from a farm-year's stream when its balance or submissions are asked for (now or as of a
 * moment); not kept as a read model: the stream is a handful of events, and a stored copy would
 * only be state to rebuild and keep in step. `farm-years` indexes which farm-years exist.
 */
export const balanceSubmissionsProjection: Projection<FarmYearSubmissions> = {
  name: 'balance-submissions',
  // 2: active submissions point to their events instead of carrying a copy of the data.
  version: 2,
  ...farmYearBalanceEvents,
  initialState: (key) => ({ ...farmYearOfKey(key), active: [], history: [] }),
  evolve: evolveFarmYearSubmissions,
};
