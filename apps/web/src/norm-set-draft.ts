/**
 * A draft of a norm set's next version (D81): the parameters of the version a person started from,
 * changed one field at a time. Pure and immutable: every change returns a new document and leaves
 * the one it was given alone. Paths here are index paths (`kpis.0.tiers.1.threshold`), the document's
 * own structure; what the API is sent and answers is named (D61) by `nameOfPath`.
 */
export type Draft = unknown;

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isScalar = (v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);
export const isScalarList = (v: unknown): v is Array<string | number | boolean> => Array.isArray(v) && v.every(isScalar);
/** A list of records a person may lengthen or shorten: a tier list (the regulations number tiers; a new tier is the usual amendment). */
export const isTierList = (key: string, v: unknown): v is Array<Record<string, unknown>> => key === 'tiers' && Array.isArray(v) && v.every(isRecord);

const child = (node: unknown, key: string): unknown => (Array.isArray(node) ? node[Number(key)] : isRecord(node) && Object.hasOwn(node, key) ? node[key] : undefined);

/** The value at an index path; undefined where the document has none. */
export const valueAt = (draft: Draft, path: string): unknown => (path === '' ? draft : path.split('.').reduce<unknown>((node, key) => child(node, key), draft));

const replaced = (node: unknown, keys: readonly string[], make: (old: unknown) => unknown): unknown => {
  if (keys.length === 0) return make(node);
  const [key, ...rest] = keys as [string, ...string[]];
  if (Array.isArray(node)) return node.map((item, i) => (i === Number(key) ? replaced(item, rest, make) : item));
  if (isRecord(node) && Object.hasOwn(node, key)) return { ...node, [key]: replaced(node[key], rest, make) };
  throw new Error(`no ${key} in the draft`); // the form only addresses what it rendered
};

export const withValue = (draft: Draft, path: string, value: unknown): Draft => replaced(draft, path ? path.split('.') : [], () => value);

/** A tier added at the end, a copy of the last one (its fields and their types; the person then changes its values). */
export const withTierAdded = (draft: Draft, listPath: string): Draft =>
  replaced(draft, listPath.split('.'), (list) => {
    const tiers = list as unknown[];
    return [...tiers, JSON.parse(JSON.stringify(tiers.at(-1))) as unknown];
  });

export const withTierRemoved = (draft: Draft, listPath: string, index: number): Draft => replaced(draft, listPath.split('.'), (list) => (list as unknown[]).filter((_, i) => i !== index));
