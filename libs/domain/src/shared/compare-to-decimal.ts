import Decimal from 'decimal.js';

/**
 * A figure against a bound written as an exact decimal, without building a Decimal unless needed:
 * Number(bound) is the double nearest the bound, so no other double lies between them and any figure
 * other than that double compares with it as with the bound itself. Only a tie is decided exactly.
 */
export const compareToDecimal = (value: number, bound: string): -1 | 0 | 1 => {
  const b = Number(bound);
  if (value < b) return -1;
  if (value > b) return 1;
  return new Decimal(value).comparedTo(bound) as -1 | 0 | 1;
};
