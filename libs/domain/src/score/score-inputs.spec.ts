import { balanceParametersV1 } from '../balance/balance-parameters';
import type { ActiveSubmission } from '../balance/compute-balance';
import { drenthe2025NormSet, DRENTHE_2025_KPI_SOURCES } from './drenthe-2025.norm-set';
import type { SchemeNorms } from './scheme-norms';
import { validateNormSet } from '../norms/rule-families/validate-norm-set-document';
import { SHIPPED_DATA_SOURCES } from '../norms/indicator-catalogue';
import { DomainError } from '../shared/domain-error';
import type { BalanceData } from '../submission/balance-data';
import { selectScoreIndicators } from './score-inputs';

const precedence = balanceParametersV1.parameters.indicatorSourcePrecedence;
const norms = drenthe2025NormSet.parameters;
const sub = (submissionId: string, data: BalanceData): ActiveSubmission => ({ submissionId, eventId: `event-${submissionId}`, recordedAt: 't', data });
const klw = sub('klw-1', {
  source: 'klw',
  sourceDocumentId: 'KLW-1',
  model: 'KringloopWijzer',
  modelVersion: '2025.01',
  indicators: { cropRotationIndex: { value: 0.65, quality: 'calculated' }, nFarmSurplusKgHa: { value: 110, quality: 'calculated' }, milkUreaMg100g: { value: 18, quality: 'measured' } },
});
const go = sub('go-1', { source: 'gecombineerde-opgave', sourceDocumentId: 'GO-1', model: 'none', indicators: { cropRotationIndex: { value: 0.82, quality: 'registered' } } });

describe('which source each KPI takes its indicator from (D46; drenthe-2025.md KPI table; seed 003 Bijlage I "Definities en bron van de KPI\'s")', () => {
  it('the shipped drenthe-2025 names Bijlage I\'s source for every KPI: KLW for 1–8, 11, 13; CLM for pesticides; the gecombineerde opgave for crop rotation; SCAN-ICT for nature', () => {
    expect(Object.fromEntries(norms.kpis.map((k) => [k.id, k.sources]))).toEqual(DRENTHE_2025_KPI_SOURCES);
    expect(DRENTHE_2025_KPI_SOURCES.cropRotation[0]).toBe('gecombineerde-opgave');
    expect(DRENTHE_2025_KPI_SOURCES.pesticideLoad[0]).toBe('clm-milieumeetlat');
    expect(DRENTHE_2025_KPI_SOURCES.biodiversity[0]).toBe('scan-ict');
    expect(() => validateNormSet(drenthe2025NormSet)).not.toThrow();
  });

  it('given KLW and the gecombineerde opgave both deliver the crop rotation index, when the score takes its inputs, then cropRotation takes the gecombineerde opgave\'s (where the global order took KLW\'s)', () => {
    const r = selectScoreIndicators([klw, go], norms, precedence);
    expect(r.indicators.cropRotationIndex).toBe(0.82);
    expect(r.provenance.cropRotation).toEqual({
      sourcesFrom: 'kpi',
      sources: ['gecombineerde-opgave', 'klw'],
      indicators: [{ indicator: 'cropRotationIndex', value: 0.82, source: 'gecombineerde-opgave', submissionId: 'go-1', eventId: 'event-go-1', quality: 'registered', model: 'none' }],
    });
    // The global order, which decided every KPI before D46, puts KLW first.
    expect(precedence[0]).toBe('klw');
  });

  it('given only KLW delivered the crop rotation index, then cropRotation falls back to KLW, the second source it names, with its model and version', () => {
    const r = selectScoreIndicators([klw], norms, precedence);
    expect(r.provenance.cropRotation.indicators).toEqual([
      { indicator: 'cropRotationIndex', value: 0.65, source: 'klw', submissionId: 'klw-1', eventId: 'event-klw-1', quality: 'calculated', model: 'KringloopWijzer', modelVersion: '2025.01' },
    ]);
  });

  it('given a KPI that names only KLW (milk urea, Bijlage I KPI 5), when only the dairy processor delivered the figure, then it is missing, not taken from another source', () => {
    const dairy = sub('zuivel-1', { source: 'dairy-processor', sourceDocumentId: 'Z-1', model: 'none', indicators: { milkUreaMg100g: { value: 17, quality: 'measured' } } });
    const r = selectScoreIndicators([dairy], norms, precedence);
    expect(r.indicators).not.toHaveProperty('milkUreaMg100g');
    expect(r.provenance.milkUrea.indicators).toEqual([]);
    expect(r.eventIds).toEqual([]);
  });

  it('given a scheme whose KPIs name no sources (a document published before D46), then every KPI follows the balance\'s indicator precedence, exactly as before', () => {
    const withoutSources: SchemeNorms = { ...norms, kpis: norms.kpis.map(({ sources: _s, ...k }) => k as never) };
    const r = selectScoreIndicators([klw, go], withoutSources, precedence);
    expect(r.indicators.cropRotationIndex).toBe(0.65);
    expect(r.provenance.cropRotation).toMatchObject({ sourcesFrom: 'indicator-source-precedence', sources: precedence, indicators: [{ source: 'klw', model: 'KringloopWijzer', modelVersion: '2025.01' }] });
  });

  it('records a submission from before D45 as model unrecorded, and takes the latest submission of the chosen source', () => {
    const old = sub('klw-0', { source: 'klw', sourceDocumentId: 'KLW-0', indicators: { nFarmSurplusKgHa: { value: 150, quality: 'calculated' } } });
    expect(selectScoreIndicators([old], norms, precedence).provenance.nFarmSurplus.indicators[0]).toMatchObject({ model: 'unrecorded', value: 150 });
    expect(selectScoreIndicators([old, klw], norms, precedence).provenance.nFarmSurplus.indicators[0]).toMatchObject({ submissionId: 'klw-1', value: 110 });
  });

  it('keeps indicators no KPI reads (the checks\' and levies\' figures) by the balance precedence, as the score recorded them before', () => {
    const extra = sub('klw-2', { source: 'klw', sourceDocumentId: 'KLW-2', model: 'KringloopWijzer', modelVersion: '2025.01', indicators: { p2o5FarmSurplusKgHa: { value: 12, quality: 'calculated' } } });
    expect(selectScoreIndicators([extra], norms, precedence)).toMatchObject({ indicators: { p2o5FarmSurplusKgHa: 12 }, eventIds: ['event-klw-2'] });
  });

  it('refuses a malformed recorded submission or precedence with a DomainError naming the field (D31)', () => {
    expect(() => selectScoreIndicators([{ ...klw, data: { ...klw.data, model: 42 } as never }], norms, precedence)).toThrow(DomainError);
    expect(() => selectScoreIndicators([klw], norms, [null] as never)).toThrow(expect.objectContaining({ field: 'indicatorSourcePrecedence.0' }));
  });
});

describe('the scheme-scoring document: per-KPI sources are validated (D46; seed 003 Bijlage I names one source per KPI)', () => {
  const withKpi = (i: number, patch: object) => ({ ...drenthe2025NormSet, parameters: { ...norms, kpis: norms.kpis.map((k, j) => (j === i ? { ...k, ...patch } : k)) } });
  const refusal = (doc: object, sources?: readonly string[]) => {
    try {
      validateNormSet(doc as never, {}, undefined, sources);
      return null;
    } catch (e) {
      return { code: (e as DomainError).code, field: (e as DomainError).field };
    }
  };
  it('refuses an empty list, a duplicate, a malformed id, null, and a source no catalogue declares, naming the field', () => {
    expect(refusal(withKpi(7, { sources: [] }))).toEqual({ code: 'INVALID_ARRAY', field: 'parameters.kpis.7.sources' });
    expect(refusal(withKpi(7, { sources: ['klw', 'klw'] }))).toEqual({ code: 'DUPLICATE_VALUE', field: 'parameters.kpis.7.sources.1' });
    expect(refusal(withKpi(7, { sources: ['Not A Source'] }))).toEqual({ code: 'INVALID_PRECEDENCE', field: 'parameters.kpis.7.sources.0' });
    expect(refusal(withKpi(7, { sources: null }))).toEqual({ code: 'INVALID_ARRAY', field: 'parameters.kpis.7.sources' });
    expect(refusal(withKpi(7, { sources: ['bodemlab-overijssel'] }))).toEqual({ code: 'INVALID_PRECEDENCE', field: 'parameters.kpis.7.sources.0' });
    expect(refusal(withKpi(7, { sources: ['bodemlab-overijssel'] }), [...SHIPPED_DATA_SOURCES, 'bodemlab-overijssel'])).toBeNull();
  });
  it('refuses two KPIs reading one indicator from different sources: a score records one value per indicator', () => {
    const twice = { ...drenthe2025NormSet, parameters: { ...norms, kpis: [...norms.kpis, { id: 'cropRotationBonus', kind: 'threshold', indicator: 'cropRotationIndex', direction: 'atLeast', tiers: [{ threshold: '0.9', cents: 100 }], sources: ['klw'] }] } };
    expect(refusal(twice)).toEqual({ code: 'CONFLICTING_SOURCES', field: 'parameters.kpis.13.sources' });
  });
  it('accepts a KPI without sources (it follows the balance precedence)', () => {
    const { sources: _s, ...kpi } = norms.kpis[7];
    expect(refusal({ ...drenthe2025NormSet, parameters: { ...norms, kpis: norms.kpis.map((k, j) => (j === 7 ? kpi : k)) } })).toBeNull();
  });
});
