import Decimal from 'decimal.js';

/**
 * A figure rounded half up to `places` decimals, as a number. One with that many decimals or fewer (most
 * sums of whole kilograms) is its own rounding and is not rounded again (D85: a reconcile rounds about 25
 * figures); the value, and so the number, is the same (property-tested against rounding always).
 */
export const roundHalfUp = (d: Decimal, places: number): number => (d.decimalPlaces() <= places ? d : d.toDecimalPlaces(places, Decimal.ROUND_HALF_UP)).toNumber();
