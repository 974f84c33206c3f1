import type { FarmYearOutcome } from './farm-year-outcome';
import { buildWhatIfReport, type WhatIfFarmYear } from './what-if-report';

/**
 * D69, complementary suppression of changes: a change hidden in a year, a group or a part is not given
 * away by the total's change minus the changes shown beside it, nor by the farm-years listed.
 */
const K = 10;
const ONE_FARM = 32017;
const scenario = { name: 'complement', years: { from: 2024, to: 2025 }, drafts: [], simplifications: [], uncertainty: { samples: 0, seed: 1 } };
const outcome = (parts: Readonly<Record<string, number>>): FarmYearOutcome => ({
  subsidyCents: Object.values(parts).reduce((a, b) => a + b, 0), levyCents: 0, parts, levied: {}, nSurplusKg: 100, p2o5SurplusKg: 10, nh3Kg: 5, co2eKg: 7, blocking: [], tiers: {},
});
/** `n` farm-years; the first `changing` gain `delta` cents in part `part` (the others in part 'd/base' stand). */
const farmYears = (tag: string, n: number, changing: number, delta: number, at: Partial<Pick<WhatIfFarmYear, 'year' | 'province' | 'areaClass'>> & { part?: string } = {}): WhatIfFarmYear[] =>
  Array.from({ length: n }, (_, i) => {
    const part = at.part ?? 'd/base';
    const official = { 'd/base': 400000 + i, 'd/other': 1000 };
    return {
      farm: `${tag}-${i}`, year: at.year ?? 2025, recorded: true, province: at.province ?? 'Drenthe', areaClass: at.areaClass ?? 'under 30 ha', soilClass: 'sand',
      official: outcome(official), hypothetical: outcome({ ...official, [part]: official[part as keyof typeof official] + (i < changing ? delta : 0) }), samples: [],
    };
  });
const build = (rows: WhatIfFarmYear[]) => buildWhatIfReport({ scenario, logPosition: 1, changes: [], rows, budgets: [{ scheme: 'd', year: 2025, ceilingCents: 100_000_000, reservedCents: 0 }], minGroupSize: K });
const subsidyDelta = (totals: ReadonlyArray<{ measure: string; delta: number | null }>) => totals.find((t) => t.measure === 'subsidyCents')?.delta ?? null;

describe('complementary suppression of the what-if report\'s changes (D69)', () => {
  it('by year: one farm\'s change in 2025 is not the total\'s change minus 2024\'s', () => {
    const report = build([...farmYears('a', 50, 20, 1000, { year: 2024 }), ...farmYears('b', 50, 1, ONE_FARM, { year: 2025 })]);
    const total = subsidyDelta(report.totals);
    const shown = report.byYear.map((y) => subsidyDelta(y.totals));
    expect(shown).toEqual([null, null]);
    // Whatever is shown, subtraction gives no single farm's change.
    if (total !== null) expect(total - shown.reduce<number>((n, d) => n + (d ?? 0), 0)).not.toBe(ONE_FARM);
    expect(report.byYear.map((y) => y.farmYears)).toEqual([50, 50]);
    // The budget earned in the scenario follows its year's change.
    expect(report.budget[0]).toMatchObject({ year: 2025, hypotheticalCents: null });
    expect(JSON.stringify(report)).not.toContain(String(ONE_FARM));
  });

  it('by province: the province with one change is not the total\'s change minus the other province\'s', () => {
    const report = build([...farmYears('p', 30, 1, ONE_FARM, { province: 'P' }), ...farmYears('q', 30, 20, 1000, { province: 'Q' })]);
    expect(report.groups.byProvince.map((c) => [c.group, c.farmYears, c.figures?.subsidyDeltaCents])).toEqual([['P', 30, null], ['Q', 30, null]]);
    // The cross table's cells add up to their province's: hidden alike.
    expect(report.groups.byProvinceAndArea.map((c) => c.figures?.subsidyDeltaCents ?? null)).toEqual([null, null]);
    // The tables where both provinces are one cell show the change: it is over 21 farm-years.
    expect(report.groups.byArea[0].figures?.subsidyDeltaCents).toBe(ONE_FARM + 20 * 1000);
    expect(JSON.stringify(report)).not.toContain(String(ONE_FARM));
    expect(report.farms).toEqual([]);
  });

  it('in the cross table: a cell with one change is not its province\'s change minus the other cell of the row', () => {
    const report = build([
      ...farmYears('pa', 30, 1, ONE_FARM, { province: 'P', areaClass: 'a' }), ...farmYears('pb', 30, 20, 1000, { province: 'P', areaClass: 'b' }),
      ...farmYears('qa', 30, 20, 1000, { province: 'Q', areaClass: 'a' }), ...farmYears('qb', 30, 20, 1000, { province: 'Q', areaClass: 'b' }),
    ]);
    const cell = (group: string) => report.groups.byProvinceAndArea.find((c) => c.group === group)!.figures?.subsidyDeltaCents;
    expect(report.groups.byProvince.map((c) => c.figures?.subsidyDeltaCents)).toEqual([ONE_FARM + 20000, 40000]);
    expect([cell('P / a'), cell('P / b')]).toEqual([null, null]);
    // Its column too: area a's change minus Q / a's would be that one farm's.
    expect(report.groups.byArea.find((c) => c.group === 'a')!.figures?.subsidyDeltaCents === null || cell('Q / a') === null).toBe(true);
    expect(JSON.stringify(report)).not.toContain(String(ONE_FARM));
    expect(report.farms).toEqual([]);
  });

  it('by part: the part with one change is not the subsidy\'s change minus the other part\'s', () => {
    const report = build([...farmYears('a', 30, 1, ONE_FARM, { part: 'd/other' }), ...farmYears('b', 30, 20, 1000)]);
    expect(subsidyDelta(report.totals)).toBe(ONE_FARM + 20 * 1000);
    expect(report.parts.map((p) => [p.part, p.deltaCents, p.farmYearsChanged])).toEqual([['d/base', null, null], ['d/other', null, null]]);
    expect(report.farms).toEqual([]);
  });

  it('a change over enough farm-years beside others is shown, and the farm-years are listed when nothing is hidden', () => {
    const report = build([...farmYears('a', 30, 20, 1000, { province: 'P' }), ...farmYears('b', 30, 15, 2000, { province: 'Q' })]);
    expect(report.groups.byProvince.map((c) => c.figures?.subsidyDeltaCents)).toEqual([20000, 30000]);
    expect(report.parts.map((p) => p.deltaCents)).toEqual([50000, 0]);
    expect(report.farms).toHaveLength(60);
  });
});
