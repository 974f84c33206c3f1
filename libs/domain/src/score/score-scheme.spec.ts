import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drenthe2025NormSet } from './drenthe-2025.norm-set';
import { flattenIndicators, scoreScheme } from './score-scheme';
import { examplesDir } from '../../../../test/support/shared-dir';

const examples = examplesDir();
const cases = readdirSync(examples).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'));

const score = (c: { landUse: never; peatSharePct: number; indicators: Record<string, unknown>; priorBiodiversityPaid: boolean }) =>
  scoreScheme({ landUse: c.landUse, peatSharePct: c.peatSharePct, indicators: flattenIndicators(c.indicators), oncePerSchemePaid: c.priorBiodiversityPaid }, drenthe2025NormSet);

describe('drenthe-2025 scoring', () => {
  it('has shipped examples to check against', () => expect(cases.length).toBeGreaterThanOrEqual(20));

  it.each(cases)('matches %s to the cent', (file) => {
    const input = JSON.parse(readFileSync(join(examples, file), 'utf8'));
    const expected = JSON.parse(readFileSync(join(examples, file.replace('.json', '.expected.json')), 'utf8'));
    const result = score(input);
    expect({ totalCents: result.totalCents, kpis: result.kpis }).toEqual(expected);
  });

  const base = {
    landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 } as never,
    peatSharePct: 0,
    priorBiodiversityPaid: false,
    indicators: { nFarmSurplusKgHa: 110 } as Record<string, unknown>,
  };

  it('compares exact decimals: 110 pays the best tier, 110.1 does not', () => {
    expect(score(base).kpis.nFarmSurplus).toBe(25000);
    expect(score({ ...base, indicators: { nFarmSurplusKgHa: 110.1 } }).kpis.nFarmSurplus).toBe(20000);
    expect(score({ ...base, indicators: { cropRotationIndex: 0.7 } }).kpis.cropRotation).toBe(20000);
    expect(score({ ...base, indicators: { cropRotationIndex: 0.69999 } }).kpis.cropRotation).toBe(15000);
  });

  it('reports missing indicators and scores them 0', () => {
    const r = score({ ...base, indicators: { nSoilSurplusKgHa: { grassland: 80 } } });
    expect(r.missing).toEqual(expect.arrayContaining(['nh3KgHa', 'nSoilSurplusKgHa.maize', 'pesticideMbpHa.soilLife', 'biodiversityPackagesSignedUp']));
    // grassland 40 ha pays 750, maize 10 ha is missing: 750 × 40/50 = 600.
    expect(r.kpis.nSoilSurplus).toBe(60000);
  });

  it('rounds the area-weighted soil amount half up to whole cents', () => {
    // (75000 × 1 + 35000 × 2) / 3 = 48333.33… cents → 48333
    const r = score({ ...base, landUse: { grasslandHa: 1, maizeHa: 2, arableHa: 0 } as never, indicators: { nSoilSurplusKgHa: { grassland: 80, maize: 50 } } });
    expect(r.kpis.nSoilSurplus).toBe(48333);
    // (10000 × 0.0001 + 0 × 1.9999) / 2 = 0.5 cent exactly → 1 (half up, not half even)
    const half = score({ ...base, landUse: { grasslandHa: 0.0001, maizeHa: 1.9999, arableHa: 0 } as never, indicators: { nSoilSurplusKgHa: { grassland: 155, maize: 90 } } });
    expect(half.kpis.nSoilSurplus).toBe(1);
  });

  it('caps the year at EUR 6,500 and records the norm-set and rule versions', () => {
    const r = score({ ...base, indicators: {} });
    expect(r.normSet).toEqual({ id: 'drenthe-2025', version: 1 });
    expect(r.ruleVersion).toMatch(/^scheme-scoring\//);
    const capped = scoreScheme(
      { landUse: base.landUse, peatSharePct: 0, oncePerSchemePaid: false, indicators: { nFarmSurplusKgHa: 1 } },
      { ...drenthe2025NormSet, parameters: { ...drenthe2025NormSet.parameters, yearlyCapCents: 10000 } },
    );
    expect(capped).toMatchObject({ totalCents: 10000, uncappedCents: 25000 });
  });
});
