import { checkBalanceParameters } from '../validate-norm-set';
import type { BalanceParameters } from '../../balance/balance-parameters';
import type { RuleFamily } from './rule-family';

/**
 * Balance parameters: the balance is computed on read (D30), so nothing is recorded to recompute or
 * reopen. A what-if recomputes the farm-gate balance from the flows each farm-year's official
 * balance chose; which source a flow, an indicator or the land use is taken from is not recomputed
 * (the what-if keeps the official selection), so a precedence change is refused rather than
 * answered with "no effect" (as a KPI's sources, D46).
 */
const PRECEDENCES = ['flowSourcePrecedence', 'indicatorSourcePrecedence', 'landUseSourcePrecedence'] as const;

export const balanceParametersFamily: RuleFamily<BalanceParameters> = {
  kind: 'balance-parameters',
  validate: checkBalanceParameters,
  recorded: null,
  recompute: null,
  openResults: null,
  reassess: null,
  whatIf: { recomputes: 'balance' },
  resultParts: null,
  refuseWhatIfChange: (base, hypothetical) => PRECEDENCES.find((p) => JSON.stringify(base[p]) !== JSON.stringify(hypothetical[p])) ?? null,
};
