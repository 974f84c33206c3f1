import { LAND_USE_SOURCE_PRECEDENCE_V1, type BalanceParameters } from './balance/balance-parameters';
import type { NormSetDocument } from './norms/norm-set';

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

export const domainUpcasters: readonly EventUpcaster[] = [
  { type: 'NormSetPublished', fromVersion: 1, upcast: withLandUsePrecedence },
  { type: 'NormSetAmended', fromVersion: 1, upcast: withLandUsePrecedence },
];
