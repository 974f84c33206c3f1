import { drenthe2025NormSet, explainScoreKpis, type RecordedScoreInputs } from '@asb/domain';
import { kpiInWords, type KpiExplanation, type Wording } from './kpi-explanation';

const words = (lang: 'nl' | 'en'): Wording => ({
  lang,
  // As the page formats euros, with a plain space for readable expectations.
  euros: (cents) => new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(cents / 100).replace(/\s/g, ' '),
  number: (v) => new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 }).format(v),
  indicatorName: (key) => key,
  unit: (key) => (key === 'nFarmSurplusKgHa' ? 'kg N/ha' : ''),
  sourceName: (s) => s.toUpperCase(),
  qualityName: (q) => q,
});
const base: RecordedScoreInputs = { indicators: {}, landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, peatSharePct: 0, priorBiodiversityPaid: false };
/** The API's explanation of these inputs (the same pure function answers `GET /audit/explain/scores/…`). */
const kpi = (id: string, indicators: Record<string, number | boolean>, more: Partial<RecordedScoreInputs> = {}) =>
  explainScoreKpis({ ...base, ...more, indicators }, drenthe2025NormSet).find((k) => k.kpiId === id) as unknown as KpiExplanation;

describe('a KPI of a score in words', () => {
  it('threshold: value → tier → amount, and the value that reaches the next tier', () => {
    const nl = kpiInWords(kpi('nFarmSurplus', { nFarmSurplusKgHa: 120 }), words('nl'));
    expect(nl.parts).toEqual(['nFarmSurplusKgHa: 120 kg N/ha → trede 2 van 3 (≤ 130) → € 200,00']);
    expect(nl.next).toBe('Volgende trede bij ≤ 110 kg N/ha (€ 250,00).');
    expect(kpiInWords(kpi('nFarmSurplus', { nFarmSurplusKgHa: 120 }), words('en')).next).toBe('Next tier at ≤ 110 kg N/ha (€ 250,00).');
  });

  it('says the highest tier is reached, and an at-least KPI with ≥', () => {
    expect(kpiInWords(kpi('nFarmSurplus', { nFarmSurplusKgHa: 100 }), words('nl')).next).toBe('Hoogste trede gehaald.');
    const grazing = kpiInWords(kpi('grazing', { grazingHours: 700 }), words('nl'));
    expect(grazing.parts[0]).toContain('geen trede gehaald');
    expect(grazing.next).toBe('Volgende trede bij ≥ 720 (€ 100,00).');
  });

  it('band: the absolute value counts, the next tier is a range around zero', () => {
    const w = kpiInWords(kpi('pSoilSurplus', { pSoilSurplusKgP2o5Ha: -7 }), words('nl'));
    expect(w.parts[0]).toBe('pSoilSurplusKgP2o5Ha: -7, telt als 7 → trede 2 van 2 (± 10) → € 200,00');
    expect(w.next).toBe('Volgende trede bij tussen −5 en 5 (€ 250,00).');
  });

  it('worst-of: the worst part counts; the next tier names the parts that fall short', () => {
    const w = kpiInWords(kpi('pesticideLoad', { 'pesticideMbpHa.soilLife': 150, 'pesticideMbpHa.surfaceWater': 250, 'pesticideMbpHa.groundwater': 90 }), words('nl'));
    expect(w.outcome).toBe('Het slechtste onderdeel telt → € 150,00.');
    expect(w.next).toBe('Volgende trede (€ 250,00) bij ≤ 200 voor pesticideMbpHa.surfaceWater.');
  });

  it('area-weighted: per land use after the peat correction, weighted by area, with the recorded value that reaches its next tier', () => {
    const w = kpiInWords(kpi('nSoilSurplus', { 'nSoilSurplusKgHa.grassland': 120, 'nSoilSurplusKgHa.maize': 50 }, { peatSharePct: 10 }), words('nl'));
    expect(w.parts[0]).toBe('grasland (40 ha, 80%): 120, na veencorrectie 100,1 → trede 2 van 4 (≤ 105) → € 350,00');
    expect(w.outcome).toBe('Gewogen naar oppervlakte → € 430,00.');
    expect(w.next).toBe('Volgende trede bij grasland ≤ 99,9 (€ 750,00 voor dat deel).');
  });

  it('once per scheme: a yes pays once, not again; a no reaches it by signing up', () => {
    expect(kpiInWords(kpi('biodiversity', { biodiversityPackagesSignedUp: true }), words('nl')).next).toBe('Hoogste trede gehaald.');
    expect(kpiInWords(kpi('biodiversity', { biodiversityPackagesSignedUp: true }, { priorBiodiversityPaid: true }), words('nl')).outcome).toContain('Eerder al uitbetaald');
    expect(kpiInWords(kpi('biodiversity', { biodiversityPackagesSignedUp: false }), words('en')).next).toBe('Next tier when signed up ("yes").');
  });

  it('a farm without area has nothing to test on an area-weighted KPI', () => {
    expect(kpiInWords(kpi('nSoilSurplus', {}, { landUse: { grasslandHa: 0, maizeHa: 0, arableHa: 0 } }), words('nl')).next).toBe('Geen oppervlakte om te toetsen.');
  });

  it('a missing value pays nothing and asks for it', () => {
    const w = kpiInWords(kpi('milkUrea', {}), words('nl'));
    expect(w.parts[0]).toBe('milkUreaMg100g: niet aangeleverd → € 0,00');
    expect(w.next).toBe('Lever de ontbrekende waarde aan om een trede te halen.');
  });

  it('names where the used value came from', () => {
    const provenance = { nFarmSurplus: { sourcesFrom: 'kpi' as const, sources: ['klw' as const], indicators: [{ indicator: 'nFarmSurplusKgHa' as const, value: 120, source: 'klw' as const, submissionId: 'klw-2', eventId: 'e', quality: 'calculated' as const, model: 'KLW' }] } };
    expect(kpiInWords(kpi('nFarmSurplus', { nFarmSurplusKgHa: 120 }, { provenance }), words('nl')).parts[0]).toContain('120 kg N/ha (KLW, calculated)');
  });
});
