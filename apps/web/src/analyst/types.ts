/** What the what-if API (D51/D52) answers, as far as the analyst's pages read it. */
export type RunSummary = Readonly<{ farmYears: number; subsidyDeltaCents: number; levyDeltaCents: number; nSurplusDeltaKg: number }>;
export type RunView = Readonly<{ runId: string; logPosition: number; requestedBy: string; requestedAt: string; completedAt: string | null; reportSha256: string | null; summary: RunSummary | null }>;
export type ScenarioBody = Readonly<{
  name: string;
  years: { from: number; to: number };
  drafts: Array<{ normSetId: string; changes: Array<{ path: string; value: unknown }> }>;
  simplifications?: Array<{ indicator: string; qualities: string[]; value: number }>;
  uncertainty?: { samples: number; seed: number };
}>;
export type ScenarioView = Readonly<{ scenarioId: string; name: string; scenario: ScenarioBody; draftedBy: string; draftedAt: string; runs: RunView[] }>;
export type RunStatus = Readonly<{ runId: string; state: 'waiting' | 'active' | 'completed' | 'failed' | 'delayed'; progress: { done: number; total: number; message?: string } | null; failedReason: string | null }>;
export type Interval = Readonly<{ low: number; high: number }> | null;
export type MeasureTotals = Readonly<{ measure: string; unit: string; official: number; hypothetical: number; delta: number; interval: Interval; farmYearsUp: number; farmYearsDown: number }>;
export type GroupCell = Readonly<{ group: string; farmYears: number | null; suppressed: boolean; figures: { subsidyDeltaCents: number; levyDeltaCents: number; nSurplusDeltaKg: number } | null }>;
export type WhatIfReport = Readonly<{
  scenario: ScenarioBody;
  logPosition: number;
  changes: Array<{ normSetId: string; year: number; baseVersion: number; path: string; from: unknown; to: unknown }>;
  minGroupSize: number;
  counts: { farmYears: number; withOfficialResult: number; withoutOfficialResult: number; farmYearsChangingWithinMargin: number; samples: number };
  totals: MeasureTotals[];
  byYear: Array<{ year: number; farmYears: number; totals: MeasureTotals[] }>;
  parts: Array<{ part: string; officialCents: number; hypotheticalCents: number; deltaCents: number; farmYearsChanged: number }>;
  levyFreeLevel: Array<{ part: string; farmYearsNewlyLevied: number; farmYearsNoLongerLevied: number }>;
  tiers: Array<{ part: string; farmYearsBetter: number; farmYearsWorse: number; byTier: Array<{ tier: number; official: number; hypothetical: number }> }>;
  findings: { farmYearsNewlyBlocked: number; farmYearsNoLongerBlocked: number };
  budget: Array<{ scheme: string; year: number; ceilingCents: number; officialCents: number; hypotheticalCents: number; officialSharePct: string; hypotheticalSharePct: string }>;
  groups: { byProvince: GroupCell[]; byArea: GroupCell[]; byProvinceAndArea: GroupCell[] };
  distribution: Array<{ fromCents: number; toCents: number; farmYears: number | null }>;
}>;
export type Comparison = Readonly<{
  a: { name: string; logPosition: number };
  b: { name: string; logPosition: number };
  measures: Array<{ measure: string; unit: string; a: number; aInterval: Interval; b: number; bInterval: Interval; difference: number }>;
}>;
