import { assertNever, type Command, type Decider, type DomainEvent } from '../shared/decider';
import { refuse } from '../shared/domain-error';
import { ownValue } from '../shared/guards';
import { NO_MODEL, type BalanceData } from './balance-data';
import { readBalanceData } from './validate-balance-data';
import type { IndicatorVocabulary } from '../norms/indicator-catalogue';

type FarmYear = { farmId: string; year: number };

export type BalanceDataSubmitted = DomainEvent<'BalanceDataSubmitted', FarmYear & BalanceData & { submissionId: string; submittedAt: string }>;
export type BalanceDataCorrected = DomainEvent<
  'BalanceDataCorrected',
  FarmYear & BalanceData & { submissionId: string; supersedes: string; reason: string; correctedAt: string }
>;
export type BalanceDataWithdrawn = DomainEvent<'BalanceDataWithdrawn', FarmYear & { submissionId: string; reason: string; withdrawnAt: string }>;
export type BalanceSubmissionEvent = BalanceDataSubmitted | BalanceDataCorrected | BalanceDataWithdrawn;

/** `indicators`, `sources`: what the published catalogues declare when the command is made (D40); absent: the shipped ones. */
type Declared = { indicators?: IndicatorVocabulary; sources?: readonly string[] };
export type SubmitBalanceData = Command<'SubmitBalanceData', FarmYear & Declared & { submissionId: string; data: BalanceData; now: string }>;
export type CorrectBalanceData = Command<'CorrectBalanceData', FarmYear & Declared & { submissionId: string; supersedes: string; data: BalanceData; reason: string; now: string }>;
export type WithdrawBalanceData = Command<'WithdrawBalanceData', FarmYear & { submissionId: string; reason: string; now: string }>;
export type BalanceSubmissionCommand = SubmitBalanceData | CorrectBalanceData | WithdrawBalanceData;

export type SubmissionRecord = Readonly<{
  submissionId: string;
  source: BalanceData['source'];
  sourceDocumentId: string;
  status: 'active' | 'superseded' | 'withdrawn';
  supersededBy?: string;
}>;
export type BalanceSubmissions = Readonly<{ submissions: Readonly<Record<string, SubmissionRecord>> }>;

/** Every field is checked first (D31): null or a value outside its type is refused naming the field. */
const checkContent = (raw: BalanceData, declared: Declared): void => {
  const data = readBalanceData(raw, '', 'command', declared.indicators, declared.sources);
  if (!data.flows?.length && !data.indicators && !data.landUse && !data.stockChange) {
    refuse('EMPTY_SUBMISSION', 'a submission needs flows, indicator values, land use or a stock change', 'invalid', 'flows');
  }
  data.flows?.forEach((flow, i) => {
    if (flow.kind === 'milk' && flow.proteinPct === undefined && flow.nKg === undefined) {
      refuse('MILK_WITHOUT_PROTEIN', 'a milk flow needs proteinPct (or its N in kg)', 'invalid', `flows.${i}.proteinPct`);
    }
    if ((flow.kind === 'manure-delivered' || flow.kind === 'organic-manure-received') && data.source === 'manure-transport-registry' && !flow.counterpartyFarmId) {
      refuse('MANURE_WITHOUT_COUNTERPARTY', 'a registered manure transport names the other farm', 'invalid', `flows.${i}.counterpartyFarmId`);
    }
  });
};

/** What is recorded always says its model (D45): a submission that names none records `none`. */
const withModel = (data: BalanceData): BalanceData => (data.model === undefined ? { ...data, model: NO_MODEL } : data);

const activeDuplicate = (state: BalanceSubmissions, data: BalanceData) =>
  Object.values(state.submissions).find((s) => s.status === 'active' && s.source === data.source && s.sourceDocumentId === data.sourceDocumentId);

export const decideBalanceSubmission = (command: BalanceSubmissionCommand, state: BalanceSubmissions): BalanceSubmissionEvent[] => {
  const { farmId, year, submissionId, now } = command.data;
  switch (command.type) {
    case 'SubmitBalanceData': {
      if (ownValue(state.submissions, submissionId)) return refuse('SUBMISSION_EXISTS', `submission ${submissionId} exists`, 'conflict', 'submissionId');
      checkContent(command.data.data, command.data);
      const duplicate = activeDuplicate(state, command.data.data);
      if (duplicate) {
        return refuse('DUPLICATE_SOURCE_DOCUMENT', `${command.data.data.source} document ${command.data.data.sourceDocumentId} is already submitted as ${duplicate.submissionId}; correct it instead`, 'conflict', 'sourceDocumentId');
      }
      return [{ type: 'BalanceDataSubmitted', data: { farmId, year, submissionId, ...withModel(command.data.data), submittedAt: now } }];
    }
    case 'CorrectBalanceData': {
      if (ownValue(state.submissions, submissionId)) return refuse('SUBMISSION_EXISTS', `submission ${submissionId} exists`, 'conflict', 'submissionId');
      const old = ownValue(state.submissions, command.data.supersedes);
      if (!old) return refuse('SUBMISSION_NOT_FOUND', `no submission ${command.data.supersedes} for ${farmId} ${year}`, 'not_found', 'supersedes');
      if (old.status !== 'active') return refuse('SUBMISSION_NOT_ACTIVE', `submission ${old.submissionId} is ${old.status}`, 'conflict', 'supersedes');
      if (old.source !== command.data.data.source) {
        return refuse('SOURCE_MISMATCH', `a correction of a ${old.source} submission must come from ${old.source}`, 'invalid', 'source');
      }
      checkContent(command.data.data, command.data);
      return [
        {
          type: 'BalanceDataCorrected',
          data: { farmId, year, submissionId, supersedes: old.submissionId, ...withModel(command.data.data), reason: command.data.reason, correctedAt: now },
        },
      ];
    }
    case 'WithdrawBalanceData': {
      const old = ownValue(state.submissions, submissionId);
      if (!old) return refuse('SUBMISSION_NOT_FOUND', `no submission ${submissionId} for ${farmId} ${year}`, 'not_found', 'submissionId');
      if (old.status !== 'active') return refuse('SUBMISSION_NOT_ACTIVE', `submission ${submissionId} is ${old.status}`, 'conflict', 'submissionId');
      return [{ type: 'BalanceDataWithdrawn', data: { farmId, year, submissionId, reason: command.data.reason, withdrawnAt: now } }];
    }
    default:
      return assertNever(command);
  }
};

export const evolveBalanceSubmissions = (state: BalanceSubmissions, event: BalanceSubmissionEvent): BalanceSubmissions => {
  switch (event.type) {
    case 'BalanceDataSubmitted':
      return {
        submissions: {
          ...state.submissions,
          [event.data.submissionId]: { submissionId: event.data.submissionId, source: event.data.source, sourceDocumentId: event.data.sourceDocumentId, status: 'active' },
        },
      };
    case 'BalanceDataCorrected': {
      const old = ownValue(state.submissions, event.data.supersedes);
      return {
        submissions: {
          ...state.submissions,
          ...(old ? { [old.submissionId]: { ...old, status: 'superseded', supersededBy: event.data.submissionId } } : {}),
          [event.data.submissionId]: { submissionId: event.data.submissionId, source: event.data.source, sourceDocumentId: event.data.sourceDocumentId, status: 'active' },
        },
      };
    }
    case 'BalanceDataWithdrawn': {
      const old = ownValue(state.submissions, event.data.submissionId);
      return old ? { submissions: { ...state.submissions, [old.submissionId]: { ...old, status: 'withdrawn' } } } : state;
    }
    default:
      return assertNever(event);
  }
};

export const balanceSubmissionsDecider: Decider<BalanceSubmissions, BalanceSubmissionCommand, BalanceSubmissionEvent> = {
  decide: decideBalanceSubmission,
  evolve: evolveBalanceSubmissions,
  initialState: () => ({ submissions: {} }),
};
