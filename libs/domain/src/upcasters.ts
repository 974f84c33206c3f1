import { LAND_USE_SOURCE_PRECEDENCE_V1, type BalanceParameters } from './balance/balance-parameters';
import type { NormSetDocument } from './norms/norm-set';
import { DRENTHE_2025_CLOSURE, DRENTHE_2025_ELIGIBILITY } from './scoring/drenthe-2025.norm-set';

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
 * Schema 3 of NormSetPublished / NormSetAmended (D38, D39): a scheme-scoring document states its
 * eligibility rules, its closure deadline and its de-minimis period. A `drenthe-2025` document
 * written before gets art. 1 and 4 of the regulation (in force from the start; the code did not check
 * them), the closure deadline shipped with D39 and the rolling period of Regulation 2024/3118 (in
 * force for every grant of the scheme, all made in 2025). Another scheme's document gets the fiscal
 * period its parameter then described and nothing else (no eligibility check, no closure). Documents
 * that state them pass unchanged.
 */
const withSchemeMoneyRules = <D extends { document: NormSetDocument }>(data: D): D => {
  const doc = data.document;
  if (doc?.kind !== 'scheme-scoring' || doc.parameters === null || typeof doc.parameters !== 'object') return data;
  const p = doc.parameters as Record<string, unknown> & { scheme?: unknown; deMinimis?: Record<string, unknown> };
  const drenthe = p.scheme === 'drenthe-2025';
  const needsPeriod = p.deMinimis !== null && typeof p.deMinimis === 'object' && p.deMinimis.period === undefined;
  const additions = {
    ...(drenthe && p.eligibility === undefined ? { eligibility: DRENTHE_2025_ELIGIBILITY } : {}),
    ...(drenthe && p.closure === undefined ? { closure: DRENTHE_2025_CLOSURE } : {}),
    ...(needsPeriod ? { deMinimis: { ...p.deMinimis, period: drenthe ? 'rolling' : 'fiscal' } } : {}),
  };
  if (!Object.keys(additions).length) return data;
  return { ...data, document: { ...doc, parameters: { ...p, ...additions } } };
};

export const domainUpcasters: readonly EventUpcaster[] = [
  { type: 'NormSetPublished', fromVersion: 1, upcast: withLandUsePrecedence },
  { type: 'NormSetAmended', fromVersion: 1, upcast: withLandUsePrecedence },
  { type: 'NormSetPublished', fromVersion: 2, upcast: withSchemeMoneyRules },
  { type: 'NormSetAmended', fromVersion: 2, upcast: withSchemeMoneyRules },
];
