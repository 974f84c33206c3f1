import { readActiveSubmissions, type ActiveSubmission } from '../balance/compute-balance';
import { checkSchemeParameters } from '../norms/validate-norm-set';
import { isDataSourceFormat, type DataSource, type QualityClass } from '../submission/data-source';
import { MODEL_UNRECORDED } from '../submission/balance-data';
import type { IndicatorKey } from '../submission/indicator-keys';
import { kpiIndicators, type SchemeNorms } from './scheme-norms';
import { invalidField, requireArray } from '../shared/guards';

/**
 * Where one indicator value of a score came from (D45/D46): the submission and the event that
 * recorded it, its source, its data-quality class, and the model and model version that computed it
 * (`none`: registered or measured, no model; `unrecorded`: submitted before models were recorded).
 */
export type IndicatorProvenance = Readonly<{
  indicator: IndicatorKey;
  value: number | boolean;
  source: DataSource;
  submissionId: string;
  eventId: string;
  quality: QualityClass;
  model: string;
  modelVersion?: string;
}>;

/**
 * Per KPI: which order of sources was applied — the KPI's own `sources` from the scheme's norm set, or
 * (a KPI that names none) the balance parameters' `indicatorSourcePrecedence` — and, per indicator
 * it read and found, where the value came from. An indicator no listed source delivered is missing
 * (the result lists it) and has no entry.
 */
export type KpiProvenance = Readonly<{
  sourcesFrom: 'kpi' | 'indicator-source-precedence';
  sources: readonly DataSource[];
  indicators: readonly IndicatorProvenance[];
}>;

export type SelectedIndicators = Readonly<{
  /** Every indicator value the score records: each KPI's from its sources, any other by the balance precedence. */
  indicators: Readonly<Record<IndicatorKey, number | boolean>>;
  provenance: Readonly<Record<string, KpiProvenance>>;
  /** The events that delivered the recorded values, sorted. */
  eventIds: readonly string[];
}>;

type Found = Omit<IndicatorProvenance, 'indicator'>;

/**
 * The value of `key` from the first source in `sources` that delivered it in an active submission —
 * of that source, the latest such submission (the rule the balance applies to every indicator, D12).
 */
const pick = (submissions: readonly ActiveSubmission[], key: IndicatorKey, sources: readonly DataSource[]): Found | undefined => {
  for (const source of sources) {
    const hit = submissions.filter((s) => s.data.source === source && s.data.indicators && Object.hasOwn(s.data.indicators, key) && s.data.indicators[key]).at(-1);
    if (!hit) continue;
    const v = hit.data.indicators![key]!;
    return {
      value: v.value,
      source,
      submissionId: hit.submissionId,
      eventId: hit.eventId,
      quality: v.quality,
      model: hit.data.model ?? MODEL_UNRECORDED,
      ...(hit.data.modelVersion !== undefined ? { modelVersion: hit.data.modelVersion } : {}),
    };
  }
  return undefined;
};

const readPrecedence = (raw: unknown): readonly DataSource[] =>
  requireArray(raw, 'indicatorSourcePrecedence').map((s, i) => (isDataSourceFormat(s) ? s : invalidField('INVALID_PRECEDENCE', `${String(s)} is not a data source id`, `indicatorSourcePrecedence.${i}`)));

/**
 * Which indicator values a score of a farm-year takes, and from where (D46): a KPI that names
 * `sources` takes each of its indicators from the first of them that delivered it (drenthe-2025.md:
 * Bijlage I names a source per KPI, e.g. crop rotation from the gecombineerde opgave); a KPI that
 * names none, and every indicator no KPI reads, follows the balance's `indicatorSourcePrecedence`
 * — the one global order of before, so a scheme without per-KPI sources scores as it did. Total over
 * recorded submissions (D31): what is malformed is a DomainError naming the field.
 */
export const selectScoreIndicators = (rawSubmissions: readonly ActiveSubmission[], norms: SchemeNorms, rawPrecedence: readonly DataSource[]): SelectedIndicators => {
  checkSchemeParameters(norms);
  const submissions = readActiveSubmissions(rawSubmissions, 'submissions');
  const precedence = readPrecedence(rawPrecedence);
  const indicators: Record<IndicatorKey, number | boolean> = {};
  const events = new Set<string>();
  const byKey = new Map<IndicatorKey, Found>();
  const allKeys = [...new Set(submissions.flatMap((s) => Object.keys(s.data.indicators ?? {})))].sort();
  for (const key of allKeys) {
    const found = pick(submissions, key, precedence);
    if (found) byKey.set(key, found);
  }
  const provenance: Record<string, KpiProvenance> = {};
  for (const rule of norms.kpis) {
    const own = rule.sources !== undefined;
    const sources = rule.sources ?? precedence;
    const found: IndicatorProvenance[] = [];
    for (const key of kpiIndicators(rule)) {
      const hit = own ? pick(submissions, key, sources) : byKey.get(key);
      if (hit) {
        byKey.set(key, hit);
        found.push({ indicator: key, ...hit });
      } else byKey.delete(key);
    }
    provenance[rule.id] = { sourcesFrom: own ? 'kpi' : 'indicator-source-precedence', sources, indicators: found };
  }
  for (const [key, hit] of [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    indicators[key] = hit.value;
    events.add(hit.eventId);
  }
  return { indicators, provenance, eventIds: [...events].sort() };
};
