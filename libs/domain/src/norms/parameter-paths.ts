import { invalidField, isPlainObject } from '../shared/guards';
import type { NormSetChange } from './norm-set';

/**
 * Parameter paths (D31): `kpis.9.landUses.grassland.tiers.0.threshold` addresses one value of a
 * norm set's `parameters` by where it sits. Since D61 this is the inner form: the API takes and answers
 * names (`named-paths.ts`), resolved to such a path against the version they change. A path
 *   - is a string of dot-separated, non-empty segments (at most 32 segments, 300 characters);
 *   - never holds a reserved segment (`__proto__`, `constructor`, `prototype`);
 *   - walks own properties only (Object.hasOwn), array indices only within the array;
 *   - must address a parameter that exists in the base document: a change never adds a key or an
 *     array element. To add a crop to a table or a tier to a list, change the enclosing map or list
 *     as a whole (`higherNYield`, `kpis.0.tiers`); the validation of the whole resulting document
 *     then decides whether the new entry is allowed by the kind's schema.
 */
export const RESERVED_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];
export const MAX_PATH_LENGTH = 300;
export const MAX_PATH_SEGMENTS = 32;
/** Deeper than this a parameters document is refused: no norm set nests more than a few levels. */
export const MAX_DOCUMENT_DEPTH = 32;

export type ParameterChangeRequest = Readonly<{ path: string; value: unknown }>;

/** The segments of a path, or a DomainError naming `field`. */
export const parseParameterPath = (path: unknown, field: string): readonly string[] => {
  if (typeof path !== 'string') return invalidField('INVALID_PATH', 'a parameter path is a string of dot-separated names', field);
  if (path.length === 0 || path.length > MAX_PATH_LENGTH) return invalidField('INVALID_PATH', `a parameter path has 1 to ${MAX_PATH_LENGTH} characters`, field);
  const segments = path.split('.');
  if (segments.length > MAX_PATH_SEGMENTS) return invalidField('INVALID_PATH', `a parameter path has at most ${MAX_PATH_SEGMENTS} segments`, field);
  for (const s of segments) {
    if (s === '') return invalidField('INVALID_PATH', `empty segment in parameter path ${path}`, field);
    if (RESERVED_KEYS.includes(s)) return invalidField('RESERVED_KEY', `${s} may not appear in a parameter path`, field);
  }
  return segments;
};

const isIndex = (s: string) => /^(0|[1-9]\d{0,8})$/.test(s);

/** The container holding the addressed value and its key, walking own properties only; null when the path addresses nothing. */
const locate = (root: unknown, segments: readonly string[]): { parent: Record<string, unknown> | unknown[]; key: string | number } | null => {
  let node: unknown = root;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    let key: string | number;
    if (Array.isArray(node)) {
      if (!isIndex(s) || Number(s) >= node.length) return null;
      key = Number(s);
    } else if (isPlainObject(node)) {
      if (!Object.hasOwn(node, s)) return null;
      key = s;
    } else return null;
    if (i === segments.length - 1) return { parent: node as Record<string, unknown> | unknown[], key };
    node = (node as Record<string | number, unknown>)[key];
  }
  return null;
};

/** The value at a path (own properties only), or undefined when the path addresses nothing. */
export const valueAtPath = (root: unknown, path: string): unknown => {
  const segments = parseParameterPath(path, 'path');
  const at = locate(root, segments);
  return at ? (at.parent as Record<string | number, unknown>)[at.key] : undefined;
};

/**
 * Refuses a value holding a reserved key at any depth (or nested deeper than MAX_DOCUMENT_DEPTH),
 * naming the field of the first one found.
 */
export const assertNoReservedKeys = (value: unknown, field: string, depth = 0): void => {
  if (value === null || typeof value !== 'object') return;
  if (depth > MAX_DOCUMENT_DEPTH) invalidField('TOO_DEEP', `nested deeper than ${MAX_DOCUMENT_DEPTH} levels`, field);
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertNoReservedKeys(v, `${field}.${i}`, depth + 1));
    return;
  }
  if (!isPlainObject(value) || (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null)) {
    invalidField('INVALID_VALUE', 'a parameter value is JSON: objects, lists, strings, numbers, booleans', field);
  }
  for (const key of Object.keys(value)) {
    if (RESERVED_KEYS.includes(key)) invalidField('RESERVED_KEY', `${key} may not be a key of a parameters document`, `${field}.${key}`);
    assertNoReservedKeys((value as Record<string, unknown>)[key], `${field}.${key}`, depth + 1);
  }
};

/** A JSON copy built from own properties only (never touching a prototype). */
const copyJson = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(copyJson);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) Object.defineProperty(out, key, { value: copyJson(value[key]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
};

/**
 * A copy of `base` with each change applied, and the changes with their old values. Every refusal
 * names the change: `changes[i].path` or `changes[i].value`. The base document is never modified,
 * and no prototype is ever written.
 */
export const applyParameterChanges = (base: unknown, requested: unknown): { parameters: unknown; changes: NormSetChange[] } => {
  if (!Array.isArray(requested)) return invalidField('INVALID_ARRAY', 'changes must be a list', 'changes');
  if (requested.length === 0) return invalidField('NOTHING_CHANGED', 'an amendment must change a parameter', 'changes');
  const parameters = copyJson(base);
  const changes: NormSetChange[] = [];
  requested.forEach((c: unknown, i) => {
    if (!isPlainObject(c)) invalidField('INVALID_OBJECT', 'a change is { path, value }', `changes[${i}]`);
    const change = c as Record<string, unknown>;
    const segments = parseParameterPath(change.path, `changes[${i}].path`);
    if (!Object.hasOwn(change, 'value') || change.value === undefined) invalidField('MISSING_VALUE', 'a change needs a value', `changes[${i}].value`);
    assertNoReservedKeys(change.value, `changes[${i}].value`);
    const inBase = locate(base, segments);
    if (!inBase) invalidField('UNKNOWN_PARAMETER', `no parameter at ${String(change.path)}`, `changes[${i}].path`);
    // The same path on the working copy (an earlier change may have replaced an enclosing value).
    const at = locate(parameters, segments);
    if (!at) return invalidField('UNKNOWN_PARAMETER', `no parameter at ${String(change.path)} after the earlier changes`, `changes[${i}].path`);
    const from = (inBase!.parent as Record<string | number, unknown>)[inBase!.key];
    Object.defineProperty(at.parent, at.key, { value: copyJson(change.value), enumerable: true, writable: true, configurable: true });
    changes.push({ path: change.path as string, from, to: change.value });
  });
  return { parameters, changes };
};
