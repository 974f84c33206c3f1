import type { FarmYearOutcome, OutcomeMeasure } from './farm-year-outcome';
import { OUTCOME_MEASURES } from './farm-year-outcome';
import type { WhatIfScenario } from './scenario';
import { suppressSmallCounts } from '../disclosure/small-count-suppression';
import { quantile } from './uncertainty';

/** One farm-year of a run, before it is reported: the pseudonym, the group it counts in, both outcomes and its samples. */
export type WhatIfFarmYear = Readonly<{
  farm: string;
  year: number;
  /** Whether the record holds an official result (score or levy) for this farm-year. */
  recorded: boolean;
  province: string | null;
  areaClass: string;
  official: FarmYearOutcome;
  hypothetical: FarmYearOutcome;
  /** Every measure in each sample drawn within the margins (empty without sampling). */
  samples: ReadonlyArray<Readonly<Record<OutcomeMeasure, number | null>>>;
}>;

/** A resolved change: the named path, the version it was applied to and the values. */
export type ResolvedChange = Readonly<{ normSetId: string; year: number; baseVersion: number; path: string; from: unknown; to: unknown }>;

type Interval = Readonly<{ low: number; high: number }>;
export type MeasureTotals = Readonly<{ measure: OutcomeMeasure; unit: string; official: number; hypothetical: number; delta: number; interval: Interval | null; farmYearsUp: number; farmYearsDown: number }>;
/** A group of farm-years in a table of the report: no count and no figures where small counts are suppressed (D61). */
export type GroupCell<T> = Readonly<{ group: string; farmYears: number | null; suppressed: boolean; figures: T | null }>;
type GroupFigures = Readonly<{ subsidyDeltaCents: number; levyDeltaCents: number; nSurplusDeltaKg: number }>;

export type WhatIfReport = Readonly<{
  scenario: WhatIfScenario;
  /** The official record read: the log up to this position (events of what-if streams excepted). */
  logPosition: number;
  changes: readonly ResolvedChange[];
  minGroupSize: number;
  counts: Readonly<{ farmYears: number; withOfficialResult: number; withoutOfficialResult: number; farmYearsChangingWithinMargin: number; samples: number }>;
  totals: readonly MeasureTotals[];
  byYear: ReadonlyArray<Readonly<{ year: number; farmYears: number; totals: readonly MeasureTotals[] }>>;
  parts: ReadonlyArray<Readonly<{ part: string; officialCents: number; hypotheticalCents: number; deltaCents: number; farmYearsChanged: number }>>;
  levyFreeLevel: ReadonlyArray<Readonly<{ part: string; farmYearsNewlyLevied: number; farmYearsNoLongerLevied: number }>>;
  /** Per KPI (per land use where it has tables): farm-years at each tier number (0: none), official and in the scenario, and how many moved. */
  tiers: ReadonlyArray<Readonly<{ part: string; farmYearsBetter: number; farmYearsWorse: number; byTier: ReadonlyArray<Readonly<{ tier: number; official: number; hypothetical: number }>> }>>;
  findings: Readonly<{ farmYearsNewlyBlocked: number; farmYearsNoLongerBlocked: number }>;
  /**
   * Per scheme-year: subsidy earned (official and in the scenario), the budget reserved by the scheme's
   * grants less what was released (recorded; a scenario does not re-allocate), and the ceiling, with shares of it.
   */
  budget: ReadonlyArray<Readonly<{ scheme: string; year: number; ceilingCents: number; reservedCents: number; officialCents: number; hypotheticalCents: number; reservedSharePct: string; officialSharePct: string; hypotheticalSharePct: string }>>;
  groups: Readonly<{ byProvince: GroupCell<GroupFigures>[]; byArea: GroupCell<GroupFigures>[]; byProvinceAndArea: GroupCell<GroupFigures>[] }>;
  distribution: ReadonlyArray<Readonly<{ fromCents: number; toCents: number; farmYears: number | null }>>;
  farms: ReadonlyArray<Readonly<{ farm: string; year: number; recorded: boolean; officialSubsidyCents: number; hypotheticalSubsidyCents: number; officialLevyCents: number; hypotheticalLevyCents: number }>>;
}>;

export const MEASURE_UNITS: Readonly<Record<OutcomeMeasure, string>> = { subsidyCents: 'euro cent', levyCents: 'euro cent', nSurplusKg: 'kg N', p2o5SurplusKg: 'kg P2O5', nh3Kg: 'kg NH3', co2eKg: 'kg CO2-eq' };

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const r2 = (n: number) => Math.round(n * 100) / 100;
const pct = (part: number, whole: number) => (whole === 0 ? '0.00' : ((part * 100) / whole).toFixed(2));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const totalsOf = (rows: readonly WhatIfFarmYear[], sampleTotals: ReadonlyArray<Readonly<Record<string, number>>>): MeasureTotals[] =>
  OUTCOME_MEASURES.map((measure) => {
    const o = rows.map((r) => r.official[measure] ?? 0);
    const h = rows.map((r) => r.hypothetical[measure] ?? 0);
    const sorted = sampleTotals.map((s) => s[measure]).filter((x) => x !== undefined).sort((a, b) => a - b);
    const money = measure === 'subsidyCents' || measure === 'levyCents';
    const round = money ? (x: number) => x : r2;
    return {
      measure,
      unit: MEASURE_UNITS[measure],
      official: round(sum(o)),
      hypothetical: round(sum(h)),
      delta: round(sum(h) - sum(o)),
      interval: sorted.length ? { low: round(quantile(sorted, 0.05)), high: round(quantile(sorted, 0.95)) } : null,
      farmYearsUp: rows.filter((_, i) => h[i] > o[i]).length,
      farmYearsDown: rows.filter((_, i) => h[i] < o[i]).length,
    };
  });

/** Equal-width buckets of the subsidy-plus-levy change; a bucket of fewer than `k` farm-years is suppressed. */
const histogram = (deltas: number[], k: number, buckets = 20) => {
  if (!deltas.length) return [];
  let min = deltas[0];
  let max = deltas[0];
  for (const d of deltas) {
    if (d < min) min = d;
    if (d > max) max = d;
  }
  if (min === max) return [{ fromCents: min, toCents: max, farmYears: suppressSmallCounts([{ key: 'all', size: deltas.length }], k).shown.has('all') ? deltas.length : null }];
  const width = Math.ceil((max - min + 1) / buckets);
  const out = Array.from({ length: Math.ceil((max - min + 1) / width) }, (_, i) => ({ fromCents: min + i * width, toCents: min + (i + 1) * width - 1, farmYears: 0 as number | null }));
  for (const d of deltas) (out[Math.floor((d - min) / width)] as { farmYears: number }).farmYears++;
  // The buckets add up to the farm-years counted: the one rule hides small buckets and what would give them away.
  const { shown } = suppressSmallCounts(out.map((b, i) => ({ key: String(i), size: b.farmYears as number })), k);
  return out.map((b, i) => ({ ...b, farmYears: shown.has(String(i)) ? b.farmYears : null }));
};

const cellsOf = (rows: readonly WhatIfFarmYear[], key: (r: WhatIfFarmYear) => string) => {
  const groups = new Map<string, WhatIfFarmYear[]>();
  for (const r of rows) {
    const k = key(r);
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.entries()].sort(([a], [b]) => cmp(a, b)).map(([group, rs]) => ({
    group,
    farmYears: rs.length,
    figures: {
      subsidyDeltaCents: sum(rs.map((r) => r.hypothetical.subsidyCents - r.official.subsidyCents)),
      levyDeltaCents: sum(rs.map((r) => r.hypothetical.levyCents - r.official.levyCents)),
      nSurplusDeltaKg: r2(sum(rs.map((r) => (r.hypothetical.nSurplusKg ?? 0) - (r.official.nSurplusKg ?? 0)))),
    },
  }));
};

const provinceOf = (r: WhatIfFarmYear) => r.province ?? 'province unknown';

/**
 * The three tables over the same farm-years — by province, by area class, and their cross table — with
 * small counts suppressed by the one rule (D61): each table, and each row and column of the cross table
 * (whose margins the other two show), leaves no small remainder to subtract.
 */
const groupTables = (rows: readonly WhatIfFarmYear[], k: number) => {
  const byProvince = cellsOf(rows, provinceOf);
  const byArea = cellsOf(rows, (r) => r.areaClass);
  const crossKey = (province: string, area: string) => `${province} / ${area}`;
  const byProvinceAndArea = cellsOf(rows, (r) => crossKey(provinceOf(r), r.areaClass));
  const key = (table: string, group: string) => `${table}\u0000${group}`;
  // Each cell of the cross table in its row (province) and its column (area class): one pass over the rows.
  const inRow = new Map<string, Set<string>>();
  const inColumn = new Map<string, Set<string>>();
  for (const r of rows) {
    const cell = key('pa', crossKey(provinceOf(r), r.areaClass));
    inRow.set(provinceOf(r), (inRow.get(provinceOf(r)) ?? new Set()).add(cell));
    inColumn.set(r.areaClass, (inColumn.get(r.areaClass) ?? new Set()).add(cell));
  }
  const { shown } = suppressSmallCounts(
    [...byProvince.map((c) => ({ key: key('p', c.group), size: c.farmYears })), ...byArea.map((c) => ({ key: key('a', c.group), size: c.farmYears })), ...byProvinceAndArea.map((c) => ({ key: key('pa', c.group), size: c.farmYears }))],
    k,
    [
      byProvince.map((c) => key('p', c.group)),
      byArea.map((c) => key('a', c.group)),
      byProvinceAndArea.map((c) => key('pa', c.group)),
      ...byProvince.map((p) => [...inRow.get(p.group)!]),
      ...byArea.map((a) => [...inColumn.get(a.group)!]),
    ],
  );
  const table = (name: string, cells: ReturnType<typeof cellsOf>): GroupCell<GroupFigures>[] =>
    cells.map((c) => (shown.has(key(name, c.group)) ? { group: c.group, farmYears: c.farmYears, suppressed: false, figures: c.figures } : { group: c.group, farmYears: null, suppressed: true, figures: null }));
  return { byProvince: table('p', byProvince), byArea: table('a', byArea), byProvinceAndArea: table('pa', byProvinceAndArea) };
};

/** Per part (KPI or levy component), in one pass over the rows: official, scenario, change, farm-years changed. */
const partsOf = (rows: readonly WhatIfFarmYear[]) => {
  const acc = new Map<string, { officialCents: number; hypotheticalCents: number; farmYearsChanged: number }>();
  for (const r of rows) {
    for (const part of new Set([...Object.keys(r.official.parts), ...Object.keys(r.hypothetical.parts)])) {
      const o = r.official.parts[part] ?? 0;
      const h = r.hypothetical.parts[part] ?? 0;
      const a = acc.get(part) ?? { officialCents: 0, hypotheticalCents: 0, farmYearsChanged: 0 };
      a.officialCents += o;
      a.hypotheticalCents += h;
      if (o !== h) a.farmYearsChanged++;
      acc.set(part, a);
    }
  }
  return [...acc.keys()].sort(cmp).map((part) => {
    const a = acc.get(part)!;
    return { part, officialCents: a.officialCents, hypotheticalCents: a.hypotheticalCents, deltaCents: a.hypotheticalCents - a.officialCents, farmYearsChanged: a.farmYearsChanged };
  });
};

/** Tier 1 is the best; 0 (no tier) or no figure is below every tier. */
const rank = (t: number | undefined) => (t === undefined || t === 0 ? Number.MAX_SAFE_INTEGER : t);

/** Per KPI (and land use), in one pass: farm-years per tier number, official and scenario, and how many moved. */
const tiersOf = (rows: readonly WhatIfFarmYear[]) => {
  const acc = new Map<string, { better: number; worse: number; byTier: Map<number, { official: number; hypothetical: number }> }>();
  for (const r of rows) {
    for (const part of new Set([...Object.keys(r.official.tiers), ...Object.keys(r.hypothetical.tiers)])) {
      const a = acc.get(part) ?? { better: 0, worse: 0, byTier: new Map() };
      const o = r.official.tiers[part];
      const h = r.hypothetical.tiers[part];
      if (rank(h) < rank(o)) a.better++;
      if (rank(h) > rank(o)) a.worse++;
      if (o !== undefined) a.byTier.set(o, { official: (a.byTier.get(o)?.official ?? 0) + 1, hypothetical: a.byTier.get(o)?.hypothetical ?? 0 });
      if (h !== undefined) a.byTier.set(h, { official: a.byTier.get(h)?.official ?? 0, hypothetical: (a.byTier.get(h)?.hypothetical ?? 0) + 1 });
      acc.set(part, a);
    }
  }
  return [...acc.keys()].sort(cmp).map((part) => {
    const a = acc.get(part)!;
    return { part, farmYearsBetter: a.better, farmYearsWorse: a.worse, byTier: [...a.byTier.entries()].sort(([x], [y]) => rank(x) - rank(y)).map(([tier, c]) => ({ tier, ...c })) };
  });
};

/**
 * The report of a run (issue 17): totals with intervals from the samples, per year, per part (KPI or
 * levy component), levy-free crossings, newly blocking findings, the budget of each scheme-year,
 * groups with small counts suppressed, and farm-years only under pseudonyms. Deterministic: the same
 * rows give the same report, byte for byte.
 */
export const buildWhatIfReport = (input: Readonly<{
  scenario: WhatIfScenario;
  logPosition: number;
  changes: readonly ResolvedChange[];
  rows: readonly WhatIfFarmYear[];
  budgets: ReadonlyArray<Readonly<{ scheme: string; year: number; ceilingCents: number; reservedCents: number }>>;
  minGroupSize: number;
}>): WhatIfReport => {
  const rows = [...input.rows].sort((a, b) => a.year - b.year || cmp(a.farm, b.farm));
  const k = input.minGroupSize;
  const samples = input.scenario.uncertainty.samples;
  const sampleTotals = (rs: readonly WhatIfFarmYear[]) =>
    Array.from({ length: samples }, (_, s) => Object.fromEntries(OUTCOME_MEASURES.map((m) => [m, sum(rs.map((r) => r.samples[s]?.[m] ?? 0))])) as Record<OutcomeMeasure, number>);
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const leviedNames = [...new Set(rows.flatMap((r) => [...Object.keys(r.official.levied), ...Object.keys(r.hypothetical.levied)]))].sort(cmp);
  const changing = rows.filter((r) => r.samples.some((s) => s.subsidyCents !== r.hypothetical.subsidyCents || s.levyCents !== r.hypothetical.levyCents)).length;
  const blocked = (o: FarmYearOutcome) => o.blocking.length > 0;
  return {
    scenario: input.scenario,
    logPosition: input.logPosition,
    changes: input.changes,
    minGroupSize: k,
    counts: {
      farmYears: rows.length,
      withOfficialResult: rows.filter((r) => r.recorded).length,
      withoutOfficialResult: rows.filter((r) => !r.recorded).length,
      farmYearsChangingWithinMargin: changing,
      samples,
    },
    totals: totalsOf(rows, sampleTotals(rows)),
    byYear: years.map((year) => {
      const rs = rows.filter((r) => r.year === year);
      return { year, farmYears: rs.length, totals: totalsOf(rs, sampleTotals(rs)) };
    }),
    parts: partsOf(rows),
    levyFreeLevel: leviedNames.map((part) => ({
      part,
      farmYearsNewlyLevied: rows.filter((r) => !r.official.levied[part] && r.hypothetical.levied[part]).length,
      farmYearsNoLongerLevied: rows.filter((r) => r.official.levied[part] && !r.hypothetical.levied[part]).length,
    })),
    tiers: tiersOf(rows),
    findings: { farmYearsNewlyBlocked: rows.filter((r) => !blocked(r.official) && blocked(r.hypothetical)).length, farmYearsNoLongerBlocked: rows.filter((r) => blocked(r.official) && !blocked(r.hypothetical)).length },
    budget: input.budgets.map((b) => {
      const rs = rows.filter((r) => r.year === b.year);
      const part = (o: FarmYearOutcome) => sum(Object.entries(o.parts).filter(([p]) => p.startsWith(`${b.scheme}/`)).map(([, c]) => c));
      const o = sum(rs.map((r) => part(r.official)));
      const h = sum(rs.map((r) => part(r.hypothetical)));
      return { scheme: b.scheme, year: b.year, ceilingCents: b.ceilingCents, reservedCents: b.reservedCents, officialCents: o, hypotheticalCents: h, reservedSharePct: pct(b.reservedCents, b.ceilingCents), officialSharePct: pct(o, b.ceilingCents), hypotheticalSharePct: pct(h, b.ceilingCents) };
    }),
    groups: groupTables(rows, k),
    distribution: histogram(rows.map((r) => r.hypothetical.subsidyCents - r.official.subsidyCents - (r.hypothetical.levyCents - r.official.levyCents)), k),
    farms: rows.map((r) => ({
      farm: r.farm,
      year: r.year,
      recorded: r.recorded,
      officialSubsidyCents: r.official.subsidyCents,
      hypotheticalSubsidyCents: r.hypothetical.subsidyCents,
      officialLevyCents: r.official.levyCents,
      hypotheticalLevyCents: r.hypothetical.levyCents,
    })),
  };
};

/** Two runs side by side (or one against the official record: `b` null), per measure. */
export const compareWhatIfReports = (a: WhatIfReport, b: WhatIfReport | null) => ({
  a: { name: a.scenario.name, logPosition: a.logPosition },
  b: b ? { name: b.scenario.name, logPosition: b.logPosition } : { name: 'official record', logPosition: a.logPosition },
  measures: a.totals.map((t) => {
    const other = b ? b.totals.find((x) => x.measure === t.measure)! : null;
    const bValue = other ? other.hypothetical : t.official;
    return { measure: t.measure, unit: t.unit, a: t.hypothetical, aInterval: t.interval, b: bValue, bInterval: other?.interval ?? null, difference: Math.round((t.hypothetical - bValue) * 100) / 100 };
  }),
});
export type WhatIfComparison = ReturnType<typeof compareWhatIfReports>;
