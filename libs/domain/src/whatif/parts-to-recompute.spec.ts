import fc from 'fast-check';
import { balanceParametersV1, type BalanceParameters } from '../balance/balance-parameters';
import { checkTolerancesV1 } from '../checks/check-tolerances';
import { assessLevy } from '../levy/assess-levy';
import type { LevyNorms } from '../levy/levy-norms';
import { lightEmissionLevy, minas2003 } from '../levy/shipped-levies';
import { resolveNamedPath } from '../norms/named-paths';
import type { NormSetDocument } from '../norms/norm-set';
import { applyParameterChanges } from '../norms/parameter-paths';
import { drenthe2025NormSet } from '../score/drenthe-2025.norm-set';
import { scoreRecordedInputs } from '../score/score';
import { balanceBasis } from './balance-basis';
import { evaluateFarmYear, type EvaluationNorms, type FarmYearInputs } from './farm-year-outcome';
import { partsToRecompute } from './parts-to-recompute';

const changed = <P extends object>(doc: NormSetDocument<P>, changes: ReadonlyArray<readonly [string, string | number]>): NormSetDocument<P> => ({
  ...doc,
  parameters: !changes.length ? doc.parameters : applyParameterChanges(doc.parameters, changes.map(([path, value]) => ({ path: resolveNamedPath(doc.parameters, path, 'p'), value }))).parameters as P,
});

/** A farm-year with a recorded score and two recorded levies (one of them per kg FPCM), from drawn figures. */
const farmYearOf = (g: { grass: number; maize: number; peat: number; soil: number[]; farmN: number; nh3: number; ghg: number; milk: number; protein: number; fat: number; lu: number }): FarmYearInputs => {
  const landUse = { grasslandHa: g.grass, maizeHa: g.maize, arableHa: 0 };
  const indicators: Record<string, number | boolean> = {
    'nSoilSurplusKgHa.grassland': g.soil[0],
    'nSoilSurplusKgHa.maize': g.soil[1],
    nFarmSurplusKgHa: g.farmN,
    p2o5FarmSurplusKgHa: g.soil[2] / 4,
    nh3KgHa: g.nh3,
    ghgGCo2eqKgFpcm: g.ghg,
    grazingHours: 900,
    biodiversityPackagesSignedUp: g.grass > 50,
  };
  const submissions = [
    { submissionId: 'k', eventId: 'e', recordedAt: 't', data: { source: 'klw' as const, sourceDocumentId: 'k', landUse, flows: [{ kind: 'concentrates' as const, kgProduct: 300_000, nContentGPerKg: 28, quality: 'registered' as const }, { kind: 'milk' as const, kgProduct: g.milk, proteinPct: g.protein, fatPct: g.fat, quality: 'measured' as const }] } },
  ];
  const basis = balanceBasis(submissions, landUse, balanceParametersV1.parameters);
  const fpcmKg = Math.round(g.milk * (0.337 + 0.116 * g.fat + 0.06 * g.protein) * 100) / 100;
  const score = scoreRecordedInputs({ landUse, peatSharePct: g.peat, indicators, priorBiodiversityPaid: false }, drenthe2025NormSet);
  const values = { nFarmSurplusKgHa: { value: g.farmN, quality: 'calculated' as const }, p2o5FarmSurplusKgHa: { value: g.soil[2] / 4, quality: 'self-declared' as const }, nh3KgHa: { value: g.nh3, quality: 'calculated' as const }, ghgGCo2eqKgFpcm: { value: g.ghg, quality: 'measured' as const } };
  const levies = [minas2003, lightEmissionLevy].map((doc) => {
    const inputs = { values, landUse, livestockUnits: g.lu, fpcmKg };
    const a = assessLevy(inputs, doc);
    return { levyId: doc.parameters.levyId, normSet: { id: doc.normSetId, version: doc.version }, totalCents: a.totalCents, parts: Object.fromEntries(a.lines.map((l) => [l.componentId, l.amountCents])), levied: Object.fromEntries(a.lines.map((l) => [l.componentId, Number(l.excess) > 0])), inputs };
  });
  return {
    farmId: 'f',
    year: 2025,
    province: 'Drenthe',
    landUse,
    livestockUnits: g.lu,
    peatSharePct: g.peat,
    indicators: Object.fromEntries(Object.entries(indicators).map(([k, v]) => [k, { value: v, quality: 'calculated' as const }])),
    balance: basis,
    scores: [{ scheme: 'drenthe-2025', normSet: { id: 'drenthe-2025', version: 1 }, totalCents: score.totalCents, kpis: score.kpis, indicators, quality: {}, landUse, peatSharePct: g.peat, priorBiodiversityPaid: false }],
    levies,
    sources: null,
  };
};

const tenth = (min: number, max: number) => fc.integer({ min: min * 10, max: max * 10 }).map((x) => x / 10);
const figures = fc.record({
  grass: tenth(1, 90),
  maize: fc.constantFrom(0, 5, 12.5),
  peat: fc.constantFrom(0, 0, 10, 35),
  // Figures on the thresholds (80, 100, 125, 150 …) as often as between them: ties decide tiers.
  soil: fc.array(fc.oneof(fc.constantFrom(60, 80, 90, 100, 115, 125, 140, 150, 165, 180), tenth(0, 250)), { minLength: 3, maxLength: 3 }),
  farmN: fc.oneof(fc.constantFrom(170, 180, 190, 250), tenth(50, 400)),
  nh3: tenth(10, 80),
  ghg: fc.oneof(fc.constantFrom(1000, 1030), fc.integer({ min: 700, max: 1400 })),
  milk: fc.integer({ min: 100_000, max: 1_500_000 }),
  protein: fc.constantFrom(3.2, 3.4, 3.61),
  fat: fc.constantFrom(4.1, 4.4),
  lu: fc.integer({ min: 10, max: 300 }),
});
/** Drafts over the three kinds a scale scenario touches: scheme thresholds, levy-free levels and tariffs, balance conversions (FPCM moves the light levy's per-kg-FPCM part). */
const drafts = fc.record({
  thresholds: fc.subarray(['90', '115', '140', '165'].map((v, i) => [`kpis[nSoilSurplus].landUses.grassland.tiers[${i + 1}].threshold`, v] as const)),
  cap: fc.constantFrom(null, 150_000),
  levyFree: fc.constantFrom(null, '190', '170'),
  lightLevyFree: fc.constantFrom(null, '30'),
  factor: fc.constantFrom(null, '6.25'),
  fpcmBase: fc.constantFrom(null, '0.35'),
});

const normsOf = (d: typeof drafts extends fc.Arbitrary<infer T> ? T : never, everyPart: boolean): EvaluationNorms => {
  const scheme = changed(drenthe2025NormSet, [...d.thresholds, ...(d.cap ? [['yearlyCapCents', d.cap] as const] : [])]);
  const minas = d.levyFree ? changed(minas2003, [['components[n-surplus].levyFreeLevelByLandUse.grassland', d.levyFree]]) : null;
  const light = d.lightLevyFree ? changed(lightEmissionLevy, [[`components[${lightEmissionLevy.parameters.components[0].id}].levyFreeLevel`, d.lightLevyFree]]) : null;
  const balance = changed(balanceParametersV1, [...(d.factor ? [['milkProteinToNitrogenFactor', d.factor] as const] : []), ...(d.fpcmBase ? [['fpcm.base', d.fpcmBase] as const] : [])]);
  const drafted: Record<string, NormSetDocument<any>> = { 'drenthe-2025': scheme, ...(minas ? { 'minas-2003': minas } : {}), ...(light ? { [lightEmissionLevy.normSetId]: light } : {}) };
  return {
    document: (ref) => (ref.id === 'minas-2003' ? minas2003 : ref.id === lightEmissionLevy.normSetId ? lightEmissionLevy : drenthe2025NormSet),
    drafted: (id) => drafted[id] ?? null,
    draftedSchemes: () => [],
    draftedLevies: () => [],
    balance: (_, which) => (which === 'official' ? balanceParametersV1.parameters : (balance.parameters as BalanceParameters)),
    tolerances: () => checkTolerancesV1.parameters,
    everyPart,
  };
};

describe('only the parts a draft touches are computed again (D65)', () => {
  it('gives the outcome computing every part gives, key for key, on random farm-years and drafts (ties included)', () => {
    fc.assert(
      fc.property(figures, drafts, (g, d) => {
        const f = farmYearOf(g);
        const kept = evaluateFarmYear(f, normsOf(d, false), 'hypothetical', true);
        const every = evaluateFarmYear(f, normsOf(d, true), 'hypothetical', true);
        expect(JSON.stringify(kept)).toBe(JSON.stringify(every));
      }),
      { numRuns: 400 },
    );
  });

  it('names the parts whose rule changed, and those reading a figure that moved', () => {
    const scheme = changed(drenthe2025NormSet, [['kpis[nSoilSurplus].landUses.grassland.tiers[1].threshold', '90']]);
    expect([...partsToRecompute('scheme-scoring', drenthe2025NormSet.parameters, scheme.parameters, [])!]).toEqual(['nSoilSurplus']);
    const sameScheme = changed(drenthe2025NormSet, [['yearlyCapCents', 150_000]]);
    expect([...partsToRecompute('scheme-scoring', drenthe2025NormSet.parameters, sameScheme.parameters, [])!]).toEqual([]);
    const light = lightEmissionLevy.parameters as LevyNorms;
    const perFpcm = light.components.filter((c) => c.basis === 'per-kg-fpcm').map((c) => c.id);
    expect(perFpcm.length).toBeGreaterThan(0);
    expect([...partsToRecompute('levy', light, light, ['fpcmKg'])!]).toEqual(perFpcm);
    expect([...partsToRecompute('levy', light, light, [])!]).toEqual([]);
    // Parts named otherwise (another levy id) cannot stand: everything is computed again.
    expect(partsToRecompute('levy', minas2003.parameters, { ...minas2003.parameters, levyId: 'other' } as LevyNorms, [])).toBeNull();
    expect(partsToRecompute('balance-parameters', balanceParametersV1.parameters, balanceParametersV1.parameters, [])).toBeNull();
  });

  it('moves the outcome where a draft moves it: the comparison compares something', () => {
    const f = farmYearOf({ grass: 40, maize: 5, peat: 0, soil: [85, 60, 20], farmN: 250, nh3: 50, ghg: 1200, milk: 900_000, protein: 3.4, fat: 4.4, lu: 100 });
    const d = { thresholds: [['kpis[nSoilSurplus].landUses.grassland.tiers[1].threshold', '90'] as const], cap: null, levyFree: '190', lightLevyFree: null, factor: '6.25', fpcmBase: '0.35' };
    const official = evaluateFarmYear(f, normsOf(d, false), 'official');
    const kept = evaluateFarmYear(f, normsOf(d, false), 'hypothetical', true);
    expect(kept.subsidyCents).not.toBe(official.subsidyCents);
    expect(kept.levyCents).not.toBe(official.levyCents);
    expect(kept).toEqual(evaluateFarmYear(f, normsOf(d, true), 'hypothetical', true));
  });
});
