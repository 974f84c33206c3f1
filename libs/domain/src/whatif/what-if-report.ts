import type { FarmYearOutcome, OutcomeMeasure } from './farm-year-outcome';
import { OUTCOME_MEASURES } from './farm-year-outcome';
import type { WhatIfScenario } from './scenario';
import { suppressSmallChanges, suppressSmallCounts, type ChangedCell, type ChangeLine } from '../disclosure/small-count-suppression';
import { quantile } from './uncertainty';

/** One farm-year of a run, before it is reported: the pseudonym, the group it counts in, both outcomes and its samples. */
export type WhatIfFarmYear = Readonly<{
  farm: string;
  year: number;
  /** Whether the record holds an official result (score or levy) for this farm-year. */
  recorded: boolean;
  province: string | null;
  areaClass: string;
  soilClass: string;
  official: FarmYearOutcome;
  hypothetical: FarmYearOutcome;
  /** Every measure in each sample drawn within the margins (empty without sampling). */
  samples: ReadonlyArray<Readonly<Record<OutcomeMeasure, number | null>>>;
}>;

/** A resolved change: the named path, the version it was applied to and the values. */
export type ResolvedChange = Readonly<{ normSetId: string; year: number; baseVersion: number; path: string; from: unknown; to: unknown }>;

type Interval = Readonly<{ low: number; high: number }>;
/**
 * A measure summed over farm-years. Where the farm-years that changed are a group below the minimum, the
 * change is theirs alone: the scenario's figure, the change, the interval and their counts are null (D69).
 */
export type MeasureTotals = Readonly<{ measure: OutcomeMeasure; unit: string; official: number; hypothetical: number | null; delta: number | null; interval: Interval | null; farmYearsUp: number | null; farmYearsDown: number | null }>;
/** A group of farm-years in a table of the report: no count and no figures where small counts are suppressed (D61). */
export type GroupCell<T> = Readonly<{ group: string; farmYears: number | null; suppressed: boolean; figures: T | null }>;
/** A shown group's changes: each the sum over the group's farm-years that changed, null where those are too few (D69). */
type GroupFigures = Readonly<{ subsidyDeltaCents: number | null; levyDeltaCents: number | null; nSurplusDeltaKg: number | null }>;

/**
 * A run's report. Every figure is a sum or a count over farm-years, and small-count suppression (D61, D69)
 * applies to all of them by the one rule: a figure over a group of fewer than `minGroupSize` farm-years,
 * or one that subtraction from shown figures would give away, is null. A run whose whole population is
 * below the minimum (`belowMinimum`) shows the scenario and its changes only: no totals, years, parts,
 * tiers, budget earned, distribution or farm-years.
 */
export type WhatIfReport = Readonly<{
  scenario: WhatIfScenario;
  /** The official record read: the log up to this position (events of what-if streams excepted). */
  logPosition: number;
  changes: readonly ResolvedChange[];
  minGroupSize: number;
  /** The run's farm-years together are fewer than the minimum: nothing computed from them is shown. */
  belowMinimum: boolean;
  counts: Readonly<{ farmYears: number | null; withOfficialResult: number | null; withoutOfficialResult: number | null; farmYearsChangingWithinMargin: number | null; samples: number }>;
  totals: readonly MeasureTotals[];
  /** A year of fewer farm-years than the minimum (or one that would give such a year away) is `suppressed`: no count, no totals. */
  byYear: ReadonlyArray<Readonly<{ year: number; farmYears: number | null; suppressed: boolean; totals: readonly MeasureTotals[] }>>;
  parts: ReadonlyArray<Readonly<{ part: string; officialCents: number; hypotheticalCents: number | null; deltaCents: number | null; farmYearsChanged: number | null }>>;
  levyFreeLevel: ReadonlyArray<Readonly<{ part: string; farmYearsNewlyLevied: number | null; farmYearsNoLongerLevied: number | null }>>;
  /** Per KPI (per land use where it has tables): farm-years at each tier number (0: none), official and in the scenario, and how many moved. */
  tiers: ReadonlyArray<Readonly<{ part: string; farmYearsBetter: number | null; farmYearsWorse: number | null; byTier: ReadonlyArray<Readonly<{ tier: number; official: number | null; hypothetical: number | null }>> }>>;
  findings: Readonly<{ farmYearsNewlyBlocked: number | null; farmYearsNoLongerBlocked: number | null }>;
  /**
   * Per scheme-year: subsidy earned (official and in the scenario), the budget reserved by the scheme's
   * grants less what was released (recorded; a scenario does not re-allocate), and the ceiling, with shares of it.
   * Earned is null for a year whose farm-years are suppressed; in the scenario, where the year's change is.
   */
  budget: ReadonlyArray<Readonly<{ scheme: string; year: number; ceilingCents: number; reservedCents: number; officialCents: number | null; hypotheticalCents: number | null; reservedSharePct: string; officialSharePct: string | null; hypotheticalSharePct: string | null }>>;
  groups: Readonly<{ byProvince: GroupCell<GroupFigures>[]; byArea: GroupCell<GroupFigures>[]; bySoil: GroupCell<GroupFigures>[]; byProvinceAndArea: GroupCell<GroupFigures>[] }>;
  distribution: ReadonlyArray<Readonly<{ fromCents: number; toCents: number; farmYears: number | null }>>;
  /** Farm-years under pseudonyms: empty whenever the report hides any figure their amounts would give away (D69). */
  farms: ReadonlyArray<Readonly<{ farm: string; year: number; recorded: boolean; officialSubsidyCents: number; hypotheticalSubsidyCents: number; officialLevyCents: number; hypotheticalLevyCents: number }>>;
}>;

export const MEASURE_UNITS: Readonly<Record<OutcomeMeasure, string>> = { subsidyCents: 'euro cent', levyCents: 'euro cent', nSurplusKg: 'kg N', p2o5SurplusKg: 'kg P2O5', nh3Kg: 'kg NH3', co2eKg: 'kg CO2-eq' };

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
/** Each key of either record once (the official's, then the scenario's others): no array or set per farm-year (D75). */
const forEachKeyOf = (a: object, b: object, visit: (key: string) => void) => {
  // for…in visits a plain record's own keys in the order of Object.keys, without an array per record.
  for (const key in a) if (Object.hasOwn(a, key)) visit(key);
  for (const key in b) if (Object.hasOwn(b, key) && !Object.hasOwn(a, key)) visit(key);
};
const r2 = (n: number) => Math.round(n * 100) / 100;
const pct = (part: number, whole: number) => (whole === 0 ? '0.00' : ((part * 100) / whole).toFixed(2));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every measure of each farm-year's two outcomes (no figure: 0), read once with a fixed property each into
 * rows of `OUTCOME_MEASURES.length` doubles — not `o[measure]` per farm-year, measure and table, whose keyed
 * loads were a tenth of the report at national size (D75, second step). A Float64Array holds each double exactly.
 */
type MeasureValues = Readonly<{ official: Float64Array; hypothetical: Float64Array }>;
const M = OUTCOME_MEASURES.length;
// The order `readMeasures` writes in: the compiler refuses it when OUTCOME_MEASURES gains, loses or reorders a measure.
const MEASURE_ORDER: typeof OUTCOME_MEASURES = ['subsidyCents', 'levyCents', 'nSurplusKg', 'p2o5SurplusKg', 'nh3Kg', 'co2eKg'];
const readMeasures = (o: FarmYearOutcome, out: Float64Array, at: number) => {
  out[at] = o.subsidyCents ?? 0;
  out[at + 1] = o.levyCents ?? 0;
  out[at + 2] = o.nSurplusKg ?? 0;
  out[at + 3] = o.p2o5SurplusKg ?? 0;
  out[at + 4] = o.nh3Kg ?? 0;
  out[at + 5] = o.co2eKg ?? 0;
};
const measureValuesOf = (rows: readonly WhatIfFarmYear[]): MeasureValues => {
  const official = new Float64Array(rows.length * MEASURE_ORDER.length);
  const hypothetical = new Float64Array(rows.length * MEASURE_ORDER.length);
  for (let i = 0; i < rows.length; i++) {
    readMeasures(rows[i].official, official, i * M);
    readMeasures(rows[i].hypothetical, hypothetical, i * M);
  }
  return { official, hypothetical };
};

/** Per measure (in `OUTCOME_MEASURES` order): official and scenario sums and the farm-years that moved up or down. */
type MeasureSums = Readonly<{ official: Float64Array; hypothetical: Float64Array; up: Uint32Array; down: Uint32Array }>;

/**
 * Every measure's sums over the rows `from` to `to` (a year's rows are one run of them) in one pass, each
 * summed in the rows' order from 0 as `sum` would (the same doubles), and the moves counted.
 */
const measureSums = (v: MeasureValues, from: number, to: number): MeasureSums => {
  const official = new Float64Array(M);
  const hypothetical = new Float64Array(M);
  const up = new Uint32Array(M);
  const down = new Uint32Array(M);
  for (let at = from * M; at < to * M; at += M) {
    for (let m = 0; m < M; m++) {
      const ro = v.official[at + m];
      const rh = v.hypothetical[at + m];
      official[m] += ro;
      hypothetical[m] += rh;
      if (rh > ro) up[m]++;
      else if (rh < ro) down[m]++;
    }
  }
  return { official, hypothetical, up, down };
};

const totalsOf = (sums: MeasureSums, sampleTotals: ReadonlyArray<Readonly<Record<string, number>>>): MeasureTotals[] =>
  OUTCOME_MEASURES.map((measure, i) => {
    const o = sums.official[i];
    const h = sums.hypothetical[i];
    const sorted = sampleTotals.map((s) => s[measure]).filter((x) => x !== undefined).sort((a, b) => a - b);
    const money = measure === 'subsidyCents' || measure === 'levyCents';
    const round = money ? (x: number) => x : r2;
    return {
      measure,
      unit: MEASURE_UNITS[measure],
      official: round(o),
      hypothetical: round(h),
      delta: round(h - o),
      interval: sorted.length ? { low: round(quantile(sorted, 0.05)), high: round(quantile(sorted, 0.95)) } : null,
      farmYearsUp: sums.up[i],
      farmYearsDown: sums.down[i],
    };
  });

/** The smallest step of 1, 2 or 5 × 10ⁿ cents (at least €1) that is at least `width`. */
const niceStep = (width: number): number => {
  for (let step = 100; ; step *= 10) for (const m of [1, 2, 5]) if (m * step >= width) return m * step;
};

/**
 * Buckets of the subsidy-plus-levy change on a grid of round steps (€1, €2, €5, €10, …), at least a
 * twentieth of the range and of the largest change wide, so that no bound is a farm-year's own figure (D69):
 * a bucket says "from €300 to €399.99", never "€320 to €320" when one farm changed by €320. A bucket of
 * fewer than `k` farm-years has no count (the one rule, D61).
 */
const histogram = (deltas: number[], k: number, buckets = 20) => {
  if (!deltas.length) return [];
  let min = deltas[0];
  let max = deltas[0];
  for (const d of deltas) {
    if (d < min) min = d;
    if (d > max) max = d;
  }
  // At least a twentieth of the range and of the largest change: a bucket is never narrower than that, even where all agree.
  const width = niceStep(Math.max((max - min + 1) / buckets, Math.max(Math.abs(min), Math.abs(max)) / buckets));
  const from = Math.floor(min / width) * width;
  const out = Array.from({ length: Math.floor((max - from) / width) + 1 }, (_, i) => ({ fromCents: from + i * width, toCents: from + (i + 1) * width - 1, farmYears: 0 as number | null }));
  for (const d of deltas) (out[Math.floor((d - from) / width)] as { farmYears: number }).farmYears++;
  // The buckets add up to the farm-years counted: the one rule hides small buckets and what would give them away.
  const { shown } = suppressSmallCounts(out.map((b, i) => ({ key: String(i), size: b.farmYears as number })), k);
  return out.map((b, i) => ({ ...b, farmYears: shown.has(String(i)) ? b.farmYears : null }));
};

/**
 * The counts of a few kinds of farm-year out of `total` (the rest: none of them), each shown or null by the
 * one rule (D61): a kind below the minimum, or one the others and the total would give away, is null.
 */
const countsShown = <K extends string>(total: number, counts: Readonly<Record<K, number>>, k: number): Record<K, number | null> => {
  const keys = Object.keys(counts) as K[];
  const rest = total - keys.reduce((n, key) => n + counts[key], 0);
  const { shown } = suppressSmallCounts([...keys.map((key) => ({ key, size: counts[key] })), { key: '\u0000rest', size: rest }], k);
  return Object.fromEntries(keys.map((key) => [key, shown.has(key) ? counts[key] : null])) as Record<K, number | null>;
};

/** A measure's change is the sum over the farm-years that moved: shown only when they are a group that may be shown. */
const disclosedTotals = (totals: readonly MeasureTotals[], farmYears: number, k: number): MeasureTotals[] =>
  totals.map((t) => {
    const up = t.farmYearsUp ?? 0;
    const down = t.farmYearsDown ?? 0;
    const moved = countsShown(farmYears, { up, down }, k);
    const hidden = (moved.up === null && up > 0) || (moved.down === null && down > 0);
    return hidden ? { ...t, hypothetical: null, delta: null, interval: null, farmYearsUp: moved.up, farmYearsDown: moved.down } : t;
  });

type TableName = 'byProvince' | 'byArea' | 'bySoil' | 'byProvinceAndArea';
/**
 * Each table's farm-years per group, by their place in the rows (ascending), and the cells of the cross
 * table in each province's row and each area class's column: read off the rows once, for the tables and
 * for the suppression of changes, each farm-year's cross key built once (D75, second step).
 */
type RowGroups = Readonly<{ members: Readonly<Record<TableName, ReadonlyMap<string, readonly number[]>>>; crossOfProvince: ReadonlyMap<string, ReadonlySet<string>>; crossOfArea: ReadonlyMap<string, ReadonlySet<string>> }>;
const rowGroupsOf = (rows: readonly WhatIfFarmYear[]): RowGroups => {
  const members: Record<TableName, Map<string, number[]>> = { byProvince: new Map(), byArea: new Map(), bySoil: new Map(), byProvinceAndArea: new Map() };
  const crossOfProvince = new Map<string, Set<string>>();
  const crossOfArea = new Map<string, Set<string>>();
  const crossKeys = new Map<string, Map<string, string>>();
  const add = <V>(by: Map<string, V[]>, key: string, v: V) => {
    const at = by.get(key);
    if (at) at.push(v);
    else by.set(key, [v]);
  };
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const province = provinceOf(r);
    const area = r.areaClass;
    let ofProvince = crossKeys.get(province);
    if (!ofProvince) crossKeys.set(province, (ofProvince = new Map()));
    let cross = ofProvince.get(area);
    if (cross === undefined) ofProvince.set(area, (cross = `${province} / ${area}`));
    add(members.byProvince, province, i);
    add(members.byArea, area, i);
    add(members.bySoil, r.soilClass, i);
    add(members.byProvinceAndArea, cross, i);
    (crossOfProvince.get(province) ?? crossOfProvince.set(province, new Set()).get(province)!).add(cross);
    (crossOfArea.get(area) ?? crossOfArea.set(area, new Set()).get(area)!).add(cross);
  }
  return { members, crossOfProvince, crossOfArea };
};

/** Each farm-year's change in the measures the group tables show, computed once (a Float64Array holds each double exactly). */
type RowDeltas = Readonly<{ subsidy: Float64Array; levy: Float64Array; nSurplus: Float64Array }>;
const rowDeltasOf = (rows: readonly WhatIfFarmYear[]): RowDeltas => {
  const subsidy = new Float64Array(rows.length);
  const levy = new Float64Array(rows.length);
  const nSurplus = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    subsidy[i] = r.hypothetical.subsidyCents - r.official.subsidyCents;
    levy[i] = r.hypothetical.levyCents - r.official.levyCents;
    nSurplus[i] = (r.hypothetical.nSurplusKg ?? 0) - (r.official.nSurplusKg ?? 0);
  }
  return { subsidy, levy, nSurplus };
};

/** A table's cells: each group's count, its changes summed in the rows' order from 0 (as `sum` did: the same doubles) and its farm-years that changed. */
const cellsOf = (members: ReadonlyMap<string, readonly number[]>, d: RowDeltas) =>
  [...members.entries()].sort(([a], [b]) => cmp(a, b)).map(([group, at]) => {
    let subsidy = 0;
    let levy = 0;
    let nSurplus = 0;
    const changed = { subsidy: 0, levy: 0, nSurplus: 0 };
    for (const i of at) {
      subsidy += d.subsidy[i];
      levy += d.levy[i];
      nSurplus += d.nSurplus[i];
      if (d.subsidy[i] !== 0) changed.subsidy++;
      if (d.levy[i] !== 0) changed.levy++;
      if (d.nSurplus[i] !== 0) changed.nSurplus++;
    }
    return { group, farmYears: at.length, figures: { subsidyDeltaCents: subsidy, levyDeltaCents: levy, nSurplusDeltaKg: r2(nSurplus) }, changed };
  });

/** A group's change is the sum over the farm-years in it that changed: shown when they may be shown in that group (D69). */
const disclosedFigures = (c: ReturnType<typeof cellsOf>[number], k: number): GroupFigures => {
  const shown = (changed: number, figure: number) => (countsShown(c.farmYears, { changed }, k).changed === null ? null : figure);
  return { subsidyDeltaCents: shown(c.changed.subsidy, c.figures.subsidyDeltaCents), levyDeltaCents: shown(c.changed.levy, c.figures.levyDeltaCents), nSurplusDeltaKg: shown(c.changed.nSurplus, c.figures.nSurplusDeltaKg) };
};

const provinceOf = (r: WhatIfFarmYear) => r.province ?? 'province unknown';

/**
 * The four tables over the same farm-years — by province, by area class, by soil class, and the cross
 * table of province and area — with small counts suppressed by the one rule (D61): each table, and each
 * row and column of the cross table (whose margins the first two show), leaves no small remainder to subtract.
 */
const groupTables = (groups: RowGroups, deltas: RowDeltas, k: number) => {
  const byProvince = cellsOf(groups.members.byProvince, deltas);
  const byArea = cellsOf(groups.members.byArea, deltas);
  const bySoil = cellsOf(groups.members.bySoil, deltas);
  const byProvinceAndArea = cellsOf(groups.members.byProvinceAndArea, deltas);
  const key = (table: string, group: string) => `${table}\u0000${group}`;
  const { shown } = suppressSmallCounts(
    [...byProvince.map((c) => ({ key: key('p', c.group), size: c.farmYears })), ...byArea.map((c) => ({ key: key('a', c.group), size: c.farmYears })), ...bySoil.map((c) => ({ key: key('s', c.group), size: c.farmYears })), ...byProvinceAndArea.map((c) => ({ key: key('pa', c.group), size: c.farmYears }))],
    k,
    [
      byProvince.map((c) => key('p', c.group)),
      byArea.map((c) => key('a', c.group)),
      bySoil.map((c) => key('s', c.group)),
      byProvinceAndArea.map((c) => key('pa', c.group)),
      // Each cell of the cross table in its row (province) and its column (area class).
      ...byProvince.map((p) => [...groups.crossOfProvince.get(p.group)!].map((cell) => key('pa', cell))),
      ...byArea.map((a) => [...groups.crossOfArea.get(a.group)!].map((cell) => key('pa', cell))),
    ],
  );
  const table = (name: string, cells: ReturnType<typeof cellsOf>): GroupCell<GroupFigures>[] =>
    cells.map((c) => (shown.has(key(name, c.group)) ? { group: c.group, farmYears: c.farmYears, suppressed: false, figures: disclosedFigures(c, k) } : { group: c.group, farmYears: null, suppressed: true, figures: null }));
  return { byProvince: table('p', byProvince), byArea: table('a', byArea), bySoil: table('s', bySoil), byProvinceAndArea: table('pa', byProvinceAndArea) };
};

type YearRow = Readonly<{ year: number; farmYears: number | null; suppressed: boolean; totals: readonly MeasureTotals[] }>;
type PartRow = Readonly<{ part: string; officialCents: number; hypotheticalCents: number | null; deltaCents: number | null; farmYearsChanged: number | null }>;
type GroupTables = ReturnType<typeof groupTables>;
const GROUP_FIGURES = { subsidyDeltaCents: 'subsidyCents', levyDeltaCents: 'levyCents', nSurplusDeltaKg: 'nSurplusKg' } as const satisfies Record<keyof GroupFigures, OutcomeMeasure>;
const GROUP_TABLES: readonly TableName[] = ['byProvince', 'byArea', 'bySoil', 'byProvinceAndArea'];

/**
 * Complementary suppression of changes (D69): per measure, the years, each group table (and each row and
 * column of the cross table against its margins) and the parts are lines whose total is shown, so a change
 * hidden in one is hidden together with enough others — or the total's — that subtraction gives no change
 * of fewer than `k` farm-years. One call of the one rule per measure; figures it hides become null.
 */
const withComplementaryChanges = (rows: readonly WhatIfFarmYear[], k: number, leviedParts: ReadonlySet<string>, at: Readonly<{ values: MeasureValues; groups: RowGroups; years: ReadonlyMap<string, readonly number[]>; partsChanged: ReadonlyMap<string, readonly number[]> }>, report: Readonly<{ totals: MeasureTotals[]; byYear: YearRow[]; parts: PartRow[]; groups: GroupTables }>) => {
  // Farm-years by their place in `rows`: each one's member id built, and whether each measure moved read,
  // once — not once per cell and measure (D75).
  const ids = rows.map((r) => `${r.farm}\u0000${r.year}`);
  const { values } = at;
  const movedIn = (at: readonly number[] = [], measure: OutcomeMeasure) => {
    const m = OUTCOME_MEASURES.indexOf(measure);
    const { official, hypothetical } = values;
    const out: string[] = [];
    for (const i of at) if (official[i * M + m] !== hypothetical[i * M + m]) out.push(ids[i]);
    return out;
  };
  const everyRow = rows.map((_, i) => i);
  // Each table's farm-years per cell, each part's farm-years that changed and the cross table's cells per row and column: read off the rows once, before (D75).
  const perYear = at.years;
  const perGroup = at.groups.members;
  const partChanged = (part: string) => (at.partsChanged.get(part) ?? []).map((i) => ids[i]);
  const { crossOfProvince, crossOfArea } = at.groups;
  const shownBy = new Map<OutcomeMeasure, ReadonlySet<string>>();
  for (const m of OUTCOME_MEASURES) {
    const cells: ChangedCell[] = [{ key: 'total', changed: movedIn(everyRow, m), hidden: report.totals.find((t) => t.measure === m)?.delta === null }];
    const lines: ChangeLine[] = [];
    // A cell in two lines (the cross table's, in its table and in its row and column) is given once.
    const line = (total: string, entries: ReadonlyArray<ChangedCell>) => {
      cells.push(...entries.filter((c) => !cells.some((x) => x.key === c.key)));
      lines.push({ total, cells: entries.map((c) => c.key) });
    };
    line('total', report.byYear.map((y) => ({ key: `year ${y.year}`, changed: movedIn(perYear.get(String(y.year)), m), hidden: y.suppressed || y.totals.find((t) => t.measure === m)?.delta === null })));
    const figure = (Object.keys(GROUP_FIGURES) as (keyof GroupFigures)[]).find((f) => GROUP_FIGURES[f] === m);
    if (figure) {
      for (const table of GROUP_TABLES) {
        line('total', report.groups[table].map((c) => ({ key: `${table} ${c.group}`, changed: movedIn(perGroup[table].get(c.group), m), hidden: c.figures?.[figure] == null })));
      }
      // A row of the cross table adds up to its province's change, a column to its area class's (read off the rows, not the names).
      const cross = (groups: ReadonlySet<string>) => cells.filter((c) => c.key.startsWith('byProvinceAndArea ') && groups.has(c.key.slice('byProvinceAndArea '.length)));
      for (const p of report.groups.byProvince) line(`byProvince ${p.group}`, cross(crossOfProvince.get(p.group)!));
      for (const a of report.groups.byArea) line(`byArea ${a.group}`, cross(crossOfArea.get(a.group)!));
    }
    // Subsidy parts add up to the subsidy, levy components to the levy.
    const partsOfMeasure = m === 'subsidyCents' ? report.parts.filter((p) => !leviedParts.has(p.part)) : m === 'levyCents' ? report.parts.filter((p) => leviedParts.has(p.part)) : [];
    if (partsOfMeasure.length) line('total', partsOfMeasure.map((p) => ({ key: `part ${p.part}`, changed: partChanged(p.part), hidden: p.deltaCents === null })));
    shownBy.set(m, suppressSmallChanges(cells, k, lines));
  }
  const hideChange = (t: MeasureTotals): MeasureTotals => ({ ...t, hypothetical: null, delta: null, interval: null, farmYearsUp: null, farmYearsDown: null });
  const totals = (ts: readonly MeasureTotals[], key: string) => ts.map((t) => (t.delta !== null && !shownBy.get(t.measure)!.has(key) ? hideChange(t) : t));
  const groupTable = (table: keyof GroupTables): GroupCell<GroupFigures>[] =>
    report.groups[table].map((c) => (c.figures === null ? c : { ...c, figures: Object.fromEntries((Object.keys(GROUP_FIGURES) as (keyof GroupFigures)[]).map((f) => [f, shownBy.get(GROUP_FIGURES[f])!.has(`${table} ${c.group}`) ? c.figures![f] : null])) as GroupFigures }));
  return {
    totals: totals(report.totals, 'total'),
    byYear: report.byYear.map((y) => (y.suppressed ? y : { ...y, totals: totals(y.totals, `year ${y.year}`) })),
    parts: report.parts.map((p) => {
      const m = leviedParts.has(p.part) ? 'levyCents' : 'subsidyCents';
      return p.deltaCents !== null && !shownBy.get(m)!.has(`part ${p.part}`) ? { ...p, hypotheticalCents: null, deltaCents: null, farmYearsChanged: null } : p;
    }),
    groups: { byProvince: groupTable('byProvince'), byArea: groupTable('byArea'), bySoil: groupTable('bySoil'), byProvinceAndArea: groupTable('byProvinceAndArea') },
  };
};

/**
 * Per part (KPI or levy component), in one pass over the rows: official, scenario, change, farm-years changed;
 * and the places of those farm-years in the rows (for the suppression of changes: not a second pass, D75).
 */
const partsOf = (rows: readonly WhatIfFarmYear[]) => {
  const acc = new Map<string, { officialCents: number; hypotheticalCents: number; changedAt: number[] }>();
  // One visitor for every farm-year (the one at `i`), not a closure per farm-year.
  let i = 0;
  const visit = (part: string) => {
    const r = rows[i];
    const o = r.official.parts[part] ?? 0;
    const h = r.hypothetical.parts[part] ?? 0;
    let a = acc.get(part);
    if (!a) acc.set(part, (a = { officialCents: 0, hypotheticalCents: 0, changedAt: [] }));
    a.officialCents += o;
    a.hypotheticalCents += h;
    if (o !== h) a.changedAt.push(i);
  };
  for (; i < rows.length; i++) forEachKeyOf(rows[i].official.parts, rows[i].hypothetical.parts, visit);
  const parts = [...acc.keys()].sort(cmp).map((part) => {
    const a = acc.get(part)!;
    return { part, officialCents: a.officialCents, hypotheticalCents: a.hypotheticalCents, deltaCents: a.hypotheticalCents - a.officialCents, farmYearsChanged: a.changedAt.length };
  });
  return { parts, changedAt: new Map([...acc].map(([part, a]) => [part, a.changedAt])) };
};

/** Tier 1 is the best; 0 (no tier) or no figure is below every tier. */
const rank = (t: number | undefined) => (t === undefined || t === 0 ? Number.MAX_SAFE_INTEGER : t);

/** Per KPI (and land use), in one pass: farm-years per tier number, official and scenario, and how many moved. */
const tiersOf = (rows: readonly WhatIfFarmYear[]) => {
  const acc = new Map<string, { better: number; worse: number; byTier: Map<number, { official: number; hypothetical: number }> }>();
  // One visitor for every farm-year (`r`), not a closure per farm-year.
  let r: WhatIfFarmYear = rows[0];
  const visit = (part: string) => {
    let a = acc.get(part);
    if (!a) acc.set(part, (a = { better: 0, worse: 0, byTier: new Map() }));
    const o = Object.hasOwn(r.official.tiers, part) ? r.official.tiers[part] : undefined;
    const h = Object.hasOwn(r.hypothetical.tiers, part) ? r.hypothetical.tiers[part] : undefined;
    if (rank(h) < rank(o)) a.better++;
    if (rank(h) > rank(o)) a.worse++;
    // Counted in place: the entries of a tier are this function's own.
    if (o !== undefined) {
      const c = a.byTier.get(o) ?? a.byTier.set(o, { official: 0, hypothetical: 0 }).get(o)!;
      c.official++;
    }
    if (h !== undefined) {
      const c = a.byTier.get(h) ?? a.byTier.set(h, { official: 0, hypothetical: 0 }).get(h)!;
      c.hypothetical++;
    }
  };
  for (r of rows) forEachKeyOf(r.official.tiers, r.hypothetical.tiers, visit);
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
  // Per levy component, in one pass: farm-years newly above its levy-free level and no longer above it.
  const crossings = new Map<string, { newly: number; noLonger: number }>();
  for (const r of rows) {
    forEachKeyOf(r.official.levied, r.hypothetical.levied, (part) => {
      let c = crossings.get(part);
      if (!c) crossings.set(part, (c = { newly: 0, noLonger: 0 }));
      if (!r.official.levied[part] && r.hypothetical.levied[part]) c.newly++;
      else if (r.official.levied[part] && !r.hypothetical.levied[part]) c.noLonger++;
    });
  }
  const leviedNames = [...crossings.keys()].sort(cmp);
  const changing = rows.filter((r) => r.samples.some((s) => s.subsidyCents !== r.hypothetical.subsidyCents || s.levyCents !== r.hypothetical.levyCents)).length;
  const blocked = (o: FarmYearOutcome) => o.blocking.length > 0;
  const n = rows.length;
  const budgetOf = (b: (typeof input.budgets)[number], earned: Readonly<{ o: number; h: number }> | null, changeShown: boolean) => ({
    scheme: b.scheme, year: b.year, ceilingCents: b.ceilingCents, reservedCents: b.reservedCents,
    officialCents: earned ? earned.o : null, hypotheticalCents: earned && changeShown ? earned.h : null,
    reservedSharePct: pct(b.reservedCents, b.ceilingCents), officialSharePct: earned ? pct(earned.o, b.ceilingCents) : null, hypotheticalSharePct: earned && changeShown ? pct(earned.h, b.ceilingCents) : null,
  });
  const rowGroups = rowGroupsOf(rows);
  const deltas = rowDeltasOf(rows);
  // Below the minimum the run's population is itself a small group: only what the analyst asked is shown.
  if (n > 0 && n < k) {
    return {
      scenario: input.scenario, logPosition: input.logPosition, changes: input.changes, minGroupSize: k, belowMinimum: true,
      counts: { farmYears: null, withOfficialResult: null, withoutOfficialResult: null, farmYearsChangingWithinMargin: null, samples },
      totals: [], byYear: [], parts: [], levyFreeLevel: [], tiers: [], findings: { farmYearsNewlyBlocked: null, farmYearsNoLongerBlocked: null },
      budget: input.budgets.map((b) => budgetOf(b, null, false)),
      groups: groupTables(rowGroups, deltas, k), distribution: [], farms: [],
    };
  }
  const recorded = countsShown(n, { with: rows.filter((r) => r.recorded).length }, k);
  // The rows are sorted by year: each year's rows are one run of them.
  const perYear: WhatIfFarmYear[][] = years.map(() => []);
  const yearPlaces: number[][] = years.map(() => []);
  for (let i = 0, y = 0; i < n; i++) {
    while (rows[i].year !== years[y]) y++;
    perYear[y].push(rows[i]);
    yearPlaces[y].push(i);
  }
  const yearAt = new Map(years.map((year, y) => [String(year), yearPlaces[y]]));
  const partsByName = partsOf(rows);
  const values = measureValuesOf(rows);
  const yearShown = suppressSmallCounts(years.map((year, i) => ({ key: String(year), size: perYear[i].length })), k).shown;
  const byYearCounted = years.map((year, i) => {
    const rs = perYear[i];
    return yearShown.has(String(year))
      ? { year, farmYears: rs.length, suppressed: false, totals: disclosedTotals(totalsOf(measureSums(values, yearPlaces[i][0], yearPlaces[i][0] + rs.length), sampleTotals(rs)), rs.length, k) }
      : { year, farmYears: null, suppressed: true, totals: [] };
  });
  const { totals, byYear, parts, groups } = withComplementaryChanges(rows, k, new Set(leviedNames), { values, groups: rowGroups, years: yearAt, partsChanged: partsByName.changedAt }, {
    totals: disclosedTotals(totalsOf(measureSums(values, 0, n), sampleTotals(rows)), n, k),
    byYear: byYearCounted,
    parts: partsByName.parts.map((p) => {
      const { changed } = countsShown(n, { changed: p.farmYearsChanged }, k);
      return changed === null ? { ...p, hypotheticalCents: null, deltaCents: null, farmYearsChanged: null } : p;
    }),
    groups: groupTables(rowGroups, deltas, k),
  });
  const distribution = histogram(Array.from(deltas.subsidy, (d, i) => d - deltas.levy[i]), k);
  // farms[] would give away whatever the report hides of the amounts: listed only when it hides none of them (D69).
  const hidesAmounts =
    recorded.with === null ||
    [totals, ...byYear.map((y) => y.totals)].some((ts) => ts.some((t) => t.delta === null)) ||
    byYear.some((y) => y.suppressed) ||
    parts.some((p) => p.deltaCents === null) ||
    Object.values(groups).some((cells) => cells.some((c) => c.suppressed || Object.values(c.figures ?? {}).some((f) => f === null))) ||
    distribution.some((b) => b.farmYears === null);
  const withinMargin = countsShown(n, { changing }, k);
  const findings = countsShown(n, { newly: rows.filter((r) => !blocked(r.official) && blocked(r.hypothetical)).length, noLonger: rows.filter((r) => blocked(r.official) && !blocked(r.hypothetical)).length }, k);
  return {
    scenario: input.scenario,
    logPosition: input.logPosition,
    changes: input.changes,
    minGroupSize: k,
    belowMinimum: false,
    counts: {
      farmYears: n,
      withOfficialResult: recorded.with,
      withoutOfficialResult: recorded.with === null ? null : n - recorded.with,
      farmYearsChangingWithinMargin: withinMargin.changing,
      samples,
    },
    totals,
    byYear,
    parts,
    levyFreeLevel: leviedNames.map((part) => {
      const crossed = countsShown(n, crossings.get(part)!, k);
      return { part, farmYearsNewlyLevied: crossed.newly, farmYearsNoLongerLevied: crossed.noLonger };
    }),
    tiers: tiersOf(rows).map((t) => {
      // Each column (official, scenario) is a table of the KPI's farm-years by tier; the moves are counts of them too.
      const column = (pick: (b: (typeof t.byTier)[number]) => number) => suppressSmallCounts(t.byTier.map((b) => ({ key: String(b.tier), size: pick(b) })), k).shown;
      const official = column((b) => b.official);
      const hypothetical = column((b) => b.hypothetical);
      const moved = countsShown(t.byTier.reduce((sum, b) => sum + b.official, 0), { better: t.farmYearsBetter, worse: t.farmYearsWorse }, k);
      return {
        part: t.part, farmYearsBetter: moved.better, farmYearsWorse: moved.worse,
        byTier: t.byTier.map((b) => ({ tier: b.tier, official: official.has(String(b.tier)) ? b.official : null, hypothetical: hypothetical.has(String(b.tier)) ? b.hypothetical : null })),
      };
    }),
    findings: { farmYearsNewlyBlocked: findings.newly, farmYearsNoLongerBlocked: findings.noLonger },
    budget: input.budgets.map((b) => {
      const rs = perYear[years.indexOf(b.year)] ?? [];
      const prefix = `${b.scheme}/`;
      // The scheme's parts summed in the record's key order from 0, as `sum` of the filtered entries did (the same doubles), without an entry array per farm-year.
      const part = (o: FarmYearOutcome) => {
        let c = 0;
        for (const p in o.parts) if (Object.hasOwn(o.parts, p) && p.startsWith(prefix)) c += o.parts[p];
        return c;
      };
      // Earned is the subsidy of the year's farm-years: shown as the year is; in the scenario, as the year's subsidy change is.
      const year = byYear.find((y) => y.year === b.year);
      if (!rs.length || !year) return budgetOf(b, { o: 0, h: 0 }, true);
      if (year.suppressed) return budgetOf(b, null, false);
      let o = 0;
      let h = 0;
      for (const r of rs) {
        o += part(r.official);
        h += part(r.hypothetical);
      }
      return budgetOf(b, { o, h }, year.totals.find((t) => t.measure === 'subsidyCents')?.delta !== null);
    }),
    groups,
    distribution,
    farms: (hidesAmounts ? [] : rows).map((r) => ({
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
  // A figure one report suppresses stays suppressed in the comparison, and so does the difference with it.
  measures: a.totals.map((t) => {
    const other = b ? b.totals.find((x) => x.measure === t.measure) ?? null : null;
    const bValue = b ? (other?.hypothetical ?? null) : t.official;
    return { measure: t.measure, unit: t.unit, a: t.hypothetical, aInterval: t.interval, b: bValue, bInterval: other?.interval ?? null, difference: t.hypothetical === null || bValue === null ? null : Math.round((t.hypothetical - bValue) * 100) / 100 };
  }),
});
export type WhatIfComparison = ReturnType<typeof compareWhatIfReports>;
