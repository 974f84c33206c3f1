import Decimal from 'decimal.js';
import fc from 'fast-check';
import { balanceParametersV1, type BalanceParameters } from './balance-parameters';
import { computeFarmBalance, computeFarmBalanceOfRead, flowNitrogenKg, flowP2o5Kg, fpcmKg, readActiveSubmissions, type ActiveSubmission, type FarmBalance } from './compute-balance';
import type { NormSetDocument } from '../norms/norm-set';
import { MODEL_UNRECORDED, type Flow } from '../submission/balance-data';

/**
 * D85: the balance on read submissions (the checks reactor's path) picks each indicator's winner in one
 * walk and builds one object per indicator, and every balance takes the parameters' decimals parsed once
 * per document. Both must give the figures of the path before, byte for byte (key order included: a
 * balance is stored and hashed as JSON in places).
 */

const sources = ['klw', 'scan-ict', 'dairy-processor', 'gecombineerde-opgave', 'manure-transport-registry'] as const;
const quality = fc.constantFrom('registered', 'measured', 'calculated', 'default', 'self-declared');
const kg = fc.oneof(fc.constantFrom(0, 1_000, 1_000_000), fc.integer({ min: 0, max: 2_000_000 }), fc.double({ min: 0, max: 1e6, noNaN: true }));
const flow = fc.oneof(
  fc.record({ kind: fc.constant('milk'), kgProduct: kg, proteinPct: fc.constantFrom(3.19, 3.4, 2.987), fatPct: fc.constantFrom(4.4, 4.1), quality }, { requiredKeys: ['kind', 'kgProduct', 'quality'] }),
  fc.record({ kind: fc.constant('concentrates'), kgProduct: kg, nContentGPerKg: fc.constantFrom(28, 30.3), p2o5ContentGPerKg: fc.constantFrom(9, 10), quality }),
  fc.record({ kind: fc.constant('mineral-fertiliser'), kgProduct: kg, nKg: fc.constantFrom(5400, 6000.5), quality }),
  fc.record({ kind: fc.constant('deposition'), kgProduct: fc.constant(0), nKg: fc.constantFrom(1000, 0), quality }),
  fc.record({ kind: fc.constant('animals-sold'), kgProduct: kg, nKg: fc.constantFrom(2220, 500), p2o5Kg: fc.constantFrom(900, 200), quality }),
).map((f) => f as Flow);
const indicatorKey = fc.constantFrom('milkUreaMg100g', 'rationCrudeProteinGKgDm', 'grazingHours', 'nFarmSurplusKgHa', 'biodiversityPackagesSignedUp');
const indicators = fc.dictionary(indicatorKey, fc.record({ value: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.boolean()), quality }), { maxKeys: 5 });
const submission = fc.record(
  {
    source: fc.constantFrom(...sources),
    flows: fc.array(flow, { maxLength: 6 }),
    indicators,
    stockChange: fc.record({ nKg: fc.constantFrom(0, 100), p2o5Kg: fc.constantFrom(0, 50) }),
    landUse: fc.record({ grasslandHa: fc.constantFrom(0, 39.5, 40), maizeHa: fc.constantFrom(0, 10), arableHa: fc.constantFrom(0, 2.5) }),
    model: fc.constantFrom('KringloopWijzer', 'other'),
    modelVersion: fc.constantFrom('2025.01', '1'),
  },
  { requiredKeys: ['source'] },
);
const farmYear = fc.array(submission, { maxLength: 12 }).map((all) =>
  all.map((data, i): ActiveSubmission => ({ submissionId: `s${i}`, eventId: `e${i}`, recordedAt: 't', data: { sourceDocumentId: `D${i}`, ...data } as ActiveSubmission['data'] })),
);
// Other parameters (a new document each: parsed once each), other precedences.
const parameters = fc.record({
  milkProteinToNitrogenFactor: fc.constantFrom('6.38', '6.25', '6.3800000000000000000001'),
  milkPhosphorusGPerKg: fc.constantFrom('0.97', '1.01'),
  indicatorSourcePrecedence: fc.shuffledSubarray([...sources], { minLength: 1 }),
}).map(({ indicatorSourcePrecedence, ...p }): NormSetDocument<BalanceParameters> => ({
  ...balanceParametersV1,
  parameters: { ...balanceParametersV1.parameters, ...p, indicatorSourcePrecedence },
}));

/**
 * The indicators as picked before D85, the oracle: every submission of every source, lowest precedence
 * first, assigns each indicator it has, so the last assignment wins.
 */
const indicatorsByAssignment = (submissions: readonly ActiveSubmission[], precedence: readonly string[]): FarmBalance['indicators'] => {
  const indicators: Record<string, unknown> = {};
  for (const source of precedence.slice().reverse()) {
    for (const s of submissions.filter((x) => x.data.source === source)) {
      for (const [key, v] of Object.entries(s.data.indicators ?? {})) {
        if (v) indicators[key] = { value: v.value, quality: v.quality, source, submissionId: s.submissionId, model: s.data.model ?? MODEL_UNRECORDED, ...(s.data.modelVersion !== undefined ? { modelVersion: s.data.modelVersion } : {}) };
      }
    }
  }
  return indicators as FarmBalance['indicators'];
};

describe('the balance on read submissions and parsed parameters (D85)', () => {
  it('picks each indicator as the assignments before D85 did, key order included', () => {
    fc.assert(
      fc.property(farmYear, parameters, (raw, params) => {
        const expected = JSON.stringify(indicatorsByAssignment(raw, params.parameters.indicatorSourcePrecedence));
        expect(JSON.stringify(computeFarmBalance('f', 2025, raw, null, params).indicators)).toBe(expected);
        expect(JSON.stringify(computeFarmBalanceOfRead('f', 2025, readActiveSubmissions(raw, 'submissions'), null, params).indicators)).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });


  it('gives the figures of computeFarmBalance, key order included', () => {
    fc.assert(
      fc.property(farmYear, parameters, (raw, params) => {
        const read = readActiveSubmissions(raw, 'submissions');
        const before = computeFarmBalance('f', 2025, raw, null, params);
        const after = computeFarmBalanceOfRead('f', 2025, read, null, params);
        expect(JSON.stringify(after)).toBe(JSON.stringify(before));
        // And once more on the same document (its decimals parsed by now).
        expect(JSON.stringify(computeFarmBalanceOfRead('f', 2025, read, null, params))).toBe(JSON.stringify(before));
      }),
      { numRuns: 400 },
    );
  });

  it('computes each flow with the parameters parsed once as with their strings', () => {
    const D = (v: number | string) => new Decimal(v);
    fc.assert(
      fc.property(flow, parameters, (f, params) => {
        const p = params.parameters;
        const n =
          f.kind === 'milk' && f.proteinPct !== undefined
            ? D(f.kgProduct).times(f.proteinPct).div(100).div(p.milkProteinToNitrogenFactor)
            : f.nKg !== undefined ? D(f.nKg) : f.nContentGPerKg !== undefined ? D(f.kgProduct).times(f.nContentGPerKg).div(1000) : D(0);
        expect(flowNitrogenKg(f, p).toString()).toBe(n.toString());
        if (f.kind === 'milk' && f.p2o5Kg === undefined) expect(flowP2o5Kg(f, p).toString()).toBe(D(f.kgProduct).times(p.milkPhosphorusGPerKg).div(1000).times(p.phosphorusToP2o5).toString());
        if (f.kind === 'milk' && f.fatPct !== undefined && f.proteinPct !== undefined) {
          const fpcm = D(f.kgProduct).times(D(p.fpcm.base).plus(D(p.fpcm.fatPerPct).times(f.fatPct)).plus(D(p.fpcm.proteinPerPct).times(f.proteinPct)));
          expect(fpcmKg(f.kgProduct, f.fatPct, f.proteinPct, p).toString()).toBe(fpcm.toString());
        }
      }),
      { numRuns: 400 },
    );
  });
});
