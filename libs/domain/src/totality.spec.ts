import fc from 'fast-check';
import { DomainError } from './shared/domain-error';
import { balanceParametersV1 } from './balance/balance-parameters';
import { computeFarmBalance, type ActiveSubmission, type FarmBalance } from './balance/compute-balance';
import { checkTolerancesV1 } from './checks/check-tolerances';
import { runChecks, type CheckInput } from './checks/run-checks';
import { drenthe2025NormSet } from './score/drenthe-2025.norm-set';
import { scoreScheme, flattenIndicators } from './score/score-scheme';
import { selectScoreIndicators } from './score/score-inputs';
import { assessLevy, type LevyInputs } from './levy/assess-levy';
import { SHIPPED_LEVIES } from './levy/shipped-levies';
import { equivalentMeasures2017, EQUIVALENT_MEASURES, SOIL_REGIONS } from './equivalent-measures/equivalent-measures-norms';
import { equivalentMeasuresDecider, type EquivalentMeasureCommand, type EquivalentMeasureEvent } from './equivalent-measures/equivalent-measures';
import { farmDecider, type FarmCommand, type FarmEvent } from './farm/farm';
import { balanceSubmissionsDecider, type BalanceSubmissionCommand } from './submission/balance-submissions';
import { INPUT_FLOW_KINDS, OUTPUT_FLOW_KINDS } from './submission/balance-data';
import { DATA_SOURCES, QUALITY_CLASSES } from './submission/data-source';
import { INDICATOR_KEYS } from './submission/indicator-keys';
import { normSetDeciderWith, type NormSetCommand, type NormSetEvent } from './norms/norm-set-aggregate';
import { checkTolerancesV1 as tolerancesDoc } from './checks/check-tolerances';
import type { NormSetDocument } from './norms/norm-set';
import { applicationDecider, deMinimisRoomCents, type ApplicationCommand } from './subsidy/application';
import { computeSettlement } from './subsidy/settlement';
import { budgetDecider, type BudgetCommand, type BudgetEvent } from './subsidy/budget';

/**
 * D31: every rule function and decider is total over its declared input types. Fed arbitrary values
 * of those types — edge numbers (NaN, ±Infinity, -0, 1e308), huge and malformed decimal strings,
 * empty lists, missing optional fields and null where a field is optional (old events and careless
 * callers hold them) — each answers a result or a DomainError, never another kind of throw.
 */
const RUNS = { numRuns: Number(process.env.TOTALITY_RUNS ?? 300) };

/** How often the last property got a result and a refusal: a property that only ever refuses proves little. */
const tally = { results: 0, refusals: 0 };
beforeEach(() => Object.assign(tally, { results: 0, refusals: 0 }));
afterEach(() => {
  if (process.env.TOTALITY_STATS) console.log(expect.getState().currentTestName, tally);
});

/** Runs `f`; a DomainError is a fine answer, anything else thrown fails the property. */
const answers = <T>(f: () => T): T | DomainError => {
  try {
    const result = f();
    tally.results++;
    return result;
  } catch (e) {
    if (e instanceof DomainError) {
      expect(e.kind).toBeDefined();
      tally.refusals++;
      return e;
    }
    throw e;
  }
};
/** At least a tenth of the runs reached a result, so the rules themselves were exercised, not only the entrance. */
const expectResultsAsWellAsRefusals = () => {
  expect(tally.results).toBeGreaterThan(RUNS.numRuns / 10);
  expect(tally.refusals).toBeGreaterThan(0);
};

const edgeNumber = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, 1e15, 1e16),
  fc.double(),
);
const reasonable = fc.oneof(fc.integer({ min: 0, max: 2_000_000 }), fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }));
const num = fc.oneof({ weight: 30, arbitrary: reasonable }, { weight: 1, arbitrary: edgeNumber });
/** An optional field: present, missing, or null. */
const opt = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: a }, { weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(null) });
const decimalString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('0', '1', '6.38', '-1', '110', '0.000001') },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.constantFrom('1e308', '-1e308', '1e-400', 'NaN', 'Infinity', '-Infinity', '', ' ', '1'.repeat(100_000), '0x10', '1,5', '١٢'),
      fc.double().map(String),
      fc.string(),
    ),
  },
);
const orWild = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 30, arbitrary: a as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: fc.anything() });

const landUse = fc.record({ grasslandHa: num, maizeHa: num, arableHa: num });
const flow = fc.record(
  {
    kind: fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...INPUT_FLOW_KINDS, ...OUTPUT_FLOW_KINDS) }, { weight: 1, arbitrary: fc.constantFrom('petrol', 'constructor', '__proto__') }),
    kgProduct: num,
    nContentGPerKg: opt(num),
    p2o5ContentGPerKg: opt(num),
    nKg: opt(num),
    p2o5Kg: opt(num),
    proteinPct: opt(num),
    fatPct: opt(num),
    counterpartyFarmId: opt(fc.constantFrom('farm-a', 'farm-b')),
    quality: fc.constantFrom(...QUALITY_CLASSES),
  },
  { requiredKeys: ['kind', 'kgProduct', 'quality'] },
);
const indicators = fc.dictionary(
  fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...INDICATOR_KEYS) }, { weight: 1, arbitrary: fc.constantFrom('happiness', 'constructor', 'toString') }),
  opt(fc.record({ value: fc.oneof(num, fc.boolean()), quality: fc.constantFrom(...QUALITY_CLASSES) })),
  { maxKeys: 6 },
);
const balanceData = fc.record(
  {
    source: fc.constantFrom(...DATA_SOURCES),
    sourceDocumentId: fc.constantFrom('D1', 'D2'),
    flows: opt(fc.array(orWild(flow), { maxLength: 6 })),
    stockChange: opt(fc.record({ nKg: num, p2o5Kg: num })),
    indicators: opt(indicators),
    landUse: opt(landUse),
    // D45: the model and version, as submitted, as upcast ('unrecorded'), or malformed.
    model: opt(fc.oneof({ weight: 10, arbitrary: fc.constantFrom('KringloopWijzer', 'none', 'unrecorded') }, { weight: 1, arbitrary: fc.oneof(fc.constantFrom('', ' KLW', 'constructor'), fc.string(), fc.integer()) })),
    modelVersion: opt(fc.oneof({ weight: 10, arbitrary: fc.constantFrom('2025.01', '6.3.1') }, { weight: 1, arbitrary: fc.oneof(fc.constantFrom('', '2025 01'), fc.integer()) })),
  },
  { requiredKeys: ['source', 'sourceDocumentId'] },
);
const submission = fc.record({ submissionId: fc.constantFrom('s1', 's2', 's3'), eventId: fc.constantFrom('e1', 'e2', 'e3'), recordedAt: fc.constant('t'), data: orWild(balanceData) });
const submissions = fc.array(submission, { maxLength: 5 }) as fc.Arbitrary<ActiveSubmission[]>;

/** A shipped document with one parameter replaced by an arbitrary value at a random depth. */
const mutated = <P>(doc: NormSetDocument<P>, leaves: fc.Arbitrary<unknown> = fc.oneof(decimalString, edgeNumber, fc.constant(null), fc.anything())) =>
  fc.tuple(fc.nat(3), fc.nat(), leaves).map(([change, pick, leaf]) => {
    if (change > 0) return doc;
    const copy = JSON.parse(JSON.stringify(doc)) as { parameters: unknown };
    const paths: Array<{ parent: Record<string | number, unknown>; key: string | number }> = [];
    const walk = (node: unknown) => {
      if (node !== null && typeof node === 'object') {
        for (const key of Object.keys(node)) {
          paths.push({ parent: node as Record<string, unknown>, key: Array.isArray(node) ? Number(key) : key });
          walk((node as Record<string, unknown>)[key]);
        }
      }
    };
    walk(copy.parameters);
    const at = paths[pick % paths.length];
    at.parent[at.key] = leaf;
    return copy as unknown as NormSetDocument<P>;
  });

describe('the domain is total over its declared input types (D31)', () => {
  it('computeFarmBalance: a balance with finite numbers, or a DomainError', () => {
    fc.assert(
      fc.property(submissions, fc.option(orWild(landUse), { nil: null }), mutated(balanceParametersV1), (subs, farmLandUse, params) => {
        const b = answers(() => computeFarmBalance('farm-a', 2025, subs, farmLandUse as never, params));
        if (b instanceof DomainError) return;
        for (const x of [b.n.surplusKgHa, b.n.totalInputsKg, b.p2o5.surplusKg, b.milk?.nKg, b.milk?.fpcmKg, b.areaHa]) {
          if (x !== null && x !== undefined) expect(Number.isFinite(x)).toBe(true);
        }
      }),
      RUNS,
    );
    expectResultsAsWellAsRefusals();
  });

  it('selectScoreIndicators (D46): every recorded value with its provenance, from a source the KPI or the precedence names, or a DomainError', () => {
    const precedence = fc.oneof(
      { weight: 10, arbitrary: fc.constant(balanceParametersV1.parameters.indicatorSourcePrecedence) },
      { weight: 2, arbitrary: fc.shuffledSubarray([...DATA_SOURCES]) },
      { weight: 1, arbitrary: fc.anything() },
    );
    fc.assert(
      fc.property(submissions, mutated(drenthe2025NormSet, fc.oneof(fc.constantFrom(['klw'], ['scan-ict', 'klw'], [], ['Not A Source'], ['klw', 'klw']), fc.constant(null), fc.anything())), precedence, (subs, normSet, order) => {
        const r = answers(() => selectScoreIndicators(subs, normSet.parameters, order as never));
        if (r instanceof DomainError) return;
        for (const [kpi, p] of Object.entries(r.provenance)) {
          for (const found of p.indicators) {
            expect(r.indicators[found.indicator]).toBe(found.value);
            expect(p.sources).toContain(found.source);
            expect(r.eventIds).toContain(found.eventId);
            expect(typeof found.model).toBe('string');
          }
          expect(normSet.parameters.kpis.some((k) => k.id === kpi)).toBe(true);
        }
      }),
      RUNS,
    );
    expectResultsAsWellAsRefusals();
  });

  it('runChecks (and plausibility): outcomes or a DomainError, also with a farm whose land use or livestock units are null', () => {
    const fabricated = fc.record({
      n: fc.record({ surplusKgHa: opt(num) }),
      flowSources: fc.constant({}),
      indicators: fc.dictionary(fc.constantFrom('milkUreaMg100g', 'rationCrudeProteinGKgDm', 'grazingHours'), fc.record({ value: fc.oneof(num, fc.boolean()), quality: fc.constant('measured'), source: fc.constant('klw'), submissionId: fc.constantFrom('s1', 'nowhere') })),
    });
    const farm = fc.option(fc.record({ landUse: opt(landUse), livestockUnits: opt(num) }), { nil: null });
    const counterparts = fc.array(fc.record({ farmId: fc.constantFrom('farm-b', 'farm-c'), submissions }), { maxLength: 2 });
    fc.assert(
      fc.property(submissions, fc.boolean(), fabricated, farm, counterparts, mutated(tolerancesDoc), decimalString, (subs, computed, fake, farmDetails, cps, tolerances, factor) => {
        const real = computed ? answers(() => computeFarmBalance('farm-a', 2025, subs, null, balanceParametersV1)) : null;
        const balance = (real && !(real instanceof DomainError) ? real : fake) as unknown as FarmBalance;
        const input = { farmId: 'farm-a', year: 2025, submissions: subs, balance, farm: farmDetails, counterparts: cps, tolerances } as unknown as CheckInput;
        const outcomes = answers(() => runChecks(input, factor));
        if (!(outcomes instanceof DomainError)) for (const o of outcomes) expect(['pass', 'warning', 'blocking']).toContain(o.severity);
      }),
      RUNS,
    );
    expectResultsAsWellAsRefusals();
  });

  it('scoreScheme: whole cents within the cap, or a DomainError', () => {
    const input = fc.record(
      {
        landUse: orWild(landUse),
        peatSharePct: num,
        indicators: fc.dictionary(fc.constantFrom(...INDICATOR_KEYS, 'constructor', '__proto__'), opt(fc.oneof(num, fc.boolean(), fc.string()))),
        oncePerSchemePaid: opt(fc.boolean()),
      },
      { requiredKeys: ['landUse', 'peatSharePct', 'indicators'] },
    );
    fc.assert(
      fc.property(input, mutated(drenthe2025NormSet), (i, normSet) => {
        const r = answers(() => scoreScheme(i as never, normSet));
        if (r instanceof DomainError) return;
        expect(Number.isSafeInteger(r.totalCents)).toBe(true);
        expect(r.totalCents).toBeLessThanOrEqual(normSet.parameters.yearlyCapCents);
        expect(r.totalCents).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
    fc.assert(fc.property(fc.anything(), (nested) => void answers(() => flattenIndicators(nested as never))), RUNS);
    expectResultsAsWellAsRefusals();
  });

  it('assessLevy: whole, representable cents, or a DomainError', () => {
    const inputs = fc.record(
      {
        values: fc.dictionary(fc.constantFrom('nFarmSurplusKgHa', 'p2o5FarmSurplusKgHa', 'nh3KgHa', 'nh3KgPerLivestockUnit', 'ghgGCo2eqKgFpcm', 'constructor'), opt(fc.record({ value: num, quality: fc.oneof(fc.constantFrom(...QUALITY_CLASSES), fc.constant('toString')) }))),
        landUse: orWild(landUse),
        livestockUnits: num,
        fpcmKg: opt(num),
      },
      { requiredKeys: ['values', 'landUse', 'livestockUnits'] },
    );
    fc.assert(
      fc.property(inputs, fc.constantFrom(...SHIPPED_LEVIES).chain((doc) => mutated(doc)), (i, normSet) => {
        const a = answers(() => assessLevy(i as unknown as LevyInputs, normSet));
        if (a instanceof DomainError) return;
        expect(Number.isSafeInteger(a.totalCents)).toBe(true);
        for (const l of a.lines) expect(Number.isSafeInteger(l.amountCents)).toBe(true);
      }),
      RUNS,
    );
    expectResultsAsWellAsRefusals();
  });

  it('equivalente maatregelen: decide and evolve answer for any registration, evidence (null yield included), fee and norm set', () => {
    const key = { farmId: 'f', registrationId: 'r1' };
    const crop = fc.constantFrom('maize', 'sugar-beet', 'ware-potatoes', 'constructor', '__proto__', 'toString', 'hasOwnProperty');
    const registered = fc.record({ measure: fc.constantFrom(...EQUIVALENT_MEASURES), crop, soilRegion: fc.constantFrom(...SOIL_REGIONS) }).map(
      (r): EquivalentMeasureEvent => ({ type: 'EquivalentMeasureRegistered', data: { ...key, ...r, year: 2017, registeredAt: '2017-05-01T00:00:00.000Z' } }),
    );
    const evidence = fc.record(
      { evidenceId: fc.constant('e'), kind: fc.constantFrom('buyer-written-proof', 'yield-records'), documentId: fc.constant('d'), yieldTHa: opt(num), slurryNKgHa: opt(num), lastSlurryDate: opt(fc.oneof(fc.constantFrom('2017-06-30', '2017-07-12'), fc.string())) },
      { requiredKeys: ['evidenceId', 'kind', 'documentId'] },
    );
    const events = fc.tuple(registered, fc.array(evidence, { maxLength: 3 }), opt(num)).map(([reg, ev, fee]) => [
      reg,
      ...ev.map((e): EquivalentMeasureEvent => ({ type: 'EquivalentMeasureEvidenceSubmitted', data: { ...key, ...(e as object), submittedAt: 't' } }) as EquivalentMeasureEvent),
      ...(fee === undefined ? [] : [{ type: 'MonitoringFeePaid', data: { ...key, amountCents: fee as number, paidAt: 't' } } as EquivalentMeasureEvent]),
    ]);
    const command: fc.Arbitrary<EquivalentMeasureCommand> = fc.oneof(
      mutated(equivalentMeasures2017).map((norms) => ({ type: 'DecideEquivalentMeasure' as const, data: { ...key, norms, actorId: 'rvo', now: '2017-10-01T00:00:00.000Z' } })),
      evidence.map((e) => ({ type: 'SubmitEvidence' as const, data: { ...key, evidence: e as never, now: 't' } })),
      opt(num).map((amountCents) => ({ type: 'PayMonitoringFee' as const, data: { ...key, registrationId: 'r2', amountCents: amountCents as number, now: 't' } })),
      fc.record({ measure: fc.oneof(fc.constantFrom(...EQUIVALENT_MEASURES), fc.string()), crop, soilRegion: fc.constantFrom(...SOIL_REGIONS, 'mars'), year: num }).map((r) => ({ type: 'RegisterEquivalentMeasure' as const, data: { ...key, registrationId: 'r2', ...(r as object), now: 't' } }) as EquivalentMeasureCommand),
    );
    fc.assert(
      fc.property(events, command, (given, when) => {
        const state = answers(() => given.reduce(equivalentMeasuresDecider.evolve, equivalentMeasuresDecider.initialState()));
        expect(state).not.toBeInstanceOf(DomainError); // evolve never refuses what is recorded
        answers(() => equivalentMeasuresDecider.decide(when, state as never));
      }),
      RUNS,
    );
    expectResultsAsWellAsRefusals();
  });

  it('farm: decide refuses null and malformed details with a DomainError; evolve reads a recorded null as no change', () => {
    const details = fc.record(
      { province: opt(orWild(fc.constant('Drenthe'))), landUse: opt(orWild(landUse)), soilTypes: opt(orWild(fc.constant(['sand']))), peatSharePct: opt(orWild(fc.integer({ min: 0, max: 100 }))), livestockUnits: opt(num) },
      { requiredKeys: [] },
    );
    const registered: FarmEvent = { type: 'FarmRegistered', data: { farmId: 'farm-a', farmerId: 'boer', registeredAt: 't', province: 'Drenthe', landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, soilTypes: ['sand'], peatSharePct: 0, livestockUnits: 120 } };
    fc.assert(
      fc.property(details, fc.array(details, { maxLength: 3 }), fc.boolean(), (d, recorded, register) => {
        const state = recorded.reduce((s, changes) => farmDecider.evolve(s, { type: 'FarmDetailsCorrected', data: { farmId: 'farm-a', changes: changes as never, reason: 'r', correctedAt: 't' } }), farmDecider.evolve(farmDecider.initialState(), registered));
        // A recorded null never removes land use or livestock units from the farm.
        if (state.status === 'registered') {
          expect(state.landUse).not.toBeNull();
          expect(state.livestockUnits).not.toBeNull();
        }
        const command: FarmCommand = register
          ? { type: 'RegisterFarm', data: { farmId: 'farm-b', farmerId: 'boer', now: 't', ...(d as object) } } as FarmCommand
          : { type: 'CorrectFarmDetails', data: { farmId: 'farm-a', changes: d as never, reason: 'r', now: 't' } };
        const events = answers(() => farmDecider.decide(command, register ? farmDecider.initialState() : state));
        if (events instanceof DomainError || register) return;
        // What is accepted holds no null: the plausibility check can fold it.
        for (const [, v] of Object.entries((events[0].data as { changes: object }).changes)) expect(v).not.toBeNull();
      }),
      RUNS,
    );
    expectResultsAsWellAsRefusals();
  });

  it('balance submissions: decide refuses null and malformed farm data with a DomainError', () => {
    // Mostly with a well-formed model (D45), so that the rules after the entrance are reached too.
    const withModel = fc.tuple(orWild(balanceData), fc.nat(3)).map(([d, n]) => (n > 0 && d !== null && typeof d === 'object' && !Array.isArray(d) ? { ...d, model: 'KringloopWijzer', modelVersion: '2025.01' } : d));
    fc.assert(
      fc.property(withModel, (data) => {
        const command: BalanceSubmissionCommand = { type: 'SubmitBalanceData', data: { farmId: 'farm-a', year: 2025, submissionId: 's1', data: data as never, now: 't' } };
        const events = answers(() => balanceSubmissionsDecider.decide(command, balanceSubmissionsDecider.initialState()));
        if (events instanceof DomainError) return;
        // Whatever was accepted, the balance and the checks can compute from it.
        const active: ActiveSubmission = { submissionId: 's1', eventId: 'e1', recordedAt: 't', data: data as never };
        const b = computeFarmBalance('farm-a', 2025, [active], null, balanceParametersV1);
        runChecks({ farmId: 'farm-a', year: 2025, submissions: [active], balance: b, farm: null, counterparts: [], tolerances: checkTolerancesV1 }, '6.38');
      }),
      RUNS,
    );
    expectResultsAsWellAsRefusals();
  });

  it('subsidy money: de-minimis room, the settlement and the application decider answer whole cents or a DomainError', () => {
    const cents = fc.oneof({ weight: 10, arbitrary: fc.integer({ min: 0, max: 5_000_000 }) }, { weight: 1, arbitrary: edgeNumber });
    const declaration = opt(fc.record({ fiscalYears: fc.array(fc.record({ fiscalYear: fc.constantFrom(2023, 2024), aidCents: opt(cents) }), { maxLength: 3 }) }));
    const year = fc.record({ year: fc.constantFrom(2025, 2026), scoreVersion: fc.constant(1), totalCents: cents, biodiversityCents: cents });
    fc.assert(
      fc.property(declaration, cents, fc.array(year, { maxLength: 3 }), fc.tuple(cents, cents, cents, cents), (d, ceiling, years, [granted, cap, advance, previous]) => {
        const room = answers(() => deMinimisRoomCents(d as never, ceiling));
        if (!(room instanceof DomainError)) expect(Number.isSafeInteger(room)).toBe(true);
        const s = answers(() => computeSettlement({ grantedCents: granted, years, schemeCapCents: cap, deMinimisRoomCents: typeof room === 'number' ? room : 0, advanceCents: advance, previouslySettledCents: previous }));
        if (!(s instanceof DomainError)) for (const v of [s.earnedCents, s.netPaymentCents, s.releasedCents]) expect(Number.isSafeInteger(v)).toBe(true);
        const submit = { type: 'SubmitApplication', data: { scheme: 'drenthe-2025', farmId: 'f', applicationId: 'a', actorId: 'boer', farmOwnerId: 'boer', deMinimis: d, dataAuthorisationValid: true, window: { opensAt: '2025-01-01', closesAt: '2026-01-01' }, now: '2025-09-01T10:00:00.000Z' } } as unknown as ApplicationCommand;
        answers(() => applicationDecider.decide(submit, applicationDecider.initialState()));
      }),
      RUNS,
    );
    expectResultsAsWellAsRefusals();
  });

  it('budget: allocation answers for any candidates and amounts, and an application id never reads the prototype', () => {
    const cents = fc.oneof({ weight: 10, arbitrary: fc.integer({ min: 0, max: 2_000_000 }) }, { weight: 1, arbitrary: edgeNumber });
    const id = fc.constantFrom('a1', 'a2', 'constructor', '__proto__', 'toString');
    const candidate = fc.record({ applicationId: id, farmId: fc.constant('f'), completedMinute: fc.constantFrom('2025-09-01T10:00', '2025-09-01T10:01'), completedPosition: num, deMinimisRoomCents: cents });
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 5 }), cents, cents, id, (candidates, ceiling, reservation, released) => {
        const allocate = { type: 'AllocateBudget', data: { scheme: 's', candidates, ceilingCents: ceiling, reservationCents: reservation, partialLastGrant: 'grant-remainder', now: 't' } } as BudgetCommand;
        const events = answers(() => budgetDecider.decide(allocate, budgetDecider.initialState()));
        if (events instanceof DomainError) return;
        const granted = events.filter((e): e is Extract<BudgetEvent, { type: 'SubsidyGranted' }> => e.type === 'SubsidyGranted');
        expect(granted.reduce((a, e) => a + e.data.reservedCents, 0)).toBeLessThanOrEqual(ceiling);
        // Every distinct candidate is ranked, 'constructor' and '__proto__' included.
        expect(new Set(events.map((e) => e.data.applicationId)).size).toBe(new Set(candidates.map((c) => c.applicationId)).size);
        const state = events.reduce(budgetDecider.evolve, budgetDecider.initialState());
        answers(() => budgetDecider.decide({ type: 'ReleaseReservation', data: { scheme: 's', farmId: 'f', applicationId: released, releasedCents: reservation, settlementNo: 1, now: 't' } }, state));
      }),
      RUNS,
    );
    expectResultsAsWellAsRefusals();
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('an id %s from a request is an own key: never mistaken for an existing record', (id) => {
    const key = { farmId: 'f', registrationId: id };
    const events: EquivalentMeasureEvent[] = [
      { type: 'EquivalentMeasureRegistered', data: { ...key, measure: 'row-fertilisation-maize', crop: 'maize', soilRegion: 'southern-sand', year: 2017, registeredAt: '2017-05-01T00:00:00.000Z', registrationDocumentId: 'RVO-1' } },
      { type: 'EquivalentMeasureEvidenceSubmitted', data: { ...key, evidenceId: 'e', kind: 'equipment-invoice', documentId: 'd', submittedAt: 't' } },
      { type: 'MonitoringFeePaid', data: { ...key, amountCents: 19_500, paidAt: 't' } },
    ];
    expect(equivalentMeasuresDecider.decide({ type: 'RegisterEquivalentMeasure', data: { ...events[0].data, now: 't' } as never }, equivalentMeasuresDecider.initialState())).toHaveLength(1);
    const state = events.reduce(equivalentMeasuresDecider.evolve, equivalentMeasuresDecider.initialState());
    const decided = equivalentMeasuresDecider.decide({ type: 'DecideEquivalentMeasure', data: { ...key, norms: equivalentMeasures2017, actorId: 'rvo', now: 't' } }, state);
    expect(decided[0]).toMatchObject({ type: 'FarmSpecificNormGranted', data: { extraNKgHa: '25' } });
    const submit: BalanceSubmissionCommand = { type: 'SubmitBalanceData', data: { farmId: 'f', year: 2025, submissionId: id, data: { source: 'klw', sourceDocumentId: 'K', landUse: { grasslandHa: 1, maizeHa: 0, arableHa: 0 } }, now: 't' } };
    expect(balanceSubmissionsDecider.decide(submit, balanceSubmissionsDecider.initialState())).toHaveLength(1);
  });

  it('norm sets: publish and amend answer for any document and any change, and never touch Object.prototype', () => {
    const decider = normSetDeciderWith();
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const shipped = [drenthe2025NormSet, balanceParametersV1, checkTolerancesV1, equivalentMeasures2017, ...SHIPPED_LEVIES] as NormSetDocument[];
    const segment = fc.oneof(fc.constantFrom('kpis', '0', '1', 'tiers', 'threshold', 'cents', '__proto__', 'constructor', 'prototype', 'length', 'toString', 'higherNYield', 'maize', 'components', ''), fc.string({ maxLength: 5 }));
    const path = fc.oneof({ weight: 5, arbitrary: fc.array(segment, { minLength: 1, maxLength: 6 }).map((s) => s.join('.')) }, { weight: 1, arbitrary: fc.anything() });
    const change = fc.oneof({ weight: 8, arbitrary: fc.record({ path, value: fc.oneof(decimalString, edgeNumber, fc.jsonValue(), fc.constant(null)) }) }, { weight: 1, arbitrary: fc.anything() });
    const command: fc.Arbitrary<NormSetCommand> = fc.oneof(
      fc.constantFrom(...shipped).chain((d) => mutated(d)).map((document) => ({ type: 'PublishNormSet' as const, data: { document, actorId: 'a', now: 't' } })),
      fc.record({ changes: fc.oneof(fc.array(change, { maxLength: 4 }), fc.anything()), effectiveFrom: fc.oneof(fc.constantFrom('2025-01-01', '2028-01-01', '2025-02-30'), fc.string()), reason: fc.oneof(fc.constant('r'), fc.anything()) }).map(
        (a) => ({ type: 'AmendNormSet' as const, data: { normSetId: 'x', baseVersion: 1, authority: 'GS', legalBasis: 'art. 7', now: 't', ...(a as object) } }) as NormSetCommand,
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom(...shipped), command, (base, when) => {
        const given: NormSetEvent = { type: 'NormSetPublished', data: { document: base, publishedAt: 't', publishedBy: 'p' } };
        const state = when.type === 'PublishNormSet' ? decider.initialState() : decider.evolve(decider.initialState(), given);
        answers(() => decider.decide(when, state));
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
        expect(({} as Record<string, unknown>).asOf).toBeUndefined();
      }),
      RUNS,
    );
    expectResultsAsWellAsRefusals();
  });
});
