import type { NormSetDocument, NormSetKind } from '../norm-set';
import { checkDataSourcesDeclared, checkIndicatorsDeclared, SHIPPED_DATA_SOURCES, SHIPPED_INDICATOR_VOCABULARY, type IndicatorVocabulary } from '../indicator-catalogue';
import { assertNoReservedKeys } from '../parameter-paths';
import { checkEffectivePeriod } from '../validate-norm-set';
import { invalidField as invalid, isPlainObject } from '../../shared/guards';
import { NORM_SET_KINDS, ruleFamily } from './index';
import { misnaming } from './own-id';

const ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

const text = (v: unknown, field: string, max: number): string =>
  typeof v === 'string' && v.trim().length > 0 && v.length <= max ? v : invalid('INVALID_STRING', `${field} must be a non-empty text of at most ${max} characters`, field);

/**
 * Refuses a malformed document with a code and the path of the offending field (D31); the parameters
 * are checked by the `validate` of the kind's rule family. Every indicator it names must be declared
 * in `vocabulary`, every data source in `sources` (by default the shipped catalogue's; the ledger
 * passes what the published catalogues declare, D40).
 */
export const validateNormSet = (
  doc: NormSetDocument,
  extra: Partial<Record<NormSetKind, (p: any) => void>> = {},
  vocabulary: IndicatorVocabulary = SHIPPED_INDICATOR_VOCABULARY,
  sources: readonly string[] = SHIPPED_DATA_SOURCES,
): void => {
  const d = isPlainObject(doc) ? doc : invalid('INVALID_OBJECT', 'document must be an object', 'document');
  if (typeof d.normSetId !== 'string' || !ID.test(d.normSetId)) invalid('INVALID_NORM_SET_ID', 'normSetId must be lower-case letters, digits and dashes', 'normSetId');
  if (typeof d.kind !== 'string' || !NORM_SET_KINDS.includes(d.kind as NormSetKind)) {
    invalid('UNKNOWN_KIND', `${typeof d.kind === 'string' ? d.kind : `a ${d.kind === null ? 'null' : typeof d.kind}`} is not one of ${NORM_SET_KINDS.join(', ')}`, 'kind');
  }
  const kind = d.kind as NormSetKind;
  if (!Number.isSafeInteger(d.version) || (d.version as number) < 1) invalid('INVALID_VERSION', 'version must be a whole number from 1', 'version');
  text(d.title, 'title', 2000);
  if (typeof d.legalBasis !== 'string' || !d.legalBasis.trim()) invalid('MISSING_LEGAL_BASIS', 'a norm set names its legal basis', 'legalBasis');
  checkEffectivePeriod(d.effectiveFrom, d.effectiveTo);
  assertNoReservedKeys(d.parameters, 'parameters');
  ruleFamily(kind).validate(d.parameters);
  checkIndicatorsDeclared(doc, vocabulary);
  checkDataSourcesDeclared(doc, sources);
  // A scheme or a levy is its norm set: the routes carry the norm-set id, while the amendment reactor and the
  // what-if follow the id inside the parameters. One that named another would have its amendments reopen
  // that other scheme's scores or levy's assessments, and its what-if figures filed under the other's name.
  const misnamed = misnaming(doc);
  if (misnamed) invalid('ID_MISMATCH', `parameters.${misnamed.parameter} must be the norm set's own id, ${d.normSetId}`, `parameters.${misnamed.parameter}`);
  (Object.hasOwn(extra, kind) ? extra[kind] : undefined)?.(d.parameters);
};
