/**
 * A norm set is a versioned parameter document: the rules' numbers live here, never in code.
 * Kinds: scheme scoring, levies, check tolerances, balance parameters, usage norms, the indicator catalogue.
 */
export type NormSetKind = 'scheme-scoring' | 'levy' | 'check-tolerances' | 'balance-parameters' | 'usage-norms' | 'indicator-catalogue';

/** Grounds an amendment may declare, and the rules a document states for them (D43; `amendment-rules.ts`). */
export type AmendmentGrounds = 'extreme-weather';
export type ChangeDirection = 'lower' | 'raise';
export type AmendmentRule = Readonly<{ mayChange: ReadonlyArray<Readonly<{ path: string; direction: ChangeDirection }>>; timesPerYear: number }>;
export type AmendmentRules = Readonly<Partial<Record<AmendmentGrounds, AmendmentRule>>>;

export type NormSetDocument<P = unknown> = Readonly<{
  normSetId: string;
  kind: NormSetKind;
  version: number;
  title: string;
  legalBasis: string;
  effectiveFrom: string;
  effectiveTo?: string;
  parameters: P;
  /** What amendments on declared grounds may do (D43); kept by every amended version. */
  amendmentRules?: AmendmentRules;
}>;

export type NormSetRef = Readonly<{ id: string; version: number }>;
export const normSetRef = (doc: NormSetDocument): NormSetRef => ({ id: doc.normSetId, version: doc.version });

/** One changed parameter: a JSON path into `parameters`, with its old and new value. */
/**
 * One parameter changed. `path` is where the value sits in the document (D31's index path: what the
 * amendment rules match and what replay needs); `name` is how the amendment named it (D61). Amendments
 * recorded before D61 carry no `name`: read them with `namedChange` against the version they amended.
 */
export type NormSetChange = Readonly<{ path: string; name?: string; from: unknown; to: unknown }>;
