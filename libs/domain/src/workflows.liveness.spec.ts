import { assertLiveness, checkState, decided, reachableStates, type Action, type WorkflowModel } from './testing/workflow-model';
import { scoreDecider, type FarmYearScore, type ScoreCommand, type ScoreInputs } from './score/score';
import { scoreScheme } from './score/score-scheme';
import { drenthe2025NormSet } from './score/drenthe-2025.norm-set';
import { levyDecider, type FarmYearLevy, type LevyCommand } from './levy/levy';
import { assessLevy, type LevyInputs } from './levy/assess-levy';
import { minas2003 } from './levy/shipped-levies';
import { authorisationDecider, type AuthorisationCommand, type FarmAuthorisations } from './authorisation/authorisation';
import { findingsDecider, type FarmYearFindings, type FindingCommand } from './checks/findings';
import type { CheckOutcome } from './checks/check-outcome';

/**
 * Issue 14.1: liveness of the four workflows, proven by model-based tests against the deciders
 * (D37). Each model lists the commands the roles may send from a state — with the right and the
 * wrong version, actor or role, since a refusal must leave the state as it was — and what changes
 * outside the decider (corrected data, a settled subsidy, time). The terminal states are those of
 * docs/architecture.md (Workflows).
 */

// ---------------------------------------------------------------- score approval
const scoreKey = { scheme: 'drenthe-2025', farmId: 'f', year: 2025 };
const DATA = {
  A: { n: 110, ids: ['klw-1'] },
  B: { n: 140, ids: ['klw-2'] },
} as const;
type Data = keyof typeof DATA;
const scoreResults = Object.fromEntries(
  (Object.keys(DATA) as Data[]).map((d) => [d, scoreScheme({ landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, peatSharePct: 0, oncePerSchemePaid: false, indicators: { nFarmSurplusKgHa: DATA[d].n } }, drenthe2025NormSet)]),
) as Record<Data, ReturnType<typeof scoreScheme>>;
const scoreInputs = (d: Data): ScoreInputs => ({ indicators: { nFarmSurplusKgHa: DATA[d].n }, landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, peatSharePct: 0, priorBiodiversityPaid: false, inputEventIds: DATA[d].ids });

type ScoreModel = { s: FarmYearScore; data: Data; settled: boolean };
const NOW = '2025-12-01T09:00:00.000Z';
const score = (label: string, command: (m: ScoreModel) => ScoreCommand) => decided(scoreDecider, label, command);
const versionsOf = (m: ScoreModel) => (m.s.current ? [m.s.current.scoreVersion, m.s.current.scoreVersion - 1].filter((v) => v >= 1) : [1]);

const scoreModel: WorkflowModel<ScoreModel> = {
  name: 'score approval',
  initial: { s: scoreDecider.initialState(), data: 'A', settled: false },
  depth: 8,
  actions: (m) => {
    const actions: Action<ScoreModel>[] = [
      // Outside the decider: a data source corrects the indicators; the payer settles the subsidy on the forwarded score.
      { label: 'data corrected', apply: (x) => ({ ...x, data: x.data === 'A' ? 'B' : 'A' }) },
      score('calculate', (x) => ({ type: 'CalculateScore', data: { ...scoreKey, result: scoreResults[x.data], inputs: scoreInputs(x.data), reason: 'latest data', settled: x.settled, now: NOW } })),
    ];
    if (m.s.status === 'forwarded' && !m.settled) actions.push({ label: 'subsidy settled', apply: (x) => ({ ...x, settled: true }) });
    for (const v of versionsOf(m)) {
      const fy = { ...scoreKey, scoreVersion: v, now: NOW };
      actions.push(
        score(`present v${v}`, () => ({ type: 'PresentScore', data: { ...fy, actorId: 'wur', actorRole: 'calculator' } })),
        score(`payer presents v${v}`, () => ({ type: 'PresentScore', data: { ...fy, actorId: 'snn', actorRole: 'payer' } })),
        score(`approve v${v}`, () => ({ type: 'ApproveScore', data: { ...fy, actorId: 'boer', farmOwnerId: 'boer' } })),
        score(`approve v${v} by a neighbour`, () => ({ type: 'ApproveScore', data: { ...fy, actorId: 'buur', farmOwnerId: 'boer' } })),
        score(`dispute v${v}`, () => ({ type: 'DisputeScore', data: { ...fy, actorId: 'boer', farmOwnerId: 'boer', reason: 'grazing hours', decisionDays: 42 } })),
        score(`uphold dispute v${v}`, () => ({ type: 'DecideScoreDispute', data: { ...fy, outcome: 'upheld', reason: 'r', actorId: 'wur', actorRole: 'calculator', decidingRole: 'calculator' } })),
        score(`reject dispute v${v}`, () => ({ type: 'DecideScoreDispute', data: { ...fy, outcome: 'rejected', reason: 'r', actorId: 'wur', actorRole: 'calculator', decidingRole: 'calculator' } })),
        score(`farmer decides own dispute v${v}`, () => ({ type: 'DecideScoreDispute', data: { ...fy, outcome: 'upheld', reason: 'r', actorId: 'boer', actorRole: 'farmer', decidingRole: 'calculator' } })),
        score(`forward v${v}`, () => ({ type: 'ForwardScore', data: { ...fy, actorId: 'wur', actorRole: 'calculator', openBlockingFindings: [] } })),
        score(`forward v${v} with a blocking finding open`, () => ({ type: 'ForwardScore', data: { ...fy, actorId: 'wur', actorRole: 'calculator', openBlockingFindings: ['F1'] } })),
      );
    }
    return actions;
  },
  cases: (m) => (m.s.current ? ['score'] : []),
  // Forwarded to the payer, and the subsidy settled on it: the money is fixed (D20 re-settles, never rewrites).
  isTerminal: (m) => m.s.status === 'forwarded' && m.settled,
  view: (m) => m.s,
};

// ---------------------------------------------------------------- levy assessment to settlement
const levyKey = { levyId: 'minas-2003', farmId: 'f', year: 2003, province: 'Drenthe' };
const levyInputs = (n: number): LevyInputs => ({ values: { nFarmSurplusKgHa: { value: n, quality: 'calculated' } }, landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, livestockUnits: 120, fpcmKg: null });
const LEVY_DATA = { A: 184, B: 170 } as const;
const assessments = { A: assessLevy(levyInputs(184), minas2003), B: assessLevy(levyInputs(170), minas2003) };
const CLOCK = ['2004-03-01T09:00:00.000Z', '2004-03-20T09:00:00.000Z', '2004-05-01T09:00:00.000Z', '2004-08-01T09:00:00.000Z'] as const;

type LevyModel = { s: FarmYearLevy; data: Data; clock: number };
const levy = (label: string, command: (m: LevyModel) => LevyCommand) => decided(levyDecider, label, command);

const levyModel: WorkflowModel<LevyModel> = {
  name: 'levy assessment to settlement',
  initial: { s: levyDecider.initialState(), data: 'A', clock: 0 },
  depth: 8,
  actions: (m) => {
    const now = CLOCK[m.clock];
    const actions: Action<LevyModel>[] = [
      { label: 'data corrected', apply: (x) => ({ ...x, data: x.data === 'A' ? 'B' : 'A' }) },
      levy('assess', (x) => ({ type: 'AssessLevy', data: { ...levyKey, assessment: assessments[x.data], inputs: levyInputs(LEVY_DATA[x.data]), inputEventIds: [x.data], objectionDays: 42, actorRole: 'norm_authority', now } })),
      levy('farmer assesses', (x) => ({ type: 'AssessLevy', data: { ...levyKey, assessment: assessments[x.data], inputs: levyInputs(LEVY_DATA[x.data]), inputEventIds: [x.data], objectionDays: 42, actorRole: 'farmer', now } })),
    ];
    if (m.clock < CLOCK.length - 1) actions.push({ label: 'time passes', apply: (x) => ({ ...x, clock: x.clock + 1 }) });
    for (const no of [m.s.assessments, m.s.assessments - 1].filter((n) => n >= 1)) {
      const k = { ...levyKey, assessmentNo: no, now };
      actions.push(
        levy(`object to #${no}`, () => ({ type: 'ObjectToLevy', data: { ...k, reason: 'manure left the farm', actorId: 'boer', farmOwnerId: 'boer', decisionDays: 42 } })),
        levy(`uphold objection #${no}`, () => ({ type: 'DecideLevyObjection', data: { ...k, outcome: 'upheld', reason: 'r', actorId: 'lnv', actorRole: 'norm_authority', decidingRole: 'norm_authority' } })),
        levy(`reject objection #${no}`, () => ({ type: 'DecideLevyObjection', data: { ...k, outcome: 'rejected', reason: 'r', actorId: 'lnv', actorRole: 'norm_authority', decidingRole: 'norm_authority' } })),
        levy(`payer decides objection #${no}`, () => ({ type: 'DecideLevyObjection', data: { ...k, outcome: 'rejected', reason: 'r', actorId: 'rvo', actorRole: 'payer', decidingRole: 'norm_authority' } })),
        levy(`settle #${no}`, () => ({ type: 'SettleLevy', data: { ...k, actorId: 'rvo', actorRole: 'payer' } })),
        levy(`authority settles #${no}`, () => ({ type: 'SettleLevy', data: { ...k, actorId: 'lnv', actorRole: 'norm_authority' } })),
      );
    }
    return actions;
  },
  cases: (m) => (m.s.current ? ['levy'] : []),
  isTerminal: (m) => m.s.status === 'settled',
  view: (m) => m.s,
};

// ---------------------------------------------------------------- authorisations
const AUTH_CLOCK = ['2025-01-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'] as const;
type AuthModel = { s: FarmAuthorisations; clock: number };
const auth = (label: string, command: (m: AuthModel) => AuthorisationCommand) => decided(authorisationDecider, label, command);

const authorisationModel: WorkflowModel<AuthModel> = {
  name: 'authorisation',
  initial: { s: authorisationDecider.initialState(), clock: 0 },
  depth: 3,
  actions: (m) => {
    const now = AUTH_CLOCK[m.clock];
    const actions: Action<AuthModel>[] = [auth('expire what ran out', () => ({ type: 'ExpireAuthorisations', data: { farmId: 'f', now } }))];
    if (m.clock < AUTH_CLOCK.length - 1) actions.push({ label: 'time passes', apply: (x) => ({ ...x, clock: x.clock + 1 }) });
    for (const id of ['machtiging-wur', 'constructor']) {
      for (const validTo of ['2025-12-31T00:00:00.000Z', '2026-12-31T00:00:00.000Z']) {
        actions.push(
          auth(`grant ${id} to ${validTo.slice(0, 4)}`, () => ({
            type: 'GrantAuthorisation',
            data: { authorisationId: id, farmId: 'f', farmOwnerId: 'boer', actorId: 'boer', grantee: { id: 'wur', role: 'calculator' }, sources: ['klw'], purpose: 'scheme', validFrom: '2025-01-01T00:00:00.000Z', validTo, now },
          })),
        );
      }
      actions.push(
        auth(`revoke ${id}`, () => ({ type: 'RevokeAuthorisation', data: { authorisationId: id, farmId: 'f', farmOwnerId: 'boer', actorId: 'boer', reason: 'changed calculator', now } })),
        auth(`neighbour revokes ${id}`, () => ({ type: 'RevokeAuthorisation', data: { authorisationId: id, farmId: 'f', farmOwnerId: 'boer', actorId: 'buur', reason: 'r', now } })),
      );
    }
    return actions;
  },
  cases: (m) => Object.keys(m.s.byId),
  // Revoked or expired: access has ended for good; a new grant is a new authorisation.
  isTerminal: (m, id) => m.s.byId[id]?.status === 'revoked' || m.s.byId[id]?.status === 'expired',
  view: (m, id) => m.s.byId[id],
};

// ---------------------------------------------------------------- check findings
const outcome = (severity: CheckOutcome['severity'], compared: string[], subject = 'milk'): CheckOutcome => ({ checkId: 'milk-delivered', subject, severity, message: `${severity} on ${subject}`, compared, values: {} });
const OUTCOMES: Record<string, readonly CheckOutcome[]> = {
  'all pass': [outcome('pass', ['e1', 'e2'])],
  'milk differs (warning)': [outcome('warning', ['e1', 'e2'])],
  'milk differs (blocking)': [outcome('blocking', ['e1', 'e2'])],
  'milk differs after a correction (blocking)': [outcome('blocking', ['e1', 'e3'])],
  'milk and manure both blocking': [outcome('blocking', ['e1', 'e2']), outcome('blocking', ['m1'], 'manure-out:b')],
  'nothing to check': [],
};
type FindingsModel = { s: FarmYearFindings };
const finding = (label: string, command: (m: FindingsModel) => FindingCommand) => decided(findingsDecider, label, command);

const findingsModel: WorkflowModel<FindingsModel> = {
  name: 'check findings',
  initial: { s: findingsDecider.initialState() },
  depth: 3,
  actions: (m) => [
    ...Object.entries(OUTCOMES).map(([name, outcomes]) =>
      finding(`checks: ${name}`, () => ({ type: 'ReconcileFindings', data: { farmId: 'f', year: 2025, outcomes, tolerances: { id: 'check-tolerances', version: 1 }, now: NOW } })),
    ),
    ...[...Object.keys(m.s.findings), 'hasOwnProperty'].flatMap((id) => [
      finding(`calculator decides ${id}`, () => ({ type: 'ResolveFindingByDecision', data: { farmId: 'f', year: 2025, findingId: id, decidedBy: 'wur', actorRole: 'calculator', note: 'the processor counts milk fed to calves', now: NOW } })),
      finding(`farmer decides ${id}`, () => ({ type: 'ResolveFindingByDecision', data: { farmId: 'f', year: 2025, findingId: id, decidedBy: 'boer', actorRole: 'farmer', note: 'fine', now: NOW } })),
      finding(`calculator decides ${id} without a note`, () => ({ type: 'ResolveFindingByDecision', data: { farmId: 'f', year: 2025, findingId: id, decidedBy: 'wur', actorRole: 'calculator', note: ' ', now: NOW } })),
    ]),
  ],
  cases: (m) => Object.keys(m.s.findings),
  isTerminal: (m, id) => m.s.findings[id]?.status === 'resolved',
  view: (m, id) => m.s.findings[id],
};

describe('liveness of the workflows (issue 14.1): every case can be closed, and a closed case stays closed', () => {
  const models: Array<WorkflowModel<any>> = [scoreModel, levyModel, authorisationModel, findingsModel];

  it.each(models.map((m) => [m.name, m] as const))('%s: random sequences of permitted commands (fast-check model run)', (_, model) => {
    const { statesChecked } = assertLiveness(model, { numRuns: 60, maxCommands: 25 });
    expect(statesChecked).toBeGreaterThan(200);
  });

  it.each(models.map((m) => [m.name, m] as const))('%s: every state reachable within 4 actions, exhaustively', (_, model) => {
    const memo = new Map<string, boolean>();
    const states = reachableStates(model, 4);
    for (const m of states) checkState(model, m, memo, ['(breadth first)']);
    expect(states.length).toBeGreaterThan(3);
  });

  /*
   * Found by this model (D37): the payer could settle the subsidy when each year had *a* forwarded
   * score, also while a later version of it was open; after that a recalculation is refused (D20),
   * so an upheld dispute of the open version could never be answered. The settlement now refuses
   * that case (SCORE_VERSION_OPEN, libs/domain/src/subsidy/application.spec.ts), which is the rule
   * the model above gives the payer.
   */

  it('the model finds the deadlocks of issue 14 in the deciders as they were', () => {
    // A decider that cannot decide a dispute: the dispute actions refuse. A disputed score whose data
    // stay the same is then stuck until the data change — and with them unchanged for good (the
    // farmer was right about the figures, not the data), for ever.
    const withoutDecisions: WorkflowModel<ScoreModel> = {
      ...scoreModel,
      name: 'score approval without dispute decisions',
      actions: (m) => scoreModel.actions(m).filter((a) => !/dispute v\d/.test(a.label) || a.label.startsWith('dispute')).filter((a) => a.label !== 'data corrected'),
    };
    const stuck = reachableStates(withoutDecisions, 4).find((m) => m.s.status === 'disputed');
    expect(stuck).toBeDefined();
    expect(() => checkState(withoutDecisions, stuck!, new Map(), ['calculate', 'present v1', 'dispute v1'])).toThrow(/can no longer be closed/);
  });
});
