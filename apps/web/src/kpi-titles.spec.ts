import { drenthe2025NormSet } from '@asb/domain';
import { normSetOfPart, partName } from './analyst/part-names';
import { kpiNameTable, kpiTitle, kpiTitlesOf, normSetOfScoreStream } from './kpi-titles';
import { statePathInWords } from './state-path-names';
import { labelOf } from './parameter-names';

/** A KPI is named by its norm set (D76); the app's table only stands in for documents without titles. */
describe('KPI titles', () => {
  it('takes the title the norm set publishes, in the page language, over the table', () => {
    expect(kpiTitle('grazing', { nl: 'Beweiding', en: 'Pasture' }, 'nl')).toBe('Beweiding');
    expect(kpiTitle('grazing', { nl: 'Beweiding', en: 'Pasture' }, 'en')).toBe('Pasture');
  });

  it("names a new scheme's KPI from its document alone", () => expect(kpiTitle('hedgerowMetres', { nl: 'Meters houtwal', en: 'Hedgerow metres' }, 'nl')).toBe('Meters houtwal'));

  it('falls back to the table for a document without titles, and to nothing for an unknown KPI without one', () => {
    expect(kpiTitle('grazing', undefined, 'nl')).toBe('Weidegang');
    expect(kpiTitle('grazing', { nl: ' ' }, 'en')).toBe('Grazing');
    expect(kpiTitle('hedgerowMetres', undefined, 'nl')).toBeNull();
    expect(kpiTitle('constructor', undefined, 'nl')).toBeNull();
  });

  it("names the norm authority's parameters by the document's titles", () => {
    const parameters = { ...drenthe2025NormSet.parameters, kpis: drenthe2025NormSet.parameters.kpis.map((k) => (k.id === 'grazing' ? { ...k, title: { nl: 'Beweiding', en: 'Pasture' } } : k)) };
    expect(labelOf(parameters, 'kpis[grazing].tiers[1].threshold', 'nl')).toEqual({ group: 'KPI Beweiding (grazing)', name: 'trede 1 › drempel' });
    expect(labelOf(parameters, 'kpis[grazing].title.en', 'en')).toEqual({ group: 'KPI Pasture (grazing)', name: 'title › English' });
  });
});

/** D81: the pages that show results (the what-if report, the timeline) name KPIs by their norm set too. */
describe('KPI titles on pages that show results', () => {
  const renamed = { ...drenthe2025NormSet.parameters, kpis: drenthe2025NormSet.parameters.kpis.map((k) => (k.id === 'grazing' ? { ...k, title: { nl: 'Beweiding', en: 'Pasture' } } : k.id === 'milkUrea' ? { ...k, title: undefined } : k)) };
  const titles = { 'drenthe-2025': kpiTitlesOf(renamed), 'old-scheme': kpiTitlesOf({ kpis: [{ id: 'grazing' }] }) };

  it("reads each KPI's title from a document, by id; a document before D76 has none", () => {
    expect(titles['drenthe-2025'].grazing).toEqual({ nl: 'Beweiding', en: 'Pasture' });
    expect(titles['drenthe-2025'].milkUrea).toBeUndefined();
    expect(kpiTitlesOf({ components: [] })).toEqual({});
    expect(kpiTitlesOf(null)).toEqual({});
  });

  it("a what-if part names the KPI by its norm set's title, the table standing in only where the document has none", () => {
    expect(partName('drenthe-2025/grazing', 'nl', titles)).toBe('Beweiding (drenthe-2025)');
    expect(partName('drenthe-2025/grazing', 'en', titles)).toBe('Pasture (drenthe-2025)');
    expect(partName('old-scheme/grazing', 'nl', titles)).toBe('Weidegang (old-scheme)');
    expect(partName('drenthe-2025/milkUrea', 'nl', titles)).toBe('Ureumgehalte van de melk (drenthe-2025)');
    expect(partName('drenthe-2025/nSoilSurplus.grassland', 'nl', titles)).toBe('Stikstofbodemoverschot per gewas › grasland (drenthe-2025)');
    expect(partName('minas-2003/nitrogen', 'nl', titles)).toBe('nitrogen (minas-2003)');
    expect(normSetOfPart('drenthe-2025/grazing')).toBe('drenthe-2025');
    expect(normSetOfPart('total')).toBeNull();
  });

  it("the timeline finds a score's norm set by its stream and names its KPIs by that norm set's titles", () => {
    const schemes = { 'drenthe-2025': 'drenthe-2025', drenthe: 'old-scheme' };
    expect(normSetOfScoreStream('score-drenthe-2025-nl-drenthe-0001-2025', schemes)).toBe('drenthe-2025');
    expect(normSetOfScoreStream('score-drenthe-nl-drenthe-0001-2025', schemes)).toBe('old-scheme');
    expect(normSetOfScoreStream('application-drenthe-2025-nl-drenthe-0001', schemes)).toBeNull();
    const path = 'scores[score-drenthe-2025-nl-drenthe-0001-2025].current.result.kpis.grazing';
    expect(statePathInWords(path, 'nl', [kpiNameTable(titles, 'drenthe-2025')], 'nl-drenthe-0001')).toBe('Score drenthe-2025 · 2025 › current › uitkomst › prestatie-indicatoren › Beweiding');
    expect(statePathInWords(path, 'nl', [kpiNameTable(titles, null)], 'nl-drenthe-0001')).toMatch(/› Weidegang$/);
  });
});
