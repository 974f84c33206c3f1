import type { NormSetKind } from '../norm-set';

/**
 * The parameter that names a scheme or a levy inside its own norm set (D82): the routes carry the norm-set
 * id, while the amendment reactor and the what-if follow this one. Kinds that name nothing have none.
 */
export const ownIdParameter = (kind: NormSetKind): 'scheme' | 'levyId' | null => (kind === 'scheme-scoring' ? 'scheme' : kind === 'levy' ? 'levyId' : null);

/**
 * What a norm set names itself inside when that is not its own id, or null when it names itself (or its kind
 * names nothing). A norm set published before D82 may be misnamed in the log: it stays as recorded.
 */
export const misnaming = (doc: { normSetId: string; kind: NormSetKind; parameters: unknown }): { parameter: 'scheme' | 'levyId'; names: unknown } | null => {
  const own = ownIdParameter(doc.kind);
  if (!own) return null;
  const names = (doc.parameters as Record<string, unknown> | null)?.[own];
  return names === doc.normSetId ? null : { parameter: own, names };
};
