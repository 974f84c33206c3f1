import type { NormSetDocument } from './norm-set';
import { RESERVED_KEYS } from './parameter-paths';
import { invalidField, isPlainObject, ownValue } from '../shared/guards';
import { BOOLEAN_INDICATORS, INDICATOR_KEYS } from '../submission/indicator-keys';
import { DATA_SOURCES } from '../submission/data-source';

/**
 * The indicator vocabulary is data (D40): a norm set of kind `indicator-catalogue` declares indicator
 * keys with their unit and value type; a scheme's KPIs, a levy's components and the checks' ranges may
 * name only declared keys, and a submission may carry only declared keys. The shipped catalogue
 * (`asb-indicators`) is the first publication, not a limit: a province or the ministry declares a new
 * indicator by publishing a catalogue document, no code. A catalogue may declare data sources the same
 * way (a soil laboratory of a pilot, say).
 */
export type IndicatorValueType = 'number' | 'boolean';
export type IndicatorDeclaration = Readonly<{ key: string; unit: string; valueType: IndicatorValueType; description?: string }>;
/** A source of farm data that may submit, be authorised and be named in a precedence or a scheme's required sources. */
export type DataSourceDeclaration = Readonly<{ id: string; title: string }>;
export type IndicatorCatalogue = Readonly<{ indicators: readonly IndicatorDeclaration[]; dataSources?: readonly DataSourceDeclaration[] }>;
/** Declared indicator key → its value type: what the ledger accepts now. */
export type IndicatorVocabulary = Readonly<Record<string, IndicatorValueType>>;

/** An indicator key: a camelCase name, optionally with one dotted sub-part (`nSoilSurplusKgHa.grassland`). */
export const INDICATOR_KEY_PATTERN = /^[a-z][A-Za-z0-9]{0,62}(\.[a-z][A-Za-z0-9]{0,62})?$/;

/** The format of an indicator key (never a reserved word in any part): what may be recorded at all. */
export const isIndicatorKeyFormat = (key: unknown): key is string =>
  typeof key === 'string' && INDICATOR_KEY_PATTERN.test(key) && !key.split('.').some((part) => RESERVED_KEYS.includes(part));

const SOURCE_TITLES: Readonly<Record<(typeof DATA_SOURCES)[number], string>> = {
  klw: 'KringloopWijzer (WUR, via ZuivelNL)',
  'gecombineerde-opgave': 'Gecombineerde opgave (RVO)',
  'scan-ict': 'SCAN-ICT',
  'clm-milieumeetlat': 'CLM Milieumeetlat',
  'dairy-processor': 'Dairy processor (milk deliveries)',
  'manure-transport-registry': 'Manure transport registry (RVO)',
};

const UNITS: Readonly<Record<(typeof INDICATOR_KEYS)[number], string>> = {
  nFarmSurplusKgHa: 'kg N/ha',
  'nSoilSurplusKgHa.grassland': 'kg N/ha',
  'nSoilSurplusKgHa.maize': 'kg N/ha',
  'nSoilSurplusKgHa.arable': 'kg N/ha',
  nh3KgHa: 'kg NH3/ha',
  nh3KgPerLivestockUnit: 'kg NH3/GVE',
  milkUreaMg100g: 'mg/100 g',
  ownLandProteinPct: '%',
  rationCrudeProteinGKgDm: 'g RE/kg DM',
  ghgGCo2eqKgFpcm: 'g CO2-eq/kg FPCM',
  'pesticideMbpHa.soilLife': 'MBP/ha',
  'pesticideMbpHa.surfaceWater': 'MBP/ha',
  'pesticideMbpHa.groundwater': 'MBP/ha',
  cropRotationIndex: '0..1',
  pSoilSurplusKgP2o5Ha: 'kg P2O5/ha',
  biodiversityPackagesSignedUp: 'yes/no',
  grazingHours: 'hours/year',
  p2o5FarmSurplusKgHa: 'kg P2O5/ha',
  nUsageKgHa: 'kg N/ha',
  nUsageNormKgHa: 'kg N/ha',
  p2o5UsageKgHa: 'kg P2O5/ha',
  p2o5UsageNormKgHa: 'kg P2O5/ha',
};

/** The shipped indicator catalogue: KLW's figures, drenthe-2025.md's inputs and the figures the checks compare. */
export const indicatorCatalogueV1: NormSetDocument<IndicatorCatalogue> = {
  normSetId: 'asb-indicators',
  kind: 'indicator-catalogue',
  version: 1,
  title: 'ASB indicator vocabulary: KringloopWijzer figures, Drenthe 2025 Bijlage I inputs, action-11 check figures',
  legalBasis: 'Actieagenda ASB, actions 1 and 11; Subsidieregeling Duurzaam Boeren Drenthe 2025, Bijlage I',
  effectiveFrom: '2000-01-01',
  parameters: {
    indicators: INDICATOR_KEYS.map((key) => ({ key, unit: UNITS[key], valueType: BOOLEAN_INDICATORS.includes(key) ? 'boolean' : 'number' })),
    dataSources: DATA_SOURCES.map((id) => ({ id, title: SOURCE_TITLES[id] })),
  },
};

/** The vocabulary the shipped catalogue declares (what a ledger knows before anything else is published). */
export const SHIPPED_INDICATOR_VOCABULARY: IndicatorVocabulary = vocabularyOf([indicatorCatalogueV1]);

/** The data sources the shipped catalogue declares. */
export const SHIPPED_DATA_SOURCES: readonly string[] = DATA_SOURCES;

/** The data sources catalogue documents declare, in the order declared. */
export const dataSourcesOf = (documents: readonly NormSetDocument[]): string[] => [
  ...new Set(documents.flatMap((doc) => (doc.kind === 'indicator-catalogue' ? ((doc.parameters as IndicatorCatalogue).dataSources ?? []).map((d) => d.id) : []))),
];

/** The union of what catalogue documents declare (the first declaration of a key wins; redeclaring with another type is refused at publication). */
export function vocabularyOf(documents: readonly NormSetDocument[]): IndicatorVocabulary {
  const vocabulary: Record<string, IndicatorValueType> = {};
  for (const doc of documents) {
    if (doc.kind !== 'indicator-catalogue') continue;
    for (const d of (doc.parameters as IndicatorCatalogue).indicators) if (!Object.hasOwn(vocabulary, d.key)) vocabulary[d.key] = d.valueType;
  }
  return vocabulary;
}

/** Every indicator key a norm set names, with the path of the field that names it. */
export const indicatorsUsedBy = (doc: NormSetDocument): Array<{ key: string; field: string }> => {
  const out: Array<{ key: string; field: string }> = [];
  const p = doc.parameters as Record<string, any>;
  if (!isPlainObject(p)) return out;
  const add = (key: unknown, field: string) => typeof key === 'string' && out.push({ key, field });
  if (doc.kind === 'scheme-scoring' && Array.isArray(p.kpis)) {
    p.kpis.forEach((k: any, i: number) => {
      add(k?.indicator, `parameters.kpis.${i}.indicator`);
      if (Array.isArray(k?.indicators)) k.indicators.forEach((key: unknown, j: number) => add(key, `parameters.kpis.${i}.indicators.${j}`));
      if (isPlainObject(k?.landUses)) for (const lu of Object.keys(k.landUses)) add((k.landUses[lu] as any)?.indicator, `parameters.kpis.${i}.landUses.${lu}.indicator`);
    });
  }
  if (doc.kind === 'levy' && Array.isArray(p.components)) p.components.forEach((c: any, i: number) => add(c?.indicator, `parameters.components.${i}.indicator`));
  const ranges: unknown = (p.plausibility as { ranges?: unknown } | undefined)?.ranges;
  if (doc.kind === 'check-tolerances' && isPlainObject(ranges)) for (const key of Object.keys(ranges)) add(key, `parameters.plausibility.ranges.${key}`);
  return out;
};

/** Every data source a norm set names, with the path of the field that names it (a precedence list is named as a whole). */
export const dataSourcesUsedBy = (doc: NormSetDocument): Array<{ source: string; field: string }> => {
  const out: Array<{ source: string; field: string }> = [];
  const p = doc.parameters as Record<string, unknown>;
  if (!isPlainObject(p)) return out;
  const all = (v: unknown, field: (i: number) => string) => Array.isArray(v) && v.forEach((s, i) => typeof s === 'string' && out.push({ source: s, field: field(i) }));
  if (doc.kind === 'scheme-scoring') all(p.requiredAuthorisationSources, (i) => `parameters.requiredAuthorisationSources.${i}`);
  if (doc.kind === 'scheme-scoring' && Array.isArray(p.kpis)) p.kpis.forEach((k: unknown, i: number) => isPlainObject(k) && all(k.sources, (j) => `parameters.kpis.${i}.sources.${j}`));
  if (doc.kind === 'balance-parameters') {
    if (isPlainObject(p.flowSourcePrecedence)) for (const [k, v] of Object.entries(p.flowSourcePrecedence)) all(v, () => `parameters.flowSourcePrecedence.${k}`);
    all(p.indicatorSourcePrecedence, () => 'parameters.indicatorSourcePrecedence');
    all(p.landUseSourcePrecedence, () => 'parameters.landUseSourcePrecedence');
  }
  return out;
};

/** Every data source a norm set names must be declared (by the shipped or a published catalogue, or by the document itself). */
export const checkDataSourcesDeclared = (doc: NormSetDocument, sources: readonly string[]): void => {
  const own = dataSourcesOf([doc]);
  for (const { source, field } of dataSourcesUsedBy(doc)) {
    if (!sources.includes(source) && !own.includes(source)) invalidField('INVALID_PRECEDENCE', `${source} is not a data source any published catalogue declares`, field);
  }
};

/** Every indicator a norm set names must be declared (by the shipped or a published catalogue, or by the document itself). */
export const checkIndicatorsDeclared = (doc: NormSetDocument, vocabulary: IndicatorVocabulary): void => {
  const own = doc.kind === 'indicator-catalogue' ? vocabularyOf([doc]) : {};
  for (const { key, field } of indicatorsUsedBy(doc)) {
    if (ownValue(vocabulary, key) === undefined && ownValue(own, key) === undefined) invalidField('UNKNOWN_INDICATOR', `${key} is not an indicator any published indicator catalogue declares`, field);
  }
  if (doc.kind === 'indicator-catalogue') {
    (doc.parameters as IndicatorCatalogue).indicators.forEach((d, i) => {
      const known = ownValue(vocabulary, d.key);
      if (known !== undefined && known !== d.valueType) invalidField('INDICATOR_TYPE_CONFLICT', `${d.key} is already declared as a ${known}`, `parameters.indicators.${i}.valueType`);
    });
  }
};
