import type { Answer, ItemOf, RequestBody } from '../api-types';

/** What the what-if API (D51/D52) answers and takes: the scenario and its runs from the generated types (D80). */
export type ScenarioBody = RequestBody<'/what-if/scenarios'>;
export type ScenarioView = ItemOf<'/what-if/scenarios'>;
export type RunView = ScenarioView['runs'][number];
/** Null where the report suppresses the figure (small counts, D69). */
export type RunSummary = NonNullable<RunView['summary']>;
export type RunStatus = Answer<'/what-if/runs/{runId}'>;
/** The report's figures are still declared here: the report's schema (WhatIfReportView) leaves most of them as bare objects. */
export type Interval = Readonly<{ low: number; high: number }> | null;
/** Every figure below may be null: suppressed by the API (small counts, D61/D69); the page shows it as not shown, never derives it. */
export type MeasureTotals = Readonly<{ measure: string; unit: string; official: number; hypothetical: number | null; delta: number | null; interval: Interval; farmYearsUp: number | null; farmYearsDown: number | null }>;
export type GroupCell = Readonly<{ group: string; farmYears: number | null; suppressed: boolean; figures: { subsidyDeltaCents: number | null; levyDeltaCents: number | null; nSurplusDeltaKg: number | null } | null }>;
export type WhatIfReport = Readonly<{
  scenario: ScenarioBody;
  logPosition: number;
  changes: Array<{ normSetId: string; year: number; baseVersion: number; path: string; from: unknown; to: unknown }>;
  minGroupSize: number;
  belowMinimum: boolean;
  counts: { farmYears: number | null; withOfficialResult: number | null; withoutOfficialResult: number | null; farmYearsChangingWithinMargin: number | null; samples: number };
  totals: MeasureTotals[];
  byYear: Array<{ year: number; farmYears: number | null; suppressed: boolean; totals: MeasureTotals[] }>;
  parts: Array<{ part: string; officialCents: number; hypotheticalCents: number | null; deltaCents: number | null; farmYearsChanged: number | null }>;
  levyFreeLevel: Array<{ part: string; farmYearsNewlyLevied: number | null; farmYearsNoLongerLevied: number | null }>;
  tiers: Array<{ part: string; farmYearsBetter: number | null; farmYearsWorse: number | null; byTier: Array<{ tier: number; official: number | null; hypothetical: number | null }> }>;
  findings: { farmYearsNewlyBlocked: number | null; farmYearsNoLongerBlocked: number | null };
  budget: Array<{ scheme: string; year: number; ceilingCents: number; reservedCents: number; reservedSharePct: string; officialCents: number | null; hypotheticalCents: number | null; officialSharePct: string | null; hypotheticalSharePct: string | null }>;
  groups: { byProvince: GroupCell[]; byArea: GroupCell[]; bySoil: GroupCell[]; byProvinceAndArea: GroupCell[] };
  distribution: Array<{ fromCents: number; toCents: number; farmYears: number | null }>;
}>;
export type Comparison = Readonly<{
  a: { name: string; logPosition: number };
  b: { name: string; logPosition: number };
  measures: Array<{ measure: string; unit: string; a: number | null; aInterval: Interval; b: number | null; bInterval: Interval; difference: number | null }>;
}>;
