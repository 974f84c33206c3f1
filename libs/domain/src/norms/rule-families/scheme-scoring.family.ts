import { checkSchemeParameters } from '../validate-norm-set';
import { kpiIndicators, type KpiRule, type SchemeNorms } from '../../score/scheme-norms';
import { scoreRecordedInputs, type ScoreCalculated, type ScoreInputs } from '../../score/score';
import type { RuleFamily } from './rule-family';

/** What a KPI reads besides its indicators: the area weighting reads land use and peat, a once-per-scheme KPI whether it was paid. */
const kpiReads = (rule: KpiRule): string[] => [
  ...kpiIndicators(rule),
  ...(rule.kind === 'areaWeighted' ? ['landUse', 'peatSharePct'] : rule.kind === 'oncePerScheme' ? ['priorBiodiversityPaid'] : []),
];

/**
 * Scheme scoring: recorded scores are recomputed from the values they recorded; an amendment reopens
 * the scheme's scores; a what-if moves the subsidy. Changing which source a KPI reads is not
 * recomputable (D46): the what-if never selects the values again.
 */
export const schemeScoringFamily: RuleFamily<SchemeNorms, Omit<ScoreInputs, 'inputEventIds' | 'provenance'>> = {
  kind: 'scheme-scoring',
  validate: checkSchemeParameters,
  recorded: {
    eventTypes: ['ScoreCalculated', 'ScoreRecalculated'],
    read: (data) => {
      const d = data as ScoreCalculated['data'];
      return { normSet: d.normSet, inputs: d.inputs, outcome: { totalCents: d.result.totalCents, parts: { ...d.result.kpis } } };
    },
  },
  recompute: (inputs, document) => {
    const r = scoreRecordedInputs(inputs, document);
    return { totalCents: r.totalCents, parts: { ...r.kpis } };
  },
  openResults: (document) => ({ results: 'scores', scheme: document.parameters.scheme }),
  reassess: 'recalculate-score',
  whatIf: { recomputes: 'subsidy' },
  resultParts: (p) => ({ frame: p.scheme, parts: p.kpis.map((rule) => ({ id: rule.id, rule, reads: kpiReads(rule) })) }),
  refuseWhatIfChange: (base, hypothetical) => {
    const before = new Map(base.kpis.map((k) => [k.id, JSON.stringify(k.sources ?? null)]));
    const changed = hypothetical.kpis.find((k) => before.has(k.id) && before.get(k.id) !== JSON.stringify(k.sources ?? null));
    return changed ? `kpis[${changed.id}].sources` : null;
  },
};
