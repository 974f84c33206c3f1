import { drenthe2025NormSet } from '@asb/domain';
import { kpiTitle } from './kpi-titles';
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
