import { checkUsageNorms } from '../validate-norm-set';
import { noWhatIfRefusal, type RuleFamily } from './rule-family';

/** Usage norms (equivalente maatregelen): decided per registration; no what-if outcome is computed from them yet. */
export const usageNormsFamily: RuleFamily = {
  kind: 'usage-norms',
  validate: checkUsageNorms,
  recorded: null,
  recompute: null,
  openResults: null,
  reassess: null,
  whatIf: { recomputes: 'nothing', reason: 'a what-if does not yet recompute farm-specific usage norms (equivalente maatregelen): their grants are decided per registration' },
  resultParts: null,
  refuseWhatIfChange: noWhatIfRefusal,
};
