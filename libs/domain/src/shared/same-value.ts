/**
 * Structural equality of JSON values, whatever the order of object keys. Events are stored as
 * canonical JSON (keys sorted), so a state folded from the store and a freshly computed result
 * hold the same values in different key orders: `JSON.stringify` then calls equal values unequal
 * (it made every recalculation of an unchanged score a new version — found by D37's tests). A key
 * whose value is `undefined` counts as absent, as it does in the stored JSON.
 */
export const sameValue = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => sameValue(x, (b as unknown[])[i]));
  const keys = (o: object) => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined);
  const ka = keys(a);
  const kb = keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
};
