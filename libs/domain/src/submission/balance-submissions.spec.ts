import { DeciderSpecification } from '../testing/decider-specification';
import { balanceSubmissionsDecider, type BalanceDataSubmitted } from './balance-submissions';
import type { BalanceData } from './balance-data';

const given = DeciderSpecification.for(balanceSubmissionsDecider);
const klw: BalanceData = {
  source: 'klw',
  sourceDocumentId: 'KLW-2025-001',
  flows: [{ kind: 'milk', kgProduct: 900_000, proteinPct: 3.5, fatPct: 4.4, quality: 'measured' }],
  indicators: { nFarmSurplusKgHa: { value: 137.3, quality: 'calculated' } },
  model: 'KringloopWijzer',
  modelVersion: '2025.01',
};
const submitted: BalanceDataSubmitted = { type: 'BalanceDataSubmitted', data: { farmId: 'f', year: 2025, submissionId: 's1', ...klw, submittedAt: 't1' } };

describe('balance data submissions', () => {
  it('records a submission', () =>
    given([]).when({ type: 'SubmitBalanceData', data: { farmId: 'f', year: 2025, submissionId: 's1', data: klw, now: 't1' } }).then([submitted]));
  it('refuses the same source document twice: a correction is the way', () =>
    given([submitted]).when({ type: 'SubmitBalanceData', data: { farmId: 'f', year: 2025, submissionId: 's2', data: klw, now: 't2' } }).thenRefusedWith('DUPLICATE_SOURCE_DOCUMENT'));
  it('refuses an empty submission', () =>
    given([]).when({ type: 'SubmitBalanceData', data: { farmId: 'f', year: 2025, submissionId: 's1', data: { source: 'klw', sourceDocumentId: 'x' }, now: 't' } }).thenRefusedWith('EMPTY_SUBMISSION'));
  it('refuses a milk flow without protein', () =>
    given([])
      .when({ type: 'SubmitBalanceData', data: { farmId: 'f', year: 2025, submissionId: 's1', data: { ...klw, flows: [{ kind: 'milk', kgProduct: 1, quality: 'measured' }] }, now: 't' } })
      .thenRefusedWith('MILK_WITHOUT_PROTEIN'));
  it('corrects a submission, naming what it supersedes', () =>
    given([submitted])
      .when({ type: 'CorrectBalanceData', data: { farmId: 'f', year: 2025, submissionId: 's2', supersedes: 's1', data: klw, reason: 'typo', now: 't2' } })
      .then([{ type: 'BalanceDataCorrected', data: { farmId: 'f', year: 2025, submissionId: 's2', supersedes: 's1', ...klw, reason: 'typo', correctedAt: 't2' } }]));
  it('refuses to correct a superseded submission or from another source', () => {
    const corrected = { type: 'BalanceDataCorrected' as const, data: { farmId: 'f', year: 2025, submissionId: 's2', supersedes: 's1', ...klw, reason: 'r', correctedAt: 't2' } };
    given([submitted, corrected])
      .when({ type: 'CorrectBalanceData', data: { farmId: 'f', year: 2025, submissionId: 's3', supersedes: 's1', data: klw, reason: 'r', now: 't3' } })
      .thenRefusedWith('SUBMISSION_NOT_ACTIVE');
    given([submitted])
      .when({ type: 'CorrectBalanceData', data: { farmId: 'f', year: 2025, submissionId: 's3', supersedes: 's1', data: { ...klw, source: 'scan-ict' }, reason: 'r', now: 't3' } })
      .thenRefusedWith('SOURCE_MISMATCH');
  });
  it('withdraws an active submission once', () => {
    const withdrawn = { type: 'BalanceDataWithdrawn' as const, data: { farmId: 'f', year: 2025, submissionId: 's1', reason: 'wrong farm', withdrawnAt: 't2' } };
    given([submitted]).when({ type: 'WithdrawBalanceData', data: { farmId: 'f', year: 2025, submissionId: 's1', reason: 'wrong farm', now: 't2' } }).then([withdrawn]);
    given([submitted, withdrawn]).when({ type: 'WithdrawBalanceData', data: { farmId: 'f', year: 2025, submissionId: 's1', reason: 'again', now: 't3' } }).thenRefusedWith('SUBMISSION_NOT_ACTIVE');
  });

  it('refuses null or a non-finite number where a flow field is optional, naming the field (D31)', () => {
    const withFlow = (flow: object) => ({ type: 'SubmitBalanceData' as const, data: { farmId: 'f', year: 2025, submissionId: 's1', data: { ...klw, flows: [flow] } as BalanceData, now: 't' } });
    given([]).when(withFlow({ kind: 'concentrates', kgProduct: 1000, nContentGPerKg: null, quality: 'registered' })).thenRefusedWith('INVALID_NUMBER', 'flows.0.nContentGPerKg');
    given([]).when(withFlow({ kind: 'concentrates', kgProduct: Number.NaN, quality: 'registered' })).thenRefusedWith('INVALID_NUMBER', 'flows.0.kgProduct');
    given([]).when(withFlow({ kind: 'concentrates', kgProduct: 1000, nKg: 1e308, quality: 'registered' })).thenRefusedWith('INVALID_NUMBER', 'flows.0.nKg');
    given([]).when({ type: 'SubmitBalanceData', data: { farmId: 'f', year: 2025, submissionId: 's1', data: { ...klw, indicators: { nFarmSurplusKgHa: null } } as unknown as BalanceData, now: 't' } }).thenRefusedWith('INVALID_OBJECT', 'indicators.nFarmSurplusKgHa');
    given([]).when({ type: 'SubmitBalanceData', data: { farmId: 'f', year: 2025, submissionId: 's1', data: { ...klw, landUse: null } as unknown as BalanceData, now: 't' } }).thenRefusedWith('INVALID_OBJECT', 'landUse');
  });

  describe('the model and model version of the figures (D45; seed 003 toelichting art. 7: "de rekenregel of de parameters (van de KringloopWijzer)" change during the scheme, so a KLW figure is reproducible only with its model version)', () => {
    const submit = (data: object) => ({ type: 'SubmitBalanceData' as const, data: { farmId: 'f', year: 2025, submissionId: 's1', data: data as BalanceData, now: 't' } });
    const { model: _m, modelVersion: _v, ...withoutModel } = klw;

    it('given a KLW submission with calculated figures, when it names no model, then it is refused naming model', () =>
      given([]).when(submit(withoutModel)).thenRefusedWith('MODEL_REQUIRED', 'model'));
    it('given a KLW submission naming KringloopWijzer, when it gives no model version, then it is refused naming modelVersion', () =>
      given([]).when(submit({ ...withoutModel, model: 'KringloopWijzer' })).thenRefusedWith('MODEL_VERSION_REQUIRED', 'modelVersion'));
    it('given a version without a model, or a version beside model none, then it is refused naming the field', () => {
      given([]).when(submit({ ...withoutModel, modelVersion: '2025.01' })).thenRefusedWith('MODEL_REQUIRED', 'model');
      given([]).when(submit({ ...withoutModel, indicators: { cropRotationIndex: { value: 0.8, quality: 'registered' } }, model: 'none', modelVersion: '1' })).thenRefusedWith('MODEL_VERSION_WITHOUT_MODEL', 'modelVersion');
    });
    it('given calculated figures, when the submission says model none, then it is refused: a calculated figure has a model', () =>
      given([]).when(submit({ ...withoutModel, model: 'none' })).thenRefusedWith('MODEL_REQUIRED', 'model'));
    it('refuses the upcaster\'s "unrecorded", a malformed model or version, and null (D31)', () => {
      given([]).when(submit({ ...klw, model: 'unrecorded' })).thenRefusedWith('INVALID_MODEL', 'model');
      given([]).when(submit({ ...klw, model: ' KLW' })).thenRefusedWith('INVALID_MODEL', 'model');
      given([]).when(submit({ ...klw, modelVersion: '2025 01' })).thenRefusedWith('INVALID_MODEL_VERSION', 'modelVersion');
      given([]).when(submit({ ...klw, modelVersion: null })).thenRefusedWith('INVALID_MODEL_VERSION', 'modelVersion');
    });
    it('given registered figures only (the gecombineerde opgave\'s crop rotation index, drenthe-2025.md KPI table), when no model is named, then the event says model none', () => {
      const go = { source: 'gecombineerde-opgave', sourceDocumentId: 'GO-2025', indicators: { cropRotationIndex: { value: 0.8, quality: 'registered' as const } } };
      given([]).when(submit(go)).then([{ type: 'BalanceDataSubmitted', data: { farmId: 'f', year: 2025, submissionId: 's1', ...go, model: 'none', submittedAt: 't' } }]);
    });
    it('given a KLW submission with model and version, then the event records both', () =>
      given([]).when(submit(klw)).then([{ type: 'BalanceDataSubmitted', data: { farmId: 'f', year: 2025, submissionId: 's1', ...klw, submittedAt: 't' } }]));
  });
});
