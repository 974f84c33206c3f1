import { Transform } from 'class-transformer';

/**
 * A path or query parameter read as an integer only when it is written in plain decimal digits
 * (`Number('0x7e9')` would be 2025): anything else stays a string and fails @IsInt with a 400.
 */
export const DecimalInteger = (digits: { min: number; max: number } = { min: 1, max: 9 }) => {
  const pattern = new RegExp(`^[0-9]{${digits.min},${digits.max}}$`);
  return Transform(({ value }) => (typeof value === 'string' && pattern.test(value) ? Number(value) : value));
};

/** A year: exactly four decimal digits. */
export const YearDigits = () => DecimalInteger({ min: 4, max: 4 });
