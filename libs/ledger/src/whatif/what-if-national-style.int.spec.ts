import {
  applyParameterChanges,
  assessLevy,
  balanceBasis,
  balanceParametersV1,
  buildWhatIfReport,
  checkTolerancesV1,
  drenthe2025NormSet,
  minas2003,
  readScenario,
  resolveNamedPath,
  scoreRecordedInputs,
  type FarmYearInputs,
  type NormSetDocument,
} from '@asb/domain';
import { evaluateFarmYears, type EvaluationPlan } from './evaluate-farm-years';

/**
 * D75: the national run's shortcuts — levy components and balance figures in doubles, the parts a draft did
 * not touch standing, official outcomes and caches kept from the run before — against the exact path on a
 * generated population: every drafted result computed whole in decimals, on fresh copies of the farm-years
 * (nothing cached for them), with the small-count suppression of a national report (minimum 10).
 */
const random = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const next = random(75);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
const tenth = (min: number, max: number) => Math.round((min + next() * (max - min)) * 10) / 10;

const farmYears = Array.from({ length: 1500 }, (_, i): FarmYearInputs => {
  const landUse = { grasslandHa: tenth(5, 120), maizeHa: pick([0, 0, tenth(1, 30)]), arableHa: pick([0, 0, 0, tenth(1, 20)]) };
  const peat = pick([0, 0, 0, 10, 25]);
  // Values on the grassland thresholds (80, 105, 130, 155 and drafted +11), on the levy-free levels and beside them.
  const indicators: Record<string, number | boolean> = {
    'nSoilSurplusKgHa.grassland': pick([80, 91, 105, 116, 130, 141, 155, 166, tenth(40, 200)]),
    'nSoilSurplusKgHa.maize': tenth(20, 120),
    'nSoilSurplusKgHa.arable': tenth(10, 80),
    nh3KgHa: tenth(20, 60),
    ghgGCo2eqKgFpcm: tenth(700, 1300),
    grazingHours: pick([0, 720, 900, 1500]),
  };
  const level = pick([150, 180, 191, 164, tenth(80, 300)]);
  const milkKg = Math.round(200_000 + next() * 1_500_000);
  const submissions = [
    { submissionId: 'klw', eventId: `k${i}`, recordedAt: 't', data: { source: 'klw' as const, sourceDocumentId: 'k', landUse, flows: [{ kind: 'concentrates' as const, kgProduct: Math.round(50_000 + next() * 400_000), nContentGPerKg: 28, quality: 'registered' as const }, { kind: 'milk' as const, kgProduct: milkKg, proteinPct: pick([3.3, 3.4, 3.55]), fatPct: pick([4.2, 4.4]), quality: 'measured' as const }] } },
    { submissionId: 'zuivel', eventId: `z${i}`, recordedAt: 't', data: { source: 'dairy-processor' as const, sourceDocumentId: 'z', flows: [{ kind: 'milk' as const, kgProduct: Math.round(milkKg * (1 - (i % 8) / 200)), proteinPct: 3.4, fatPct: 4.4, quality: 'measured' as const }] } },
  ];
  const levyInputs = { values: { nFarmSurplusKgHa: { value: level, quality: pick(['measured', 'calculated', 'self-declared'] as const) } }, landUse, livestockUnits: Math.round(20 + next() * 300), fpcmKg: null };
  // A farm-year in ten has no official result: computed under the governing versions, counted apart.
  const recorded = i % 10 !== 0;
  const score = scoreRecordedInputs({ landUse, peatSharePct: peat, indicators, priorBiodiversityPaid: false }, drenthe2025NormSet);
  const levy = assessLevy(levyInputs, minas2003);
  return {
    farmId: `nl-${String(i % 500).padStart(4, '0')}`,
    year: 2022 + Math.floor(i / 500),
    province: pick(['Drenthe', 'Friesland', 'Groningen', 'Overijssel', null]),
    landUse,
    livestockUnits: levyInputs.livestockUnits,
    peatSharePct: peat,
    indicators: Object.fromEntries([...Object.entries(indicators), ['nFarmSurplusKgHa', level] as const].map(([k, v]) => [k, { value: v, quality: 'calculated' as const }])),
    balance: balanceBasis(submissions, landUse, balanceParametersV1.parameters),
    scores: recorded ? [{ scheme: 'drenthe-2025', normSet: { id: 'drenthe-2025', version: 1 }, totalCents: score.totalCents, kpis: score.kpis, indicators, quality: {}, landUse, peatSharePct: peat, priorBiodiversityPaid: false }] : [],
    levies: recorded ? [{ levyId: 'minas-2003', normSet: { id: 'minas-2003', version: minas2003.version }, totalCents: levy.totalCents, parts: Object.fromEntries(levy.lines.map((l) => [l.componentId, l.amountCents])), levied: Object.fromEntries(levy.lines.map((l) => [l.componentId, Number(l.excess) > 0])), inputs: levyInputs }] : [],
    sources: i % 3 ? { submissions, counterparts: [] } : null,
  };
});

const years = [2022, 2023, 2024];
const change = <P extends object>(doc: NormSetDocument<P>, changes: ReadonlyArray<readonly [string, string]>): NormSetDocument<P> => ({ ...doc, parameters: applyParameterChanges(doc.parameters, changes.map(([path, value]) => ({ path: resolveNamedPath(doc.parameters, path, 'p'), value }))).parameters as P });
/** The bench's scenario (run k): the grassland thresholds and the MINAS grassland level up by 10 + k, the milk protein factor 6.25 − k/100. */
const planOf = (k: number): EvaluationPlan => {
  const scenario = readScenario({ name: `national style ${k}`, years: { from: 2022, to: 2024 }, drafts: [{ normSetId: 'drenthe-2025', changes: [{ path: 'x', value: '1' }] }], uncertainty: { samples: 0, seed: 5 } });
  const drafts: Array<readonly [NormSetDocument, NormSetDocument]> = [
    [drenthe2025NormSet, change(drenthe2025NormSet, [80, 105, 130, 155].map((t, i) => [`kpis[nSoilSurplus].landUses.grassland.tiers[${i + 1}].threshold`, String(t + 10 + k)] as const))],
    [minas2003, change(minas2003, [['components[n-surplus].levyFreeLevelByLandUse.grassland', String(190 + k)]])],
    [balanceParametersV1, change(balanceParametersV1, [['milkProteinToNitrogenFactor', (6.25 - k / 100).toFixed(2)]])],
    [checkTolerancesV1, checkTolerancesV1],
  ];
  const drafted = new Map(drafts.map(([base, hypothetical]) => [base.normSetId, new Map(years.map((y) => [y, { base, hypothetical }]))]));
  return { scenario, drafted, normSets: new Map<string, NormSetDocument[]>([['drenthe-2025', [drenthe2025NormSet]], ['minas-2003', [minas2003]]]), pseudonymKey: 'k' };
};
const report = (plan: EvaluationPlan, rows: Parameters<typeof buildWhatIfReport>[0]['rows']) => JSON.stringify(buildWhatIfReport({ scenario: plan.scenario, logPosition: 1, changes: [], rows, budgets: [], minGroupSize: 10 }));

describe('a national-style run against the exact path (D75)', () => {
  it('gives the report, byte for byte, run after run, that every drafted result computed whole on fresh inputs gives', async () => {
    for (const k of [1, 2, 1]) {
      const plan = planOf(k);
      const kept = report(plan, evaluateFarmYears(plan, farmYears));
      const exact = report(plan, evaluateFarmYears({ ...plan, everyPart: true }, structuredClone(farmYears)));
      expect(kept).toBe(exact);
      // The scenario moves money, kilograms, tiers and levy-free crossings, so the comparison compares something.
      const parsed = JSON.parse(kept);
      for (const measure of ['subsidyCents', 'levyCents', 'nSurplusKg']) expect(parsed.totals.find((t: { measure: string }) => t.measure === measure).farmYearsDown + parsed.totals.find((t: { measure: string }) => t.measure === measure).farmYearsUp).toBeGreaterThan(10);
      expect(parsed.counts.withoutOfficialResult).toBe(150);
    }
  });
});
