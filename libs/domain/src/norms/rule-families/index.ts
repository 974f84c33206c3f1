import type { NormSetKind } from '../norm-set';
import { balanceParametersFamily } from './balance-parameters.family';
import { checkTolerancesFamily } from './check-tolerances.family';
import { indicatorCatalogueFamily } from './indicator-catalogue.family';
import { levyFamily } from './levy.family';
import type { RuleFamily } from './rule-family';
import { schemeScoringFamily } from './scheme-scoring.family';
import { usageNormsFamily } from './usage-norms.family';

export * from './rule-family';

/**
 * The rule families by norm-set kind (issue 13): the one place that says what each kind validates,
 * recomputes, reopens and varies. A `Record` over the closed kind union, so a new kind does not
 * compile until its family is written.
 */
export const RULE_FAMILIES: Readonly<Record<NormSetKind, RuleFamily<any, any>>> = {
  'scheme-scoring': schemeScoringFamily,
  levy: levyFamily,
  'check-tolerances': checkTolerancesFamily,
  'balance-parameters': balanceParametersFamily,
  'usage-norms': usageNormsFamily,
  'indicator-catalogue': indicatorCatalogueFamily,
};

/** The norm-set kinds, in the registry's order. */
export const NORM_SET_KINDS = Object.keys(RULE_FAMILIES) as readonly NormSetKind[];

export const ruleFamily = (kind: NormSetKind): RuleFamily<any, any> => RULE_FAMILIES[kind];

/** The family whose recorded results an event type holds (ScoreCalculated → scheme scoring), if any. */
export const ruleFamilyRecordedBy = (eventType: string): RuleFamily<any, any> | null =>
  Object.values(RULE_FAMILIES).find((f) => f.recorded?.eventTypes.includes(eventType)) ?? null;
