import { balanceParametersV1 } from '../balance/balance-parameters';
import { checkTolerancesV1 } from '../checks/check-tolerances';
import { crossSourceChecks } from '../checks/run-checks';
import { assessLevy } from '../levy/assess-levy';
import { minas2003 } from '../levy/shipped-levies';
import { applyParameterChanges } from '../norms/parameter-paths';
import type { NormSetDocument } from '../norms/norm-set';
import { scoreRecordedInputs } from '../score/score';
import { drenthe2025NormSet } from '../score/drenthe-2025.norm-set';
import type { SchemeNorms } from '../score/scheme-norms';
import { balanceBasis } from './balance-basis';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { compareToDecimal, evaluateFarmYear, perturb, simplify, tiersReached, type EvaluationNorms, type FarmYearInputs } from './farm-year-outcome';
import { buildWhatIfReport, type WhatIfFarmYear } from './what-if-report';
import { readScenario } from './scenario';
import { farmYearRandom } from './uncertainty';
import { resolveNamedPath } from '../norms/named-paths';

const landUse = { grasslandHa: 40, maizeHa: 10, arableHa: 0 };
const indicators: Record<string, number | boolean> = { 'nSoilSurplusKgHa.grassland': 85, 'nSoilSurplusKgHa.maize': 60, 'nSoilSurplusKgHa.arable': 0, nFarmSurplusKgHa: 150, nh3KgHa: 50, ghgGCo2eqKgFpcm: 1000, grazingHours: 900 };
const score = scoreRecordedInputs({ landUse, peatSharePct: 0, indicators, priorBiodiversityPaid: false }, drenthe2025NormSet);
const levyInputs = { values: { nFarmSurplusKgHa: { value: 250, quality: 'calculated' as const } }, landUse, livestockUnits: 100, fpcmKg: null };
const levy = assessLevy(levyInputs, minas2003);
const basis = balanceBasis(
  [{ submissionId: 'k', eventId: 'e', recordedAt: 't', data: { source: 'klw', sourceDocumentId: 'k', landUse, flows: [{ kind: 'concentrates', kgProduct: 300_000, nContentGPerKg: 28, quality: 'registered' }, { kind: 'milk', kgProduct: 1_000_000, proteinPct: 3.19, fatPct: 4.4, quality: 'measured' }] } }],
  null,
  balanceParametersV1.parameters,
);
const farmYear: FarmYearInputs = {
  farmId: 'f1',
  year: 2025,
  province: 'Drenthe',
  landUse,
  livestockUnits: 100,
  peatSharePct: 0,
  indicators: Object.fromEntries(Object.entries(indicators).map(([k, v]) => [k, { value: v, quality: 'calculated' as const }])),
  balance: basis,
  scores: [{ scheme: 'drenthe-2025', normSet: { id: 'drenthe-2025', version: 1 }, totalCents: score.totalCents, kpis: score.kpis, indicators, quality: {}, landUse, peatSharePct: 0, priorBiodiversityPaid: false }],
  levies: [{ levyId: 'minas-2003', normSet: { id: 'minas-2003', version: minas2003.version }, totalCents: levy.totalCents, parts: Object.fromEntries(levy.lines.map((l) => [l.componentId, l.amountCents])), levied: Object.fromEntries(levy.lines.map((l) => [l.componentId, Number(l.excess) > 0])), inputs: levyInputs }],
  sources: null,
};

const easier: NormSetDocument<SchemeNorms> = {
  ...drenthe2025NormSet,
  parameters: applyParameterChanges(drenthe2025NormSet.parameters, [{ path: resolveNamedPath(drenthe2025NormSet.parameters, 'kpis[nSoilSurplus].landUses.grassland.tiers[1].threshold', 'p'), value: '90' }]).parameters as SchemeNorms,
};
const norms = (drafted: Record<string, NormSetDocument<any>> = {}, balance = balanceParametersV1.parameters): EvaluationNorms => ({
  document: (ref) => (ref.id === 'minas-2003' ? minas2003 : drenthe2025NormSet),
  drafted: (id) => drafted[id] ?? null,
  draftedSchemes: () => [],
  draftedLevies: () => [],
  balance: (_, which) => (which === 'official' ? balanceParametersV1.parameters : balance),
  tolerances: () => checkTolerancesV1.parameters,
});

describe('a farm-year under the official and a hypothetical set of norms (D51)', () => {
  it('keeps the recorded results where nothing changed, and recomputes the drafted scheme', () => {
    const official = evaluateFarmYear(farmYear, norms(), 'official');
    expect(official).toMatchObject({ subsidyCents: score.totalCents, levyCents: levy.totalCents, nSurplusKg: 8400 - 5000 });
    expect(evaluateFarmYear(farmYear, norms(), 'hypothetical', true)).toEqual(official);
    const scheme = evaluateFarmYear(farmYear, norms({ 'drenthe-2025': easier }), 'hypothetical', true);
    // 85 kg N/ha on grassland now meets the first tier (at most 90).
    expect(scheme.parts['drenthe-2025/nSoilSurplus']).toBeGreaterThan(official.parts['drenthe-2025/nSoilSurplus']);
    expect(scheme.levyCents).toBe(official.levyCents);
    // The tier reached, numbered from 1: grassland at 85 kg N/ha reaches tier 1 of the easier table.
    expect(scheme.tiers['drenthe-2025/nSoilSurplus.grassland']).toBe(1);
    expect(official.tiers['drenthe-2025/nSoilSurplus.grassland']).toBeGreaterThan(1);
  });

  it('moves the balance with its conversion parameters, in kg', () => {
    const hypothetical = evaluateFarmYear(farmYear, norms({}, { ...balanceParametersV1.parameters, milkProteinToNitrogenFactor: '6.25' }), 'hypothetical', true);
    expect(hypothetical.nSurplusKg).toBe(8400 - 5104);
    expect(hypothetical.nh3Kg).toBe(50 * 50);
  });

  it('replaces weak figures by a default (simplification) and draws samples reproducibly within the margins', () => {
    const simplified = simplify(farmYear, [{ indicator: 'nh3KgHa', qualities: ['calculated'], value: 30 }]);
    expect(simplified.indicators.nh3KgHa).toEqual({ value: 30, quality: 'default' });
    expect(evaluateFarmYear(simplified, norms(), 'hypothetical').nh3Kg).toBe(30 * 50);
    const margins = balanceParametersV1.parameters.uncertaintyPctByQuality;
    const one = perturb(farmYear, margins, farmYearRandom(1, 'f1', 2025, 0));
    const two = perturb(farmYear, margins, farmYearRandom(1, 'f1', 2025, 0));
    expect(one).toEqual(two);
    expect(one.indicators.nh3KgHa.value).not.toBe(50);
    expect(Math.abs((one.indicators.nh3KgHa.value as number) - 50)).toBeLessThanOrEqual(5);
  });

  it('finds the cross-source checks that would newly block forwarding under drafted tolerances, with the check functions themselves', () => {
    const sub = (submissionId: string, data: Record<string, unknown>) => ({ submissionId, eventId: `ev-${submissionId}`, recordedAt: 't', data: data as never });
    const submissions = [
      sub('klw', { source: 'klw', sourceDocumentId: 'k', landUse, flows: [{ kind: 'milk', kgProduct: 1_000_000, proteinPct: 3.4, fatPct: 4.4, quality: 'measured' }] }),
      // The processor delivered 2.5 % less than KLW reports: a warning at 3 %, blocking at 2 %.
      sub('zuivel', { source: 'dairy-processor', sourceDocumentId: 'z', flows: [{ kind: 'milk', kgProduct: 975_610, proteinPct: 3.4, fatPct: 4.4, quality: 'measured' }] }),
    ];
    const withSources: FarmYearInputs = { ...farmYear, sources: { submissions, counterparts: [] } };
    const stricter = applyParameterChanges(checkTolerancesV1.parameters, [{ path: 'milkDelivered.relativePct.blockAbove', value: '2' }]).parameters as typeof checkTolerancesV1.parameters;
    const under = (hypothetical: typeof stricter): EvaluationNorms => ({ ...norms(), tolerances: (_, which) => (which === 'official' ? checkTolerancesV1.parameters : hypothetical) });
    const official = evaluateFarmYear(withSources, under(stricter), 'official');
    const hypothetical = evaluateFarmYear(withSources, under(stricter), 'hypothetical');
    expect(official.blocking).not.toContain('milk-delivered:milk');
    expect(hypothetical.blocking).toContain('milk-delivered:milk');
    // The same outcome as the check runner's own function gives for those submissions.
    const byRunner = crossSourceChecks({ farmId: 'f1', year: 2025, submissions, counterparts: [], tolerances: { ...checkTolerancesV1, parameters: stricter } }, '6.38');
    expect(byRunner.filter((o) => o.severity === 'blocking').map((o) => `${o.checkId}:${o.subject}`)).toEqual(['milk-delivered:milk']);
    // And without a tolerance drafted nothing new blocks.
    expect(evaluateFarmYear(withSources, under(checkTolerancesV1.parameters), 'hypothetical').blocking).toEqual(official.blocking);
  });

  it('builds the same report from the same rows in any order', () => {
    const row = (farm: string, province: string): WhatIfFarmYear => ({ farm, year: 2025, recorded: true, province, areaClass: '30 to 60 ha', soilClass: 'sand', official: evaluateFarmYear(farmYear, norms(), 'official'), hypothetical: evaluateFarmYear(farmYear, norms({ 'drenthe-2025': easier }), 'hypothetical', true), samples: [] });
    const rows = Array.from({ length: 12 }, (_, i) => row(`p-${i}`, i < 11 ? 'Drenthe' : 'Groningen'));
    const scenario = readScenario({ name: 'easier grassland', years: { from: 2025, to: 2025 }, drafts: [{ normSetId: 'drenthe-2025', changes: [{ path: 'x', value: '1' }] }] });
    const a = buildWhatIfReport({ scenario, logPosition: 7, changes: [], rows, budgets: [], minGroupSize: 10 });
    const b = buildWhatIfReport({ scenario, logPosition: 7, changes: [], rows: [...rows].reverse(), budgets: [], minGroupSize: 10 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    // Groningen's one farm-year is hidden, and so is Drenthe: otherwise Groningen = total − Drenthe.
    expect(a.groups.byProvince.map((c) => [c.group, c.suppressed])).toEqual([['Drenthe', true], ['Groningen', true]]);
    expect(a.groups.byArea).toEqual([{ group: '30 to 60 ha', farmYears: 12, suppressed: false, figures: expect.objectContaining({ subsidyDeltaCents: expect.any(Number) }) }]);
    expect(a.groups.bySoil).toEqual([{ group: 'sand', farmYears: 12, suppressed: false, figures: expect.objectContaining({ subsidyDeltaCents: expect.any(Number) }) }]);
  });
});

describe("a farm-year's official outcome, kept between runs (D75)", () => {
  const otherFactor = { ...balanceParametersV1.parameters, milkProteinToNitrogenFactor: '6.25' };
  const official = (n: Partial<EvaluationNorms>, f: FarmYearInputs = farmYear) => evaluateFarmYear(f, { ...norms(), ...n }, 'official');

  it('is the outcome computed again, found without computing it while the objects it was computed from are the same', () => {
    const first = official({});
    expect(official({})).toBe(first);
    const again = official({ officialAgain: true });
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('is computed again under other official balance parameters or tolerances, and for drafted norm sets the farm-year has no result under', () => {
    const before = official({});
    const moved = official({ balance: () => otherFactor });
    expect(moved.nSurplusKg).not.toBe(before.nSurplusKg);
    expect(moved).toEqual(official({ balance: () => otherFactor, officialAgain: true }));
    expect(official({ tolerances: () => ({ ...checkTolerancesV1.parameters, plausibility: { ...checkTolerancesV1.parameters.plausibility, ranges: { nh3KgHa: { min: '0', max: '10' } } } }) }).blocking).toContain('range:nh3KgHa');
    expect(official({})).toEqual(before);
    // Without a recorded score the official subsidy is the drafted scheme's official version's; without the draft, none.
    const unscored: FarmYearInputs = { ...farmYear, scores: [] };
    expect(official({}, unscored).subsidyCents).toBe(0);
    const drafted = official({ draftedSchemes: () => [{ official: drenthe2025NormSet, hypothetical: easier }] }, unscored);
    expect(drafted.subsidyCents).toBe(score.totalCents);
    expect(official({}, unscored).subsidyCents).toBe(0);
  });
});

describe('a figure against an exact decimal bound', () => {
  it('compares as Decimal does, ties and near-ties included (property)', () => {
    const bound = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x.toFixed(3)), fc.constantFrom('0.1', '0.3', '2.675', '1e-7', '-0'));
    fc.assert(
      fc.property(bound, fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0.1, 0.30000000000000004, 2.675, 1e-7, -0)), (b, v) => {
        expect(compareToDecimal(v, b)).toBe(new Decimal(v).comparedTo(b));
      }),
    );
    expect(compareToDecimal(0.1, '0.1')).toBe(new Decimal(0.1).comparedTo('0.1'));
    expect(compareToDecimal(Number('0.3'), '0.3')).toBe(new Decimal(Number('0.3')).comparedTo('0.3'));
  });
});

describe('the tier reached without peat, without Decimal', () => {
  it('is the tier the exact decimal comparison gives (property)', () => {
    const grassland = drenthe2025NormSet.parameters.kpis.find((k) => k.kind === 'areaWeighted')!;
    if (grassland.kind !== 'areaWeighted') throw new Error('the shipped scheme has an area-weighted KPI');
    const table = grassland.landUses.grassland;
    const thresholds = table.tiers.map((t) => Number(t.threshold));
    // Figures at, next to and between the thresholds, and anywhere.
    const figure = fc.oneof(fc.constantFrom(...thresholds), fc.constantFrom(...thresholds).map((t) => t + 1e-9), fc.constantFrom(...thresholds).map((t) => t - 0.05), fc.double({ min: -50, max: 400, noNaN: true }), fc.integer({ min: -50, max: 400 }).map((n) => n / 10));
    fc.assert(
      fc.property(figure, (v) => {
        const tiers = tiersReached(drenthe2025NormSet.parameters, {}, { landUse, peatSharePct: 0, indicators: { [table.indicator]: v } });
        const exact = table.tiers.findIndex((t) => new Decimal(String(v)).lte(t.threshold)) + 1;
        expect(tiers[`drenthe-2025/${grassland.id}.grassland`]).toBe(exact);
      }),
      { numRuns: 2000 },
    );
  });
});
