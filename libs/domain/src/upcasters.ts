import { LAND_USE_SOURCE_PRECEDENCE_V1, type BalanceParameters } from './balance/balance-parameters';
import type { NormSetDocument } from './norms/norm-set';
import { ALLOWED_FERTILISER_KINDS_2017, evidenceRequired2017For, ROW_FERTILISATION_CROPS_2017, type EquivalentMeasuresNorms } from './equivalent-measures/equivalent-measures-norms';

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
 * Schema 3 of NormSetPublished / NormSetAmended: a usage-norms document states the evidence each crop
 * needs, the fertiliser kinds each measure allows and the crops of row fertilisation (D42). A
 * document recorded before carried none of them (the code asked every crop for one proof, allowed
 * every fertiliser and named maize itself — the first two contrary to seed 004); the upcast adds the rules of seed 004 for the crops of its own tables — for the shipped
 * version 1 exactly what the shipped document now holds — so an existing data directory decides
 * the next registration by the source, and publishes nothing new. Every other document passes unchanged.
 */
const withEvidenceAndFertiliserRules = <D extends { document: NormSetDocument }>(data: D): D => {
  const doc = data.document;
  const p = doc?.parameters as Partial<EquivalentMeasuresNorms> | null | undefined;
  if (doc?.kind !== 'usage-norms' || p === null || typeof p !== 'object' || (p.evidenceRequired && p.allowedFertiliserKinds && p.rowFertilisationCrops)) return data;
  const parameters = {
    ...p,
    ...(p.rowFertilisationCrops ? {} : { rowFertilisationCrops: ROW_FERTILISATION_CROPS_2017 }),
    ...(p.evidenceRequired ? {} : { evidenceRequired: evidenceRequired2017For(p as EquivalentMeasuresNorms) }),
    ...(p.allowedFertiliserKinds ? {} : { allowedFertiliserKinds: ALLOWED_FERTILISER_KINDS_2017 }),
  };
  return { ...data, document: { ...doc, parameters } };
};

export const domainUpcasters: readonly EventUpcaster[] = [
  { type: 'NormSetPublished', fromVersion: 1, upcast: withLandUsePrecedence },
  { type: 'NormSetAmended', fromVersion: 1, upcast: withLandUsePrecedence },
  { type: 'NormSetPublished', fromVersion: 2, upcast: withEvidenceAndFertiliserRules },
  { type: 'NormSetAmended', fromVersion: 2, upcast: withEvidenceAndFertiliserRules },
];
