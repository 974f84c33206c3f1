import { isPlainObject } from '../shared/guards';
import { nameOfPath } from './named-paths';
import type { NormSetChange } from './norm-set';
import { valueAtPath } from './parameter-paths';

const isContainer = (v: unknown): v is object => v !== null && typeof v === 'object';

/** Every leaf that differs between two parameter documents, by index path (a list entry added or gone is one change). */
const leafDifferences = (a: unknown, b: unknown, path: string): NormSetChange[] => {
  if (isContainer(a) && isContainer(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => leafDifferences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path, from: a, to: b }];
};

/**
 * What differs between two versions' parameters, by name (D61): `path` is the named path read against
 * the later document (where an entry is gone, against the earlier one). The API's diff between two
 * published versions and the web app's preview of a draft against the version it amends (D81) are this
 * one function, so a person sees before publishing exactly what the diff shows after.
 */
export const parameterDifferences = (earlier: unknown, later: unknown): NormSetChange[] =>
  leafDifferences(earlier, later, '').map((c) => ({ ...c, path: nameOfPath(valueAtPath(later, c.path) !== undefined ? later : earlier, c.path) }));

/**
 * The amendment that turns `base` into `draft` (D81): one change per differing leaf, by its name in
 * `base` (the version the decider resolves names against); a list whose length changed (a tier added
 * or removed) is one change of the whole list, and so is a value whose shape changed.
 */
export const amendmentTurning = (base: unknown, draft: unknown): Array<{ path: string; value: unknown }> => {
  const changes: Array<{ path: string; value: unknown }> = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    const sameList = Array.isArray(a) && Array.isArray(b) && a.length === b.length;
    const sameRecord = isPlainObject(a) && isPlainObject(b) && Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => Object.hasOwn(b, k));
    if (path && !sameList && !sameRecord) {
      changes.push({ path: nameOfPath(base, path), value: b });
      return;
    }
    for (const k of Object.keys(b as object)) walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
  };
  walk(base, draft, '');
  return changes;
};
