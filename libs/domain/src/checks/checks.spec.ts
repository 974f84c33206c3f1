import { balanceParametersV1 } from '../balance/balance-parameters';
import { computeFarmBalance, type ActiveSubmission } from '../balance/compute-balance';
import { DeciderSpecification } from '../testing/decider-specification';
import { checkTolerancesV1 } from './check-tolerances';
import { runChecks, type CheckInput } from './run-checks';
import { findingsDecider, type CheckFindingRaised } from './findings';
import type { CheckOutcome } from './check-outcome';

const sub = (submissionId: string, data: ActiveSubmission['data']): ActiveSubmission => ({ submissionId, eventId: `e-${submissionId}`, recordedAt: 't', data });
const input = (submissions: ActiveSubmission[], extra: Partial<CheckInput> = {}): CheckInput => ({
  farmId: 'farm-a',
  year: 2025,
  submissions,
  balance: computeFarmBalance('farm-a', 2025, submissions, { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, balanceParametersV1),
  farm: { landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, livestockUnits: 120 },
  counterparts: [],
  tolerances: checkTolerancesV1,
  ...extra,
});
const run = (i: CheckInput) => runChecks(i, '6.38');
const milk = (kg: number, extra: object = {}) => ({ kind: 'milk' as const, kgProduct: kg, proteinPct: 3.19, fatPct: 4.4, quality: 'measured' as const, ...extra });

describe('checks and balances (action 11)', () => {
  it('refuses a milk protein factor that is not a decimal above 0, also after a valid one was kept (D85)', () => {
    const none = input([]);
    expect(run(none)).toEqual(runChecks(none, '6.38'));
    for (const bad of ['abc', '0', '-6.38', '', '6.38x']) expect(() => runChecks(none, bad)).toThrow(expect.objectContaining({ code: 'INVALID_DECIMAL' }));
    expect(() => runChecks(none, 6.38 as unknown as string)).toThrow(expect.objectContaining({ code: 'INVALID_DECIMAL' }));
  });

  it('1. compares milk per the dairy processor with KLW, by exact decimals against the tolerance band', () => {
    const processor = sub('dp', { source: 'dairy-processor', sourceDocumentId: 'D', flows: [milk(1_000_000)] });
    const outcome = (klwKg: number) => run(input([processor, sub('k', { source: 'klw', sourceDocumentId: 'K', flows: [milk(klwKg)] })])).find((o) => o.checkId === 'milk-delivered')!;
    expect(outcome(1_010_000).severity).toBe('pass'); // exactly 1 %: at the band edge passes
    expect(outcome(1_010_001).severity).toBe('warning');
    expect(outcome(1_040_000)).toMatchObject({ severity: 'blocking', compared: ['e-dp', 'e-k'] });
  });

  it('2. matches manure sent per the registry with what the receiving farm reports, from both sides', () => {
    const registryA = sub('r', { source: 'manure-transport-registry', sourceDocumentId: 'R', flows: [{ kind: 'manure-delivered', kgProduct: 500_000, nKg: 2000, counterpartyFarmId: 'farm-b', quality: 'registered' }] });
    const klwB = (kg: number) => sub('kb', { source: 'klw', sourceDocumentId: 'KB', flows: [{ kind: 'organic-manure-received', kgProduct: kg, nKg: 2000, counterpartyFarmId: 'farm-a', quality: 'calculated' }] });
    const sender = run(input([registryA], { counterparts: [{ farmId: 'farm-b', submissions: [klwB(400_000)] }] }));
    expect(sender.find((o) => o.subject === 'manure-out:farm-b')).toMatchObject({ severity: 'blocking', compared: ['e-r', 'e-kb'] });
    const receiver = run(input([klwB(500_000)].map((s) => ({ ...s })), { farmId: 'farm-b', counterparts: [{ farmId: 'farm-a', submissions: [registryA] }] }));
    // From farm-b's side the counterpart is farm-a; its own KLW names farm-a as sender.
    expect(receiver.find((o) => o.subject === 'manure-in:farm-a')?.severity).toBe('pass');
  });

  it('3. compares land in use with the gecombineerde opgave', () => {
    const go = sub('go', { source: 'gecombineerde-opgave', sourceDocumentId: 'G', landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 } });
    const klw = sub('k', { source: 'klw', sourceDocumentId: 'K', landUse: { grasslandHa: 43, maizeHa: 10, arableHa: 0 } });
    expect(run(input([go, klw])).find((o) => o.checkId === 'land-in-use')).toMatchObject({ severity: 'blocking', values: { largestDifferenceHa: 3 } });
  });

  it('4. recomputes milk N from kg and protein', () => {
    const klw = sub('k', { source: 'klw', sourceDocumentId: 'K', flows: [milk(1_000_000, { nKg: 5200 })] });
    expect(run(input([klw])).find((o) => o.checkId === 'milk-nitrogen')).toMatchObject({ severity: 'blocking', values: { recomputedNKg: 5000, differencePct: 4 } });
  });

  it('5. recomputes the farm N surplus from the flows and compares with KLW', () => {
    const klw = (reported: number) =>
      sub('k', { source: 'klw', sourceDocumentId: 'K', flows: [{ kind: 'concentrates', kgProduct: 250_000, nContentGPerKg: 40, quality: 'registered' }], indicators: { nFarmSurplusKgHa: { value: reported, quality: 'calculated' } } });
    expect(run(input([klw(200)])).find((o) => o.checkId === 'farm-n-surplus')?.severity).toBe('pass');
    expect(run(input([klw(180)])).find((o) => o.checkId === 'farm-n-surplus')).toMatchObject({ severity: 'blocking', values: { recomputedKgHa: 200, differenceKgHa: 20 } });
  });

  it('6. flags impossible values, urea that does not fit the ration, grazing without room to graze', () => {
    const klw = sub('k', {
      source: 'klw',
      sourceDocumentId: 'K',
      indicators: {
        grazingHours: { value: 9000, quality: 'self-declared' },
        milkUreaMg100g: { value: 30, quality: 'measured' },
        rationCrudeProteinGKgDm: { value: 150, quality: 'calculated' },
      },
    });
    const outcomes = run(input([klw], { farm: { landUse: { grasslandHa: 10, maizeHa: 10, arableHa: 0 }, livestockUnits: 120 } }));
    expect(outcomes.find((o) => o.subject === 'range:grazingHours:klw')?.severity).toBe('blocking');
    expect(outcomes.find((o) => o.subject === 'urea-vs-ration-protein')).toMatchObject({ severity: 'warning', values: { expectedUreaMg100g: 15 } });
    expect(outcomes.find((o) => o.subject === 'grazing-vs-stocking')?.severity).toBe('warning');
  });
});

describe('checks over what is recorded (D31)', () => {
  it('read a recorded null as absent: a flow without N content, a farm whose land use is unknown', () => {
    const recorded = sub('k', { source: 'klw', sourceDocumentId: 'K', flows: [{ kind: 'concentrates', kgProduct: 250_000, nContentGPerKg: null as never, p2o5ContentGPerKg: 9, quality: 'registered' }], indicators: { grazingHours: { value: 2000, quality: 'self-declared' } } });
    const balance = computeFarmBalance('farm-a', 2025, [recorded], null, balanceParametersV1);
    expect(balance.n.inputsKg).toEqual({ concentrates: 0 });
    expect(balance.p2o5.inputsKg).toEqual({ concentrates: 2250 });
    const outcomes = run(input([recorded], { balance, farm: { landUse: null as never, livestockUnits: null as never } }));
    expect(outcomes.find((o) => o.subject === 'grazing-vs-stocking')).toBeUndefined();
    expect(outcomes.find((o) => o.subject === 'range:grazingHours:klw')?.severity).toBe('pass');
  });
  it('refuse anything else malformed with a DomainError naming the field', () => {
    const bad = sub('k', { source: 'klw', sourceDocumentId: 'K', flows: [{ kind: 'concentrates', kgProduct: '250000' as never, quality: 'registered' }] });
    expect(() => run(input([], { submissions: [bad] }))).toThrow(expect.objectContaining({ name: 'DomainError', code: 'INVALID_NUMBER', field: 'submissions[0].data.flows.0.kgProduct' }));
  });
});

describe('findings from check outcomes', () => {
  const given = DeciderSpecification.for(findingsDecider);
  const tolerances = { id: 'check-tolerances', version: 1 };
  const blocking: CheckOutcome = { checkId: 'milk-delivered', subject: 'milk', severity: 'blocking', message: 'm', compared: ['e1', 'e2'], values: { differencePct: 4 } };
  const raised: CheckFindingRaised = {
    type: 'CheckFindingRaised',
    data: { farmId: 'f', year: 2025, findingId: 'f-2025-F1', checkId: 'milk-delivered', subject: 'milk', severity: 'blocking', message: 'm', compared: ['e1', 'e2'], values: { differencePct: 4 }, tolerances, raisedAt: 't1' },
  };
  const reconcile = (outcomes: CheckOutcome[], now = 't2') => ({ type: 'ReconcileFindings' as const, data: { farmId: 'f', year: 2025, outcomes, tolerances, now } });

  it('raises a finding for a failing outcome, once', () => {
    given([]).when(reconcile([blocking], 't1')).then([raised]);
    given([raised]).when(reconcile([blocking])).then([]);
  });
  it('resolves it when corrected data makes the check pass, naming the events compared', () =>
    given([raised])
      .when(reconcile([{ ...blocking, severity: 'pass', compared: ['e1', 'e3'] }]))
      .then([{ type: 'CheckFindingResolved', data: { farmId: 'f', year: 2025, findingId: 'f-2025-F1', resolution: 'corrected-data', compared: ['e1', 'e3'], resolvedAt: 't2' } }]));
  it('keeps a finding closed by a documented decision while the evidence is the same', () => {
    const decided = { type: 'CheckFindingResolved' as const, data: { farmId: 'f', year: 2025, findingId: 'f-2025-F1', resolution: 'calculator-decision' as const, compared: ['e1', 'e2'], note: 'meter fault confirmed', decidedBy: 'wur', resolvedAt: 't2' } };
    given([raised, decided]).when(reconcile([blocking], 't3')).then([]);
  });
  it('refuses a decision without a note', () =>
    given([raised]).when({ type: 'ResolveFindingByDecision', data: { farmId: 'f', year: 2025, findingId: 'f-2025-F1', decidedBy: 'wur', actorRole: 'calculator', note: ' ', now: 't' } }).thenRefusedWith('DECISION_WITHOUT_NOTE'));
  // asb.md, action 11: a blocking finding is resolved by corrected data or by a documented decision of the calculator.
  it('refuses a decision by anyone but the calculator', () =>
    given([raised]).when({ type: 'ResolveFindingByDecision', data: { farmId: 'f', year: 2025, findingId: 'f-2025-F1', decidedBy: 'boer', actorRole: 'farmer', note: 'fine by me', now: 't' } }).thenRefusedWith('ROLE_NOT_PERMITTED'));
});
