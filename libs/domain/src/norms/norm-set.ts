/**
 * A norm set is a versioned parameter document: the rules' numbers live here, never in code.
 * Kinds: scheme scoring, levies, check tolerances, balance parameters, usage norms, the indicator catalogue.
 */
export type NormSetKind = 'scheme-scoring' | 'levy' | 'check-tolerances' | 'balance-parameters' | 'usage-norms' | 'indicator-catalogue';

export type NormSetDocument<P = unknown> = Readonly<{
  normSetId: string;
  kind: NormSetKind;
  version: number;
  title: string;
  legalBasis: string;
  effectiveFrom: string;
  effectiveTo?: string;
  parameters: P;
}>;

export type NormSetRef = Readonly<{ id: string; version: number }>;
export const normSetRef = (doc: NormSetDocument): NormSetRef => ({ id: doc.normSetId, version: doc.version });

/** One changed parameter: a JSON path into `parameters`, with its old and new value. */
export type NormSetChange = Readonly<{ path: string; from: unknown; to: unknown }>;
