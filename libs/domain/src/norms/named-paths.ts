import { invalidField, isPlainObject } from '../shared/guards';
import { MAX_PATH_LENGTH, MAX_PATH_SEGMENTS, RESERVED_KEYS, valueAtPath } from './parameter-paths';

/**
 * Named parameter paths (issues 16, 17; D61): the API's one way to address a parameter — an amendment
 * and a what-if scenario alike. A scenario addresses a parameter by what it is, not where it sits
 * in a list. `kpis[nSoilSurplus].landUses.grassland.tiers[2].threshold` is the second tier of the
 * grassland table of the KPI whose id is `nSoilSurplus`; `components[nh3-per-ha].levyFreeLevel` a levy
 * component by its id. In `list[key]` the key is the id of an entry of a list of entries with ids, or
 * the number of an entry (counted from 1, as tiers are numbered in the regulations) of any other list.
 * A bare index segment (`kpis.9`) is refused: a list's order may change between versions, a name does not.
 */
const SEGMENT = /^([A-Za-z0-9_-]+)(?:\[([A-Za-z0-9_.-]{1,100})\])?$/;

/** The index path (D31's form, for `applyParameterChanges`) a named path addresses in `parameters`. */
export const resolveNamedPath = (parameters: unknown, path: unknown, field: string): string => {
  if (typeof path !== 'string' || path.length === 0 || path.length > MAX_PATH_LENGTH) return invalidField('INVALID_PATH', `a parameter path has 1 to ${MAX_PATH_LENGTH} characters`, field);
  const segments = path.split('.');
  // A key in brackets may hold dots (none does today); split only outside brackets.
  const parts: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    let s = segments[i];
    while (s.includes('[') && !s.includes(']') && i + 1 < segments.length) s = `${s}.${segments[++i]}`;
    parts.push(s);
  }
  if (parts.length > MAX_PATH_SEGMENTS) return invalidField('INVALID_PATH', `a parameter path has at most ${MAX_PATH_SEGMENTS} segments`, field);
  const out: string[] = [];
  let node: unknown = parameters;
  for (const part of parts) {
    const m = SEGMENT.exec(part);
    if (!m) return invalidField('INVALID_PATH', `${part} is not a name or name[key]`, field);
    const [, name, key] = m;
    if (RESERVED_KEYS.includes(name) || (key !== undefined && RESERVED_KEYS.includes(key))) return invalidField('RESERVED_KEY', `${part} may not appear in a parameter path`, field);
    if (Array.isArray(node)) {
      const how = 'address an entry of a list by its id or its number from 1, e.g. kpis[nSoilSurplus] or tiers[1]';
      if (/^\d+$/.test(part)) return invalidField('INDEX_PATH', `${out.join('.')}.${part} is an array index: ${how}${suggestion(parameters, path)}`, field);
      return invalidField('UNKNOWN_PARAMETER', `${out.join('.')} is a list: ${how}`, field);
    }
    if (!isPlainObject(node) || !Object.hasOwn(node, name)) return invalidField('UNKNOWN_PARAMETER', `no parameter ${name} in ${out.join('.') || 'parameters'}`, field);
    out.push(name);
    node = node[name];
    if (key === undefined) continue;
    if (!Array.isArray(node)) return invalidField('UNKNOWN_PARAMETER', `${name} is not a list`, field);
    const list: unknown[] = node;
    const byId = list.findIndex((e) => isPlainObject(e) && e.id === key);
    const withIds = list.some((e) => isPlainObject(e) && typeof e.id === 'string');
    let index: number;
    if (withIds) index = byId;
    else index = /^[1-9]\d{0,5}$/.test(key) && Number(key) <= list.length ? Number(key) - 1 : -1;
    if (index < 0) return invalidField('UNKNOWN_PARAMETER', withIds ? `${name} has no entry with id ${key}` : `${name} has no entry number ${key} (numbered from 1 to ${list.length})`, field);
    out.push(String(index));
    node = list[index];
  }
  return out.join('.');
};

/** `; here: <name>` when the index path addresses a parameter, so the refusal says exactly what to send instead. */
const suggestion = (parameters: unknown, path: string): string => {
  try {
    return valueAtPath(parameters, path) === undefined ? '' : `; here: ${nameOfPath(parameters, path)}`;
  } catch {
    return ''; // not an index path either (a reserved or empty segment further on): no suggestion
  }
};

/**
 * The named path of an index path, for showing a change: lists of entries with ids by id, others by
 * number. A `*` of an amendment rule's pattern (D43) stays `*`: `kpis.0.tiers.*.threshold` reads
 * `kpis[nFarmSurplus].tiers[*].threshold`.
 */
export const nameOfPath = (parameters: unknown, indexPath: string): string => {
  const out: string[] = [];
  let node: unknown = parameters;
  for (const s of indexPath.split('.')) {
    if (Array.isArray(node) && s === '*') {
      out[out.length - 1] += '[*]';
      node = node[0];
      continue;
    }
    if (isPlainObject(node) && s === '*') {
      out.push(s);
      node = Object.values(node)[0];
      continue;
    }
    if (Array.isArray(node) && /^\d+$/.test(s)) {
      const entry = node[Number(s)];
      out[out.length - 1] += `[${isPlainObject(entry) && typeof entry.id === 'string' ? entry.id : Number(s) + 1}]`;
      node = entry;
      continue;
    }
    out.push(s);
    node = isPlainObject(node) && Object.hasOwn(node, s) ? node[s] : undefined;
  }
  return out.join('.');
};
