import { checkCheckTolerances } from '../validate-norm-set';
import type { CheckTolerances } from '../../checks/check-tolerances';
import { noWhatIfRefusal, type RuleFamily } from './rule-family';

/**
 * Check tolerances: findings are raised by the check reactor when data arrive, not reopened by an
 * amendment. A what-if counts the findings that would newly block forwarding.
 */
export const checkTolerancesFamily: RuleFamily<CheckTolerances> = {
  kind: 'check-tolerances',
  validate: checkCheckTolerances,
  recorded: null,
  recompute: null,
  openResults: null,
  reassess: null,
  whatIf: { recomputes: 'findings' },
  resultParts: null,
  refuseWhatIfChange: noWhatIfRefusal,
};
