import Decimal from 'decimal.js';
import { refuse } from './domain-error';

/**
 * Entrance checks of the domain's functions (D31). A value outside its declared type is refused with
 * a DomainError of kind 'invalid' naming the field, never a TypeError or a DecimalError from deep
 * inside a rule.
 *
 * Missing optional fields: `undefined` is absent. `null` in a command is refused (the HTTP edge
 * refuses it first); `null` in what is already recorded (an old event folded by evolve or read by a
 * rule function) reads as absent, because the record cannot be refused after the fact. Hence two
 * readers: `optionalNumber` (commands) and `recordedOptionalNumber` (the record).
 */

/** The largest magnitude a measured quantity may have: far beyond any farm, still exact in products. */
export const MAX_MAGNITUDE = 1e15;

export const invalidField = (code: string, message: string, field: string): never => refuse(code, message, 'invalid', field);

export const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A finite number within ±MAX_MAGNITUDE (so NaN, ±Infinity, 1e308 and strings are refused). */
export const requireNumber = (v: unknown, field: string, opts: { min?: number; integer?: boolean } = {}): number => {
  if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > MAX_MAGNITUDE) {
    return invalidField('INVALID_NUMBER', `${field} must be a finite number`, field);
  }
  if (opts.integer && !Number.isInteger(v)) return invalidField('INVALID_NUMBER', `${field} must be a whole number`, field);
  if (opts.min !== undefined && v < opts.min) return invalidField('INVALID_NUMBER', `${field} must be ${opts.min} or more`, field);
  return v;
};

/** An optional number in a command: absent when undefined; null and anything else not a number is refused. */
export const optionalNumber = (v: unknown, field: string, opts: { min?: number; integer?: boolean } = {}): number | undefined =>
  v === undefined ? undefined : requireNumber(v, field, opts);

/** An optional number as recorded: null reads as absent (old events may hold it). */
export const recordedOptionalNumber = (v: unknown, field: string, opts: { min?: number; integer?: boolean } = {}): number | undefined =>
  v === undefined || v === null ? undefined : requireNumber(v, field, opts);

export const requireString = (v: unknown, field: string, maxLength = 10_000): string => {
  if (typeof v !== 'string' || v.length > maxLength) return invalidField('INVALID_STRING', `${field} must be a string of at most ${maxLength} characters`, field);
  return v;
};

export const requireOneOf = <T extends string>(v: unknown, allowed: readonly T[], field: string): T => {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) return invalidField('INVALID_VALUE', `${field} must be one of ${allowed.join(', ')}`, field);
  return v as T;
};

export const requireObject = (v: unknown, field: string): Record<string, unknown> => {
  if (!isPlainObject(v)) return invalidField('INVALID_OBJECT', `${field} must be an object`, field);
  return v;
};

export const requireArray = (v: unknown, field: string): readonly unknown[] => {
  if (!Array.isArray(v)) return invalidField('INVALID_ARRAY', `${field} must be a list`, field);
  return v;
};

/** Decimal strings longer than this are refused: exact arithmetic on them would be unbounded work. */
export const MAX_DECIMAL_STRING_LENGTH = 40;

/** An exact decimal as a string ("6.38"), finite, of reasonable length and magnitude. */
export const isDecimalString = (s: unknown): s is string => {
  if (typeof s !== 'string' || s.length === 0 || s.length > MAX_DECIMAL_STRING_LENGTH || !/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s)) return false;
  try {
    const d = new Decimal(s);
    return d.isFinite() && d.abs().lte(MAX_MAGNITUDE);
  } catch {
    return false;
  }
};

export const requireDecimalString = (v: unknown, field: string): Decimal => {
  if (!isDecimalString(v)) return invalidField('INVALID_DECIMAL', `${field} must be an exact decimal as a string`, field);
  return new Decimal(v);
};

/** A value read as a key of a record: only own keys, so `constructor` or `__proto__` never reach the prototype. */
export const ownValue = <T>(record: Readonly<Record<string, T>> | undefined | null, key: string): T | undefined =>
  record !== null && typeof record === 'object' && Object.hasOwn(record, key) ? record[key] : undefined;

/** Whole cents that are exact in a double; a result outside them is refused rather than rounded. */
export const requireSafeCents = (cents: number, field: string): number => {
  if (!Number.isSafeInteger(cents)) return invalidField('AMOUNT_OUT_OF_RANGE', `${field} is not a representable amount of cents`, field);
  return cents;
};
