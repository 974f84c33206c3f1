import Decimal from 'decimal.js';
import fc from 'fast-check';
import { roundHalfUp } from './round-half-up';

describe('roundHalfUp (D85)', () => {
  it('is toDecimalPlaces(places, ROUND_HALF_UP).toNumber() for any decimal, -0 included', () => {
    const decimal = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => new Decimal(x)),
      fc.bigInt().map((x) => new Decimal(x.toString())),
      fc.tuple(fc.bigInt(), fc.nat(30)).map(([digits, scale]) => new Decimal(`${digits}e-${scale}`)),
      fc.tuple(fc.integer(), fc.integer({ min: 1, max: 1_000_000 })).map(([a, b]) => new Decimal(a).div(b)),
    );
    fc.assert(
      fc.property(decimal, fc.nat(4), (d, places) => {
        expect(Object.is(roundHalfUp(d, places), d.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toNumber())).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });
});
