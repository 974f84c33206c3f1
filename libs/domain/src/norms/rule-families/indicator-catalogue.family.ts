import { checkIndicatorCatalogue } from '../validate-norm-set';
import { noWhatIfRefusal, type RuleFamily } from './rule-family';

/** The indicator vocabulary (D40): it computes no result, so there is nothing to recompute or vary. */
export const indicatorCatalogueFamily: RuleFamily = {
  kind: 'indicator-catalogue',
  validate: checkIndicatorCatalogue,
  recorded: null,
  recompute: null,
  openResults: null,
  reassess: null,
  whatIf: { recomputes: 'nothing', reason: 'the indicator catalogue declares a vocabulary and computes no result' },
  resultParts: null,
  refuseWhatIfChange: noWhatIfRefusal,
};
