import { LAND_USE_SOURCE_PRECEDENCE_V1, type BalanceParameters } from './balance/balance-parameters';
import type { NormSetDocument } from './norms/norm-set';
import type { SchemeNorms } from './scoring/scheme-norms';
import type { LevyNorms } from './levy/levy-norms';
import { AWB_OBJECTIONS } from './levy/shipped-levies';

/** The dispute procedure a scheme document published before D36 is read with (the shipped drenthe-2025 values). */
export const DISPUTES_BEFORE_D36: SchemeNorms['disputes'] = { decidedBy: 'calculator', decisionDays: 42 };
/** The objection procedure a levy document published before D36 is read with: the Awb's six weeks. */
export const OBJECTIONS_BEFORE_D36: LevyNorms['objections'] = AWB_OBJECTIONS;

/**
 * Data migrations between schema versions of domain events, as pure functions. The event store's
 * registry applies them on read. Each entry names the version it upgrades from.
 */
export type EventUpcaster = Readonly<{ type: string; fromVersion: number; upcast: (data: any) => unknown }>;

/**
 * Schema 2 of NormSetPublished / NormSetAmended: a balance-parameters document names its land-use
 * source precedence. Version 1 documents were applied with the precedence then written in code,
 * which the upcast states explicitly; every other document passes unchanged.
 */
const withLandUsePrecedence = <D extends { document: NormSetDocument }>(data: D): D => {
  const doc = data.document;
  if (doc?.kind !== 'balance-parameters' || (doc.parameters as Partial<BalanceParameters> | null)?.landUseSourcePrecedence) return data;
  return { ...data, document: { ...doc, parameters: { ...(doc.parameters as object), landUseSourcePrecedence: LAND_USE_SOURCE_PRECEDENCE_V1 } } };
};

/**
 * Schema 3 of NormSetPublished / NormSetAmended (D36): a scheme names who decides a dispute of a
 * score and within how many days; a levy names the objection period and the decision period.
 * Documents of schema 1 and 2 had none: the procedure then lived nowhere. They are read with the
 * shipped values — the general administrative law's six weeks held for those decisions whether or
 * not the document said so. Only disputes and assessments recorded from then on carry a due date
 * (the decider takes it from the command); nothing recorded before changes. Other kinds pass unchanged.
 */
const withProcedureDeadlines = <D extends { document: NormSetDocument }>(data: D): D => {
  const doc = data.document;
  const parameters = doc?.parameters as Record<string, unknown> | null | undefined;
  if (!parameters || typeof parameters !== 'object') return data;
  if (doc.kind === 'scheme-scoring' && !Object.hasOwn(parameters, 'disputes')) return { ...data, document: { ...doc, parameters: { ...parameters, disputes: DISPUTES_BEFORE_D36 } } };
  if (doc.kind === 'levy' && !Object.hasOwn(parameters, 'objections')) return { ...data, document: { ...doc, parameters: { ...parameters, objections: OBJECTIONS_BEFORE_D36 } } };
  return data;
};

export const domainUpcasters: readonly EventUpcaster[] = [
  { type: 'NormSetPublished', fromVersion: 1, upcast: withLandUsePrecedence },
  { type: 'NormSetAmended', fromVersion: 1, upcast: withLandUsePrecedence },
  { type: 'NormSetPublished', fromVersion: 2, upcast: withProcedureDeadlines },
  { type: 'NormSetAmended', fromVersion: 2, upcast: withProcedureDeadlines },
];
