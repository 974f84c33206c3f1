import type { FarmYearOutcome } from './farm-year-outcome';
import { buildWhatIfReport, compareWhatIfReports, type WhatIfFarmYear } from './what-if-report';

/**
 * D69: small-count suppression reaches every figure of the report, not only its groups. A run over a
 * handful of farm-years names no farm's subsidy: not in its totals, its years, its parts, its tiers, its
 * budget, its distribution or its farm-years.
 */
const K = 10;
const scenario = { name: 'tiny', years: { from: 2024, to: 2025 }, drafts: [], simplifications: [], uncertainty: { samples: 0, seed: 1 } };
const outcome = (subsidyCents: number, tier: number, blocking: string[] = []): FarmYearOutcome => ({
  subsidyCents, levyCents: 0, parts: { 'drenthe-2025/nSoilSurplus': subsidyCents }, levied: { 'minas-2003/n': subsidyCents > 440000 },
  nSurplusKg: 100, p2o5SurplusKg: 10, nh3Kg: 5, co2eKg: 7, blocking, tiers: { 'drenthe-2025/nSoilSurplus.grassland': tier },
});
/** `n` farm-years of one year; the first `changing` of them gain 32,017 cents in the scenario. */
const farmYears = (n: number, changing: number, year = 2025, from = 0): WhatIfFarmYear[] =>
  Array.from({ length: n }, (_, i) => ({
    farm: `p-${year}-${from + i}`, year, recorded: true, province: 'Drenthe', areaClass: 'under 30 ha', soilClass: 'sand',
    official: outcome(435000 + i, 2), hypothetical: outcome(435000 + i + (i < changing ? 32017 : 0), i < changing ? 1 : 2, i < changing ? ['n-surplus'] : []), samples: [],
  }));
const build = (rows: WhatIfFarmYear[]) =>
  buildWhatIfReport({ scenario, logPosition: 1, changes: [], rows, budgets: [{ scheme: 'drenthe-2025', year: 2025, ceilingCents: 100_000_000, reservedCents: 2_000_000 }], minGroupSize: K });

describe('the what-if report on tiny populations (D69)', () => {
  it.each([1, 2, K - 1])('%i farm-years (below the minimum): the scenario and its changes only, no figure of a farm', (n) => {
    const report = build(farmYears(n, n));
    expect(report).toMatchObject({
      belowMinimum: true,
      counts: { farmYears: null, withOfficialResult: null, withoutOfficialResult: null, farmYearsChangingWithinMargin: null },
      totals: [], byYear: [], parts: [], tiers: [], levyFreeLevel: [], distribution: [], farms: [],
      findings: { farmYearsNewlyBlocked: null, farmYearsNoLongerBlocked: null },
      budget: [{ ceilingCents: 100_000_000, reservedCents: 2_000_000, officialCents: null, hypotheticalCents: null, officialSharePct: null, hypotheticalSharePct: null }],
    });
    expect(Object.values(report.groups).flat().every((c) => c.suppressed)).toBe(true);
    // Not one farm's amount, official or in the scenario, anywhere in the answer.
    const text = JSON.stringify(report);
    for (let i = 0; i < n; i++) for (const amount of [435000 + i, 435000 + i + 32017]) expect(text).not.toContain(String(amount));
    expect(compareWhatIfReports(report, null).measures).toEqual([]);
  });

  it(`${K} farm-years all changing alike: every figure shown, and the farm-years under pseudonyms`, () => {
    const report = build(farmYears(K, K));
    expect(report.belowMinimum).toBe(false);
    expect(report.counts).toMatchObject({ farmYears: K, withOfficialResult: K, withoutOfficialResult: 0 });
    expect(report.totals.find((t) => t.measure === 'subsidyCents')).toMatchObject({ delta: K * 32017, farmYearsUp: K, farmYearsDown: 0 });
    expect(report.byYear).toEqual([expect.objectContaining({ year: 2025, farmYears: K, suppressed: false })]);
    expect(report.parts[0]).toMatchObject({ deltaCents: K * 32017, farmYearsChanged: K });
    expect(report.tiers[0]).toMatchObject({ farmYearsBetter: K, byTier: [{ tier: 1, official: 0, hypothetical: K }, { tier: 2, official: K, hypothetical: 0 }] });
    expect(report.findings.farmYearsNewlyBlocked).toBe(K);
    expect(report.budget[0]).toMatchObject({ officialCents: expect.any(Number), hypotheticalCents: expect.any(Number) });
    expect(report.farms).toHaveLength(K);
  });

  it(`${K} farm-years of which one changes: the change is that farm's alone and is not shown, nor its count`, () => {
    const report = build(farmYears(K, 1));
    const subsidy = report.totals.find((t) => t.measure === 'subsidyCents')!;
    expect(subsidy).toMatchObject({ official: expect.any(Number), hypothetical: null, delta: null, interval: null, farmYearsUp: null });
    // Measures that no farm-year changes stay shown: nothing to hide in a change of none.
    expect(report.totals.find((t) => t.measure === 'nSurplusKg')).toMatchObject({ delta: 0, farmYearsUp: 0, farmYearsDown: 0 });
    expect(report.parts[0]).toMatchObject({ hypotheticalCents: null, deltaCents: null, farmYearsChanged: null });
    expect(report.tiers[0]).toMatchObject({ farmYearsBetter: null, byTier: [{ tier: 1, official: 0, hypothetical: null }, { tier: 2, official: K, hypothetical: null }] });
    expect(report.levyFreeLevel[0]).toMatchObject({ farmYearsNewlyLevied: null });
    expect(report.findings.farmYearsNewlyBlocked).toBeNull();
    expect(report.budget[0]).toMatchObject({ officialCents: expect.any(Number), hypotheticalCents: null, hypotheticalSharePct: null });
    expect(compareWhatIfReports(report, null).measures.find((m) => m.measure === 'subsidyCents')).toMatchObject({ a: null, difference: null });
    expect(report.farms).toEqual([]);
    expect(JSON.stringify(report)).not.toContain('32017');
  });

  it(`a year of one farm-year beside a year of ${K}: both years hidden (the one would follow from the total), and the budget of the small one`, () => {
    const report = build([...farmYears(K, K, 2024), ...farmYears(1, 1, 2025, K)]);
    expect(report.counts.farmYears).toBe(K + 1);
    expect(report.byYear).toEqual([{ year: 2024, farmYears: null, suppressed: true, totals: [] }, { year: 2025, farmYears: null, suppressed: true, totals: [] }]);
    expect(report.budget[0]).toMatchObject({ year: 2025, officialCents: null, hypotheticalCents: null });
  });

  it('draws the distribution on a grid: no bucket is one farm\'s value, none narrower than a twentieth of the largest change', () => {
    const alike = build(farmYears(K, K)).distribution;
    expect(alike).toHaveLength(1);
    expect(alike[0].toCents - alike[0].fromCents + 1).toBeGreaterThanOrEqual(32017 / 20);
    expect(alike[0].fromCents).not.toBe(32017);
    const spread = build(farmYears(K, 1)).distribution;
    const width = spread[0].toCents - spread[0].fromCents + 1;
    for (const b of spread) {
      expect(b.fromCents % width).toBe(0);
      expect([b.fromCents, b.toCents]).not.toContain(32017);
    }
    // The one farm that changed sits in a bucket without a count.
    expect(spread.find((b) => b.fromCents <= 32017 && 32017 <= b.toCents)!.farmYears).toBeNull();
  });
});
