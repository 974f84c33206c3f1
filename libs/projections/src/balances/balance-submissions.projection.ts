import type { ActiveSubmission, BalanceData, BalanceSubmissionEvent } from '@asb/domain';
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
  recordedAt: string;
  actor: string;
}>;

export type FarmYearSubmissions = Readonly<{
  farmId: string;
  year: number;
  /** Active submissions in the order they were recorded: what the balance is computed from. */
  active: readonly ActiveSubmission[];
  /** Every submission, correction and withdrawal: history keeps both sides of a correction. */
  history: readonly SubmissionHistoryEntry[];
}>;

export const farmYearKey = (farmId: string, year: number) => `${farmId}:${year}`;

const dataOf = (d: BalanceData): BalanceData => ({
  source: d.source,
  sourceDocumentId: d.sourceDocumentId,
  ...(d.flows ? { flows: d.flows } : {}),
  ...(d.stockChange ? { stockChange: d.stockChange } : {}),
  ...(d.indicators ? { indicators: d.indicators } : {}),
  ...(d.landUse ? { landUse: d.landUse } : {}),
});

/** Per farm-year: the active submissions (corrections replace what they supersede) and the full history. */
export const evolveFarmYearSubmissions = (state: FarmYearSubmissions, stored: StoredEvent): FarmYearSubmissions => {
  const event = { type: stored.type, data: stored.data } as BalanceSubmissionEvent;
  const base = { farmId: event.data.farmId, year: event.data.year };
  const entry = { submissionId: event.data.submissionId, eventId: stored.id, type: event.type, recordedAt: stored.metadata.recordedAt, actor: stored.metadata.actor.id };
  switch (event.type) {
    case 'BalanceDataSubmitted':
      return {
        ...base,
        active: [...state.active, { submissionId: event.data.submissionId, eventId: stored.id, recordedAt: stored.metadata.recordedAt, data: dataOf(event.data) }],
        history: [...state.history, { ...entry, source: event.data.source, sourceDocumentId: event.data.sourceDocumentId }],
      };
    case 'BalanceDataCorrected':
      return {
        ...base,
        active: [
          ...state.active.filter((s) => s.submissionId !== event.data.supersedes),
          { submissionId: event.data.submissionId, eventId: stored.id, recordedAt: stored.metadata.recordedAt, data: dataOf(event.data) },
        ],
        history: [...state.history, { ...entry, source: event.data.source, sourceDocumentId: event.data.sourceDocumentId, supersedes: event.data.supersedes, reason: event.data.reason }],
      };
    case 'BalanceDataWithdrawn':
      return {
        ...base,
        active: state.active.filter((s) => s.submissionId !== event.data.submissionId),
        history: [...state.history, { ...entry, reason: event.data.reason }],
      };
  }
};

export const balanceSubmissionsProjection: Projection<FarmYearSubmissions> = {
  name: 'balance-submissions',
  version: 1,
  handles: ['BalanceDataSubmitted', 'BalanceDataCorrected', 'BalanceDataWithdrawn'],
  keysOf: (e) => {
    const d = e.data as { farmId: string; year: number };
    return [farmYearKey(d.farmId, d.year)];
  },
  initialState: (key) => {
    const i = key.lastIndexOf(':');
    return { farmId: key.slice(0, i), year: Number(key.slice(i + 1)), active: [], history: [] };
  },
  evolve: evolveFarmYearSubmissions,
};
