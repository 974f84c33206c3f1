import { checkSchemeParameters } from '../validate-norm-set';
import type { SchemeNorms } from '../../score/scheme-norms';
import type { ScoreResult } from '../../score/score-scheme';
import { scoreRecordedInputs, type ScoreInputs } from '../../score/score';
import type { RuleFamily } from './rule-family';

/**
 * Scheme scoring: recorded scores are recomputed from the values they recorded; an amendment reopens
 * the scheme's scores; a what-if moves the subsidy. Changing which source a KPI reads is not
 * recomputable (D46): the what-if never selects the values again.
 */
export const schemeScoringFamily: RuleFamily<SchemeNorms, Omit<ScoreInputs, 'inputEventIds' | 'provenance'>, ScoreResult> = {
  kind: 'scheme-scoring',
  validate: checkSchemeParameters,
  recompute: (inputs, document) => scoreRecordedInputs(inputs, document),
  openResults: (document) => ({ results: 'scores', keyPrefix: `${document.parameters.scheme}:` }),
  reassess: 'recalculate-score',
  whatIf: { recomputes: 'subsidy' },
  refuseWhatIfChange: (base, hypothetical) => {
    const before = new Map(base.kpis.map((k) => [k.id, JSON.stringify(k.sources ?? null)]));
    const changed = hypothetical.kpis.find((k) => before.has(k.id) && before.get(k.id) !== JSON.stringify(k.sources ?? null));
    return changed ? `kpis[${changed.id}].sources` : null;
  },
};
