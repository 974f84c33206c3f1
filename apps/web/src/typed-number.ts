import type { Lang } from './names';

/**
 * A number as a person types it, read as an exact decimal string ("1,5" → "1.5"), or why it cannot be read.
 * Dutch readers write a thousand as "1.000" and one and a half as "1,5"; English readers the other way round.
 * The rule (D86): no thousands separators at all; the language's own decimal sign always; the other sign as a
 * decimal sign only where it cannot separate thousands. So "1.000" in Dutch (and "1,000" in English) — a
 * thousand to one reader, one to another — is refused, not read as 1; "132.5" and "0.125" stay decimals.
 */
/** `thousands`: typed with a thousands separator, or with a sign that may be one (the person is told to write 1000). */
export type TypedNumber = { decimal: string } | { refused: 'not-a-number' | 'thousands' };

const DECIMAL_SIGN: Readonly<Record<Lang, ',' | '.'>> = { nl: ',', en: '.' };
const PLAIN = /^(-?\d+)(?:([.,])(\d+))?$/;
/** Digits grouped by three with a point, a comma or a space, perhaps followed by decimals: "1.000.000", "1.000,5", "1 000". */
const GROUPED = /^-?\d{1,3}(?:([., ])\d{3})(?:\1\d{3})*(?:[.,]\d+)?$/;
/** A sign that could separate thousands: one to three digits (not a leading zero) before it, exactly three after. */
const LIKE_THOUSANDS = /^-?[1-9]\d{0,2}[.,]\d{3}$/;

export const readTypedNumber = (typed: string, lang: Lang): TypedNumber => {
  const text = typed.trim();
  const plain = PLAIN.exec(text);
  if (!plain) return GROUPED.test(text) ? { refused: 'thousands' } : { refused: 'not-a-number' };
  const [, whole, sign, fraction] = plain;
  if (!sign) return { decimal: whole! };
  if (sign !== DECIMAL_SIGN[lang] && LIKE_THOUSANDS.test(text)) return { refused: 'thousands' };
  return { decimal: `${whole}.${fraction}` };
};
