import fc from 'fast-check';
import { UNCERTAINTY_PCT_BY_QUALITY_V1 } from '../balance/balance-parameters';
import { QUALITY_CLASSES } from '../submission/data-source';
import { farmYearRandom, quantile, sampleWithin } from './uncertainty';

describe('seeded sampling within the margins (D51)', () => {
  it('draws the same values for the same seed, farm, year and sample, whatever else was drawn before', () => {
    fc.assert(
      fc.property(fc.integer(), fc.string({ minLength: 1, maxLength: 12 }), fc.integer({ min: 1998, max: 2100 }), fc.nat(50), (seed, farm, year, sample) => {
        const a = farmYearRandom(seed, farm, year, sample);
        const noise = farmYearRandom(seed + 1, farm, year, sample);
        noise();
        const b = farmYearRandom(seed, farm, year, sample);
        expect([a(), a(), a()]).toEqual([b(), b(), b()]);
      }),
    );
  });

  it('stays within ± the margin of the quality class', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(...QUALITY_CLASSES), fc.integer(), (value, quality, seed) => {
        const pct = Number(UNCERTAINTY_PCT_BY_QUALITY_V1[quality]);
        const drawn = sampleWithin(value, quality, UNCERTAINTY_PCT_BY_QUALITY_V1, farmYearRandom(seed, 'f', 2025, 0));
        expect(Math.abs(drawn - value)).toBeLessThanOrEqual((Math.abs(value) * pct) / 100 + 0.0001);
      }),
    );
  });

  it('a measured figure moves less than a default one, and a 0 % margin not at all', () => {
    const margins = { ...UNCERTAINTY_PCT_BY_QUALITY_V1, measured: '0' };
    expect(sampleWithin(100, 'measured', margins, () => 0.99)).toBe(100);
    expect(sampleWithin(100, 'default', margins, () => 0)).toBe(70);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.05)).toBe(1);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
  });
});
