import type { Answer, ItemOf, RequestBody } from '../api-types';

/** What the what-if API (D51/D52) answers and takes: the scenario and its runs from the generated types (D80). */
export type ScenarioBody = RequestBody<'/what-if/scenarios'>;
export type ScenarioView = ItemOf<'/what-if/scenarios'>;
export type RunView = ScenarioView['runs'][number];
/** Null where the report suppresses the figure (small counts, D69). */
export type RunSummary = NonNullable<RunView['summary']>;
export type RunStatus = Answer<'/what-if/runs/{runId}'>;
export type WhatIfReport = Answer<'/what-if/runs/{runId}/report'>;
/** Every figure below may be null: suppressed by the API (small counts, D61/D69); the page shows it as not shown, never derives it. */
export type MeasureTotals = WhatIfReport['totals'][number];
export type Interval = MeasureTotals['interval'];
export type GroupCell = WhatIfReport['groups']['byProvince'][number];
export type Comparison = Answer<'/what-if/comparison'>;
