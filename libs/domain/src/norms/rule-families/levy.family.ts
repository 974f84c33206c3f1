import { checkLevyParameters } from '../validate-norm-set';
import { assessLevy, type LevyAssessment, type LevyInputs } from '../../levy/assess-levy';
import type { LevyNorms } from '../../levy/levy-norms';
import { noWhatIfRefusal, type RuleFamily } from './rule-family';

/** Levies: one engine for every levy document; an amendment reopens the levy's open assessments. */
export const levyFamily: RuleFamily<LevyNorms, LevyInputs, LevyAssessment> = {
  kind: 'levy',
  validate: checkLevyParameters,
  recompute: (inputs, document) => assessLevy(inputs, document),
  openResults: (document) => ({ results: 'levies', keyPrefix: `${document.parameters.levyId}:` }),
  reassess: 'reassess-levy',
  whatIf: { recomputes: 'levy' },
  refuseWhatIfChange: noWhatIfRefusal,
};
