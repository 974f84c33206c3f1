import { readTypedNumber } from './typed-number';

describe('a number as typed (D86): no thousands separators, the language decimal sign, nothing two readers read differently', () => {
  it.each([
    ['nl', '1,5', '1.5'],
    ['nl', '132,5', '132.5'],
    ['nl', '2,291', '2.291'],
    ['nl', '1,000', '1.000'], // a Dutch reader reads one: the comma is the Dutch decimal sign
    ['nl', '132.5', '132.5'], // a point that cannot separate thousands is a decimal point
    ['nl', '0.125', '0.125'],
    ['nl', '1000', '1000'],
    ['nl', ' -12 ', '-12'],
    ['en', '1.5', '1.5'],
    ['en', '2.291', '2.291'],
    ['en', '1,5', '1.5'],
    ['en', '1000.250', '1000.250'],
  ] as const)('in %s reads %j as %s', (lang, typed, decimal) => expect(readTypedNumber(typed, lang)).toEqual({ decimal }));

  it.each([
    ['nl', '1.000'],
    ['nl', '2.291'],
    ['nl', '-12.500'],
    ['nl', '1.000.000'],
    ['nl', '1.000,5'],
    ['en', '1,000'],
    ['en', '1,000,000'],
    ['en', '1,000.5'],
    ['nl', '1 000'],
    ['en', '1 000 000'],
  ] as const)('in %s refuses %j: a thousands separator, or a sign that may be one', (lang, typed) => expect(readTypedNumber(typed, lang)).toEqual({ refused: 'thousands' }));

  it.each(['', 'veel', '1e3', '0x10', 'Infinity', '1.', ',5', '1,2,3', '12 34', '--1'])('refuses %j as no number', (typed) => {
    expect(readTypedNumber(typed, 'nl')).toEqual({ refused: 'not-a-number' });
    expect(readTypedNumber(typed, 'en')).toEqual({ refused: 'not-a-number' });
  });
});
