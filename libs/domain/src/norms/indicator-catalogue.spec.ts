import { DomainError } from '../shared/domain-error';
import { drenthe2025NormSet } from '../score/drenthe-2025.norm-set';
import { minas2003 } from '../levy/shipped-levies';
import { scoreScheme } from '../score/score-scheme';
import { readBalanceData } from '../submission/validate-balance-data';
import { INDICATOR_KEYS } from '../submission/indicator-keys';
import { governingVersion } from './governing-version';
import { dataSourcesOf, indicatorCatalogueV1, indicatorsUsedBy, isIndicatorKeyFormat, SHIPPED_DATA_SOURCES, SHIPPED_INDICATOR_VOCABULARY, vocabularyOf } from './indicator-catalogue';
import type { NormSetDocument } from './norm-set';
import { validateNormSet } from './rule-families/validate-norm-set-document';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return { code: (e as DomainError).code, field: (e as DomainError).field };
  }
  return null;
};

const catalogue = (indicators: unknown[], normSetId = 'pilot-indicators'): NormSetDocument => ({ ...indicatorCatalogueV1, normSetId, parameters: { indicators } }) as NormSetDocument;
const withIndicator = (indicator: string): NormSetDocument => ({
  ...drenthe2025NormSet,
  normSetId: 'pilot',
  parameters: { ...drenthe2025NormSet.parameters, scheme: 'pilot', kpis: [{ id: 'k', kind: 'threshold', indicator, direction: 'atLeast', tiers: [{ threshold: '5', cents: 100 }] }] },
});

describe('the indicator vocabulary is data (D40)', () => {
  it('ships a catalogue declaring every shipped indicator key, with its type', () => {
    expect(validateNormSet(indicatorCatalogueV1)).toBeUndefined();
    expect(Object.keys(SHIPPED_INDICATOR_VOCABULARY).sort()).toEqual([...INDICATOR_KEYS].sort());
    expect(SHIPPED_INDICATOR_VOCABULARY).toMatchObject({ biodiversityPackagesSignedUp: 'boolean', nFarmSurplusKgHa: 'number' });
  });

  it('knows an indicator key by its format: camelCase, one dotted part, never a reserved word', () => {
    expect(['nh3KgHa', 'nSoilSurplusKgHa.grassland', 'soilOrganicMatterPct'].every(isIndicatorKeyFormat)).toBe(true);
    expect(['Happiness', 'a.b.c', 'constructor', 'x.__proto__', 'has space', '', 3].some(isIndicatorKeyFormat)).toBe(false);
  });

  it('lets a norm set name only declared indicators; a published catalogue declares new ones', () => {
    expect(refusal(() => validateNormSet(withIndicator('soilOrganicMatterPct')))).toEqual({ code: 'UNKNOWN_INDICATOR', field: 'parameters.kpis.0.indicator' });
    const declared = { ...SHIPPED_INDICATOR_VOCABULARY, ...vocabularyOf([catalogue([{ key: 'soilOrganicMatterPct', unit: '%', valueType: 'number' }])]) };
    expect(validateNormSet(withIndicator('soilOrganicMatterPct'), {}, declared)).toBeUndefined();
    // The rule function checks the format only: a document valid at publication stays usable.
    expect(scoreScheme({ landUse: { grasslandHa: 1, maizeHa: 0, arableHa: 0 }, peatSharePct: 0, indicators: { soilOrganicMatterPct: 6 }, oncePerSchemePaid: false }, withIndicator('soilOrganicMatterPct') as never).totalCents).toBe(100);
  });

  it('refuses a malformed catalogue, a duplicate and a type that contradicts an earlier declaration, naming the field', () => {
    expect(refusal(() => validateNormSet(catalogue([{ key: 'Bad Key', unit: '%', valueType: 'number' }])))).toEqual({ code: 'UNKNOWN_INDICATOR', field: 'parameters.indicators.0.key' });
    expect(refusal(() => validateNormSet(catalogue([{ key: 'a', unit: '%', valueType: 'number' }, { key: 'a', unit: '%', valueType: 'number' }])))).toEqual({ code: 'DUPLICATE_INDICATOR', field: 'parameters.indicators.1.key' });
    expect(refusal(() => validateNormSet(catalogue([{ key: 'a', unit: '%', valueType: 'text' }])))).toEqual({ code: 'INVALID_VALUE', field: 'parameters.indicators.0.valueType' });
    expect(refusal(() => validateNormSet(catalogue([{ key: 'grazingHours', unit: 'h', valueType: 'boolean' }])))).toEqual({ code: 'INDICATOR_TYPE_CONFLICT', field: 'parameters.indicators.0.valueType' });
  });

  it('lists the indicators a norm set names, with their fields', () => {
    expect(indicatorsUsedBy(minas2003)).toEqual([
      { key: 'nFarmSurplusKgHa', field: 'parameters.components.0.indicator' },
      { key: 'p2o5FarmSurplusKgHa', field: 'parameters.components.1.indicator' },
    ]);
    // Every shipped indicator but the farm P2O5 surplus (a levy's) and the usage figures (the usage-norm check's) is a drenthe-2025 input.
    const notDrenthe = new Set(['p2o5FarmSurplusKgHa', 'nUsageKgHa', 'nUsageNormKgHa', 'p2o5UsageKgHa', 'p2o5UsageNormKgHa']);
    expect(indicatorsUsedBy(drenthe2025NormSet).map((u) => u.key).sort()).toEqual(INDICATOR_KEYS.filter((k) => !notDrenthe.has(k)).sort());
  });

  it('accepts in a submission what the vocabulary declares, typed as declared; reads what is recorded by format', () => {
    const data = { source: 'klw', sourceDocumentId: 'K', indicators: { soilOrganicMatterPct: { value: 5, quality: 'measured' } } };
    expect(refusal(() => readBalanceData(data, '', 'command'))).toEqual({ code: 'UNKNOWN_INDICATOR', field: 'indicators.soilOrganicMatterPct' });
    expect(readBalanceData(data, '', 'command', { soilOrganicMatterPct: 'number' }).indicators).toEqual({ soilOrganicMatterPct: { value: 5, quality: 'measured' } });
    expect(refusal(() => readBalanceData(data, '', 'command', { soilOrganicMatterPct: 'boolean' }))).toEqual({ code: 'INVALID_BOOLEAN', field: 'indicators.soilOrganicMatterPct.value' });
    expect(readBalanceData(data, '', 'recorded').indicators).toEqual({ soilOrganicMatterPct: { value: 5, quality: 'measured' } });
  });
});

describe('data sources are declared the same way (D40)', () => {
  const withSource = (source: string): NormSetDocument => ({ ...drenthe2025NormSet, parameters: { ...drenthe2025NormSet.parameters, requiredAuthorisationSources: ['klw', source] } });
  const lab = catalogue([], 'lab-catalogue');
  const labDeclared = { ...lab, parameters: { indicators: [], dataSources: [{ id: 'bodemlab-overijssel', title: 'Bodemlab' }] } } as NormSetDocument;

  it('ships the six sources; a catalogue may declare more; a norm set names only declared ones', () => {
    expect(SHIPPED_DATA_SOURCES).toEqual(['klw', 'gecombineerde-opgave', 'scan-ict', 'clm-milieumeetlat', 'dairy-processor', 'manure-transport-registry']);
    expect(refusal(() => validateNormSet(lab))).toEqual({ code: 'INVALID_ARRAY', field: 'parameters.indicators' });
    expect(validateNormSet(labDeclared)).toBeUndefined();
    expect(refusal(() => validateNormSet(withSource('bodemlab-overijssel')))).toEqual({ code: 'INVALID_PRECEDENCE', field: 'parameters.requiredAuthorisationSources.1' });
    expect(validateNormSet(withSource('bodemlab-overijssel'), {}, undefined, [...SHIPPED_DATA_SOURCES, ...dataSourcesOf([labDeclared])])).toBeUndefined();
  });

  it('accepts a declared source in a submission, and reads a recorded one by format', () => {
    const data = { source: 'bodemlab-overijssel', sourceDocumentId: 'B', landUse: { grasslandHa: 1, maizeHa: 0, arableHa: 0 } };
    expect(refusal(() => readBalanceData(data, '', 'command'))).toEqual({ code: 'INVALID_VALUE', field: 'source' });
    expect(readBalanceData(data, '', 'command', undefined, ['bodemlab-overijssel']).source).toBe('bodemlab-overijssel');
    expect(readBalanceData(data, '', 'recorded').source).toBe('bodemlab-overijssel');
  });
});

describe('the governing-version rule (D41)', () => {
  const v = (version: number, effectiveFrom: string) => ({ document: { ...drenthe2025NormSet, version, effectiveFrom } });
  const history = { versions: [v(1, '2025-01-01'), v(2, '2026-03-01'), v(3, '2025-06-01T00:00:00Z')] };

  it('a farm-year: the newest version recorded whose effectiveFrom is on or before 31 December of the year', () => {
    expect(governingVersion(history, { year: 2025 })?.version).toBe(3);
    expect(governingVersion(history, { year: 2026 })?.version).toBe(3);
    expect(governingVersion({ versions: history.versions.slice(0, 2) }, { year: 2026 })?.version).toBe(2);
    expect(governingVersion(history, { year: 2024 })).toBeNull();
  });

  it('an act: the same rule on the Dutch calendar day of the act (the time of day only moves the day across midnight in the Netherlands)', () => {
    // 22:59 UTC on 28 February is 23:59 in the Netherlands (winter time, UTC+1); 23:00 UTC is already 1 March there.
    expect(governingVersion({ versions: history.versions.slice(0, 2) }, { at: '2026-02-28T22:59:00.000Z' })?.version).toBe(1);
    expect(governingVersion({ versions: history.versions.slice(0, 2) }, { at: '2026-02-28T23:00:00.000Z' })?.version).toBe(2);
    expect(governingVersion({ versions: history.versions.slice(0, 2) }, { at: '2026-03-01T00:00:00.000Z' })?.version).toBe(2);
    expect(governingVersion(history, { at: '2024-12-31' })).toBeNull();
  });
});
