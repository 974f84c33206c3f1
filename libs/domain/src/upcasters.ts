import { LAND_USE_SOURCE_PRECEDENCE_V1, UNCERTAINTY_PCT_BY_QUALITY_V1, type BalanceParameters } from './balance/balance-parameters';
import type { NormSetDocument } from './norms/norm-set';
import type { SchemeNorms } from './score/scheme-norms';
import type { LevyNorms } from './levy/levy-norms';
import { AWB_OBJECTIONS } from './levy/shipped-levies';
import { DRENTHE_2025_KPI_SOURCES } from './score/drenthe-2025.norm-set';
import { MODEL_UNRECORDED } from './submission/balance-data';

/** The dispute procedure a scheme document published before D36 is read with (the shipped drenthe-2025 values). */
export const DISPUTES_BEFORE_D36: SchemeNorms['disputes'] = { decidedBy: 'calculator', decisionDays: 42 };
/** The objection procedure a levy document published before D36 is read with: the Awb's six weeks. */
export const OBJECTIONS_BEFORE_D36: LevyNorms['objections'] = AWB_OBJECTIONS;
import { ALLOWED_FERTILISER_KINDS_2017, evidenceRequired2017For, ROW_FERTILISATION_CROPS_2017, type EquivalentMeasuresNorms } from './equivalent-measures/equivalent-measures-norms';
import { DRENTHE_2025_CLOSURE, DRENTHE_2025_ELIGIBILITY } from './score/drenthe-2025.norm-set';

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

/**
 * Schema 4 of NormSetPublished / NormSetAmended: a usage-norms document states the evidence each crop
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

/**
 * Schema 5 of NormSetPublished / NormSetAmended (D38, D39): a scheme-scoring document states its
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

/**
 * Schema 6 of NormSetPublished / NormSetAmended (D46): a scheme's KPI may name the sources it takes
 * its indicators from. The shipped `drenthe-2025` names Bijlage I's sources (seed 003, "Definities en
 * bron van de KPI's"); a drenthe-2025 document recorded before, whose KPIs name none, is read with
 * them — for version 1 exactly what the shipped document now holds, so an existing data directory and
 * a fresh one score a new calculation alike. Other scheme documents keep no per-KPI sources: their
 * KPIs take the balance parameters' indicator precedence, as every KPI did before. Recorded scores
 * are recomputed from the values they recorded, so no recomputation changes.
 */
const withBijlageISources = <D extends { document: NormSetDocument }>(data: D): D => {
  const doc = data.document;
  const p = doc?.parameters as { kpis?: unknown } | null | undefined;
  if (doc?.kind !== 'scheme-scoring' || doc.normSetId !== 'drenthe-2025' || !p || !Array.isArray(p.kpis)) return data;
  const kpis = p.kpis as Array<Record<string, unknown> | null>;
  if (kpis.some((k) => k && typeof k === 'object' && Object.hasOwn(k, 'sources'))) return data;
  const withSources = kpis.map((k) =>
    k && typeof k === 'object' && typeof k.id === 'string' && Object.hasOwn(DRENTHE_2025_KPI_SOURCES, k.id) ? { ...k, sources: DRENTHE_2025_KPI_SOURCES[k.id] } : k,
  );
  return { ...data, document: { ...doc, parameters: { ...(doc.parameters as object), kpis: withSources } } };
};

/**
 * Schema 2 of BalanceDataSubmitted / BalanceDataCorrected (D45): a submission says which model (and
 * version) computed its figures, or `none`. One recorded before did not say: it is read with
 * `model: 'unrecorded'` and no version, so a score's provenance shows that the model is not known
 * rather than claiming one.
 */
const withModelUnrecorded = <D extends Record<string, unknown>>(data: D): D =>
  data && typeof data === 'object' && !Object.hasOwn(data, 'model') ? { ...data, model: MODEL_UNRECORDED } : data;

/**
 * Schema 7 of NormSetPublished / NormSetAmended (D51): the balance parameters declare a margin per
 * data-quality class (the letter's *onzekerheidsmarge*), which a what-if samples within. A document
 * recorded before declares none and is read with the margins the shipped version 1 now holds, so an
 * old and a fresh data directory sample alike. Nothing recorded is computed from them.
 */
const withUncertaintyMargins = <D extends { document: NormSetDocument }>(data: D): D => {
  const doc = data.document;
  const p = doc?.parameters as Partial<BalanceParameters> | null | undefined;
  if (doc?.kind !== 'balance-parameters' || !p || typeof p !== 'object' || Object.hasOwn(p, 'uncertaintyPctByQuality')) return data;
  return { ...data, document: { ...doc, parameters: { ...p, uncertaintyPctByQuality: UNCERTAINTY_PCT_BY_QUALITY_V1 } } };
};

/**
 * Schema 2 of SubsidyApplicationSubmitted / SubsidyApplicationSupplemented (D63): the authorisation
 * the scheme requires for its monitoring is `dataAuthorisationId`; before, the generic application
 * carried the Drenthe name `wurAuthorisationId`. Same value, new name; an event without it passes unchanged.
 */
const withDataAuthorisationId = <D extends Record<string, unknown>>(data: D): D => {
  if (!data || typeof data !== 'object' || !Object.hasOwn(data, 'wurAuthorisationId')) return data;
  const { wurAuthorisationId, ...rest } = data as D & { wurAuthorisationId?: unknown };
  return { ...rest, dataAuthorisationId: wurAuthorisationId } as unknown as D;
};

export const domainUpcasters: readonly EventUpcaster[] = [
  { type: 'BalanceDataSubmitted', fromVersion: 1, upcast: withModelUnrecorded },
  { type: 'BalanceDataCorrected', fromVersion: 1, upcast: withModelUnrecorded },
  { type: 'NormSetPublished', fromVersion: 1, upcast: withLandUsePrecedence },
  { type: 'NormSetAmended', fromVersion: 1, upcast: withLandUsePrecedence },
  { type: 'NormSetPublished', fromVersion: 2, upcast: withProcedureDeadlines },
  { type: 'NormSetAmended', fromVersion: 2, upcast: withProcedureDeadlines },
  { type: 'NormSetPublished', fromVersion: 3, upcast: withEvidenceAndFertiliserRules },
  { type: 'NormSetAmended', fromVersion: 3, upcast: withEvidenceAndFertiliserRules },
  { type: 'NormSetPublished', fromVersion: 4, upcast: withSchemeMoneyRules },
  { type: 'NormSetAmended', fromVersion: 4, upcast: withSchemeMoneyRules },
  { type: 'NormSetPublished', fromVersion: 5, upcast: withBijlageISources },
  { type: 'NormSetAmended', fromVersion: 5, upcast: withBijlageISources },
  { type: 'NormSetPublished', fromVersion: 6, upcast: withUncertaintyMargins },
  { type: 'NormSetAmended', fromVersion: 6, upcast: withUncertaintyMargins },
  { type: 'SubsidyApplicationSubmitted', fromVersion: 1, upcast: withDataAuthorisationId },
  { type: 'SubsidyApplicationSupplemented', fromVersion: 1, upcast: withDataAuthorisationId },
];
