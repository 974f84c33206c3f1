import type { FarmYearOutcome } from './farm-year-outcome';
import { buildWhatIfReport, type WhatIfFarmYear } from './what-if-report';

/**
 * D75, second step: the report reads each farm-year once for all its tables. On a large generated
 * population (fractional kilograms large enough that the order of a sum shows after rounding to 0.01) every figure equals the
 * one summed the plain way over the rows sorted by year and farm, and the report is the same, byte for
 * byte, whatever order the rows come in (shards return in their own).
 */
const YEARS = [2024, 2025, 2026];
const PROVINCES = ['Drenthe', 'Friesland', 'Groningen', 'Overijssel', null];
const AREAS = ['under 30 ha', '30 to 60 ha', '60 to 100 ha', '100 ha or more'];
const SOILS = ['sand', 'clay', 'peat'];
const scenario = { name: 'large', years: { from: 2024, to: 2026 }, drafts: [], simplifications: [], uncertainty: { samples: 0, seed: 1 } };
const budgets = YEARS.map((year) => ({ scheme: 'drenthe-2025', year, ceilingCents: 900_000_000, reservedCents: 100_000_000 }));

/** A deterministic population of `farms` × 3 years; a farm's draws depend on its number only. */
const population = (farms: number): WhatIfFarmYear[] => {
  let seed = 12345;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const outcome = (moved: number): FarmYearOutcome => {
    const kpi = Math.round(random() * 9000) + moved;
    const other = Math.round(random() * 4000);
    const levy = random() < 0.5 ? 0 : Math.round(random() * 30000) + moved;
    return {
      subsidyCents: kpi + other, levyCents: levy,
      parts: { 'drenthe-2025/nSoilSurplus': kpi, 'drenthe-2025/grazing': other, 'other-2025/x': 7, 'minas-2003/n': levy },
      levied: { 'minas-2003/n': levy > 0 },
      nSurplusKg: random() < 0.05 ? null : random() * 3e9 + moved / 7, p2o5SurplusKg: random() * 40.1, nh3Kg: random() * 13.3, co2eKg: random() * 1e11,
      blocking: random() < 0.03 ? ['n-surplus'] : [],
      tiers: { 'drenthe-2025/nSoilSurplus.grassland': Math.floor(random() * 4) },
    };
  };
  const rows: WhatIfFarmYear[] = [];
  for (let f = 0; f < farms; f++) {
    const province = PROVINCES[f % PROVINCES.length];
    for (const year of YEARS) {
      const start = seed;
      const official = outcome(0);
      const move = random() < 0.3 ? Math.round(random() * 500) - 200 : 0;
      seed = start;
      rows.push({ farm: `p${(f * 7919) % farms}`, year, recorded: f % 10 !== 0, province, areaClass: AREAS[(f * 3) % 4], soilClass: SOILS[f % 3], official, hypothetical: outcome(move), samples: [] });
    }
  }
  return rows;
};

const build = (rows: readonly WhatIfFarmYear[], k: number) => buildWhatIfReport({ scenario, logPosition: 7, changes: [], rows, budgets, minGroupSize: k });
const byYearAndFarm = (rows: readonly WhatIfFarmYear[]) => [...rows].sort((a, b) => a.year - b.year || (a.farm < b.farm ? -1 : a.farm > b.farm ? 1 : 0));
const plainSum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const r2 = (n: number) => Math.round(n * 100) / 100;

describe('the what-if report at a large population (D75, second step)', () => {
  const rows = population(6000);
  const sorted = byYearAndFarm(rows);
  const report = build(rows, 1);

  it('sums every figure in the rows sorted by year and farm, as a plain sum over them gives it', () => {
    const kg = (o: FarmYearOutcome) => o.nSurplusKg ?? 0;
    const totalOf = (rs: readonly WhatIfFarmYear[], pick: (o: FarmYearOutcome) => number) => ({ official: plainSum(rs.map((r) => pick(r.official))), hypothetical: plainSum(rs.map((r) => pick(r.hypothetical))) });
    const n = report.totals.find((t) => t.measure === 'nSurplusKg')!;
    expect({ official: n.official, hypothetical: n.hypothetical }).toEqual({ official: r2(totalOf(sorted, kg).official), hypothetical: r2(totalOf(sorted, kg).hypothetical) });
    for (const year of report.byYear) {
      const rs = sorted.filter((r) => r.year === year.year);
      const co2 = year.totals.find((t) => t.measure === 'co2eKg')!;
      const expected = totalOf(rs, (o) => o.co2eKg ?? 0);
      expect({ official: co2.official, hypothetical: co2.hypothetical }).toEqual({ official: r2(expected.official), hypothetical: r2(expected.hypothetical) });
      expect(co2.farmYearsUp).toBe(rs.filter((r) => (r.hypothetical.co2eKg ?? 0) > (r.official.co2eKg ?? 0)).length);
      const earned = report.budget.find((b) => b.year === year.year)!;
      const scheme = (o: FarmYearOutcome) => plainSum(Object.entries(o.parts).filter(([p]) => p.startsWith('drenthe-2025/')).map(([, c]) => c));
      expect([earned.officialCents, earned.hypotheticalCents]).toEqual([plainSum(rs.map((r) => scheme(r.official))), plainSum(rs.map((r) => scheme(r.hypothetical)))]);
    }
    for (const cell of report.groups.byProvinceAndArea) {
      const rs = sorted.filter((r) => `${r.province ?? 'province unknown'} / ${r.areaClass}` === cell.group);
      expect(cell.farmYears).toBe(rs.length);
      expect(cell.figures?.nSurplusDeltaKg).toBe(r2(plainSum(rs.map((r) => kg(r.hypothetical) - kg(r.official)))));
    }
    const crossed = report.levyFreeLevel.find((l) => l.part === 'minas-2003/n')!;
    expect(crossed.farmYearsNewlyLevied).toBe(rows.filter((r) => !r.official.levied['minas-2003/n'] && r.hypothetical.levied['minas-2003/n']).length);
    expect(report.farms.map((f) => `${f.year} ${f.farm}`)).toEqual(sorted.map((r) => `${r.year} ${r.farm}`));
  });

  it('is the same, byte for byte, whatever order the rows come in, with suppression at 1 and at 10', () => {
    const reversed = [...rows].reverse();
    const interleaved = [...rows.filter((_, i) => i % 2), ...rows.filter((_, i) => i % 2 === 0)];
    for (const k of [1, 10]) {
      const expected = JSON.stringify(build(sorted, k));
      expect(JSON.stringify(build(reversed, k))).toBe(expected);
      expect(JSON.stringify(build(interleaved, k))).toBe(expected);
    }
  });
});
