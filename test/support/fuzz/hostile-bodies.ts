import fc from 'fast-check';
import { resolve, type OpenApiDocument, type Schema } from './openapi';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = ReadonlyArray<string | number>;

/** A plausible body for a schema: what a careless but honest client would send. */
export const plausible = (doc: OpenApiDocument, raw: Schema, depth = 0): Json => {
  const schema = resolve(doc, raw);
  if (schema.example !== undefined) return schema.example as Json;
  if (schema.enum?.length) return schema.enum[0] as Json;
  switch (schema.type) {
    case 'string':
      return 'fuzz-value';
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return depth > 6 || !schema.items ? [] : [plausible(doc, schema.items, depth + 1)];
    default: {
      const out: Record<string, Json> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) if (depth < 6) out[key] = plausible(doc, prop, depth + 1);
      return out;
    }
  }
};

/** Every place in a body a mutation can land, with the schema type declared there (if any). */
const places = (doc: OpenApiDocument, body: Json, raw: Schema | undefined, at: Path = []): Array<{ at: Path; type?: string; required?: string[] }> => {
  const schema = raw ? resolve(doc, raw) : undefined;
  const here = { at, type: schema?.type ?? (schema?.properties ? 'object' : undefined), required: schema?.required };
  if (Array.isArray(body)) return [here, ...body.flatMap((item, i) => places(doc, item, schema?.items, [...at, i]))];
  if (body && typeof body === 'object') return [here, ...Object.entries(body).flatMap(([k, v]) => places(doc, v, schema?.properties?.[k], [...at, k]))];
  return [here];
};

const clone = (body: Json): Json => JSON.parse(JSON.stringify(body));
const setAt = (body: Json, at: Path, value: Json): Json => {
  if (at.length === 0) return value;
  const copy = clone(body) as Record<string | number, Json>;
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[at[at.length - 1]] = value;
  return copy;
};
/** Adds a key as an own property, even `__proto__` (an assignment would set the prototype instead). */
const withOwnKey = (body: Json, at: Path, key: string, value: Json): Json => {
  const copy = clone(body);
  let node = copy as Record<string | number, Json>;
  for (const k of at) node = node[k] as Record<string | number, Json>;
  Object.defineProperty(node, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
};
const deep = (levels: number): Json => {
  let v: Json = 1;
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};

const WRONG_BY_TYPE: Record<string, Json[]> = {
  string: [42, true, {}, [], -1.5],
  number: ['12', true, {}, [], '1e3'],
  integer: ['12', true, {}, [], 1.5],
  boolean: ['true', 1, {}, []],
  array: ['x', 1, { a: 1 }, true],
  object: ['x', 1, [1], true],
};

export type HostileBody = Readonly<{ kind: string; body: Json }>;

/**
 * Bodies that must be refused whatever the endpoint: each carries at least one defect the input
 * conventions refuse (a null, a reserved or unknown key, a wrong type, nesting, a missing required
 * field), sometimes on top of another. Never a body that could be valid.
 */
export const hostileBody = (doc: OpenApiDocument, schema: Schema | null): fc.Arbitrary<HostileBody> => {
  if (!schema) {
    // An endpoint without a body: any body with content is refused.
    return fc.oneof(
      fc.constantFrom<Json>({ extra: 1 }, { __fuzz: null }, [1], 'text', 7, { a: { b: [] } }).map((body) => ({ kind: 'body-where-none', body })),
      fc.constant({ kind: 'reserved-key', body: withOwnKey({}, [], '__proto__', { polluted: true }) }),
    );
  }
  const base = plausible(doc, schema);
  const spots = places(doc, base, schema);
  const valueAt = (at: Path) => at.reduce<Json>((node, k) => (node as Record<string | number, Json>)[k], base);
  const isPlainObject = (v: Json) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const objects = spots.filter((s) => isPlainObject(valueAt(s.at)));
  const typed = spots.filter((s) => s.at.length > 0 && s.type && WRONG_BY_TYPE[s.type]);
  const requiredSpots = objects.flatMap((o) => (o.required ?? []).map((r) => ({ at: o.at, key: r })));
  const mutation = fc.oneof(
    fc.constantFrom(...spots.filter((s) => s.at.length > 0)).map((s) => ({ kind: 'null', body: setAt(base, s.at, null) })),
    fc.tuple(fc.constantFrom(...objects), fc.constantFrom('__proto__', 'constructor', 'prototype')).map(([s, key]) => ({ kind: `reserved-key:${key}`, body: withOwnKey(base, s.at, key, { polluted: true }) })),
    fc.tuple(fc.constantFrom(...objects), fc.string({ minLength: 1, maxLength: 12 }).filter((k) => /^[a-z]/i.test(k))).map(([s, key]) => ({ kind: 'unknown-key', body: withOwnKey(base, s.at, `zz${key}`, 'surprise') })),
    fc.constantFrom(...spots).chain((s) => fc.integer({ min: 40, max: 3000 }).map((n) => ({ kind: 'too-deep', body: s.at.length ? setAt(base, s.at, deep(n)) : deep(n) }))),
    fc.constantFrom(...spots.filter((s) => s.at.length > 0)).map((s) => ({ kind: 'nested-array', body: setAt(base, s.at, [[[]]]) })),
    ...(typed.length ? [fc.constantFrom(...typed).chain((s) => fc.constantFrom(...WRONG_BY_TYPE[s.type!]).map((v) => ({ kind: `wrong-type:${s.type}`, body: setAt(base, s.at, v) })))] : []),
    ...(requiredSpots.length
      ? [
          fc.constantFrom(...requiredSpots).map(({ at, key }) => {
            const copy = clone(base);
            let node = copy as Record<string | number, Json>;
            for (const k of at) node = node[k] as Record<string | number, Json>;
            delete node[key];
            return { kind: 'missing-required', body: copy };
          }),
        ]
      : []),
    fc.constantFrom<Json>([], 'a string', 12, true, [base]).map((body) => ({ kind: 'not-an-object', body })),
  );
  return mutation;
};

/** Path parameter values no route may take for an id or a year; a few spell an object's own keys. */
export const HOSTILE_PATH_VALUES = ['0x7e9', '__proto__', 'constructor', 'prototype', 'hasOwnProperty', '..%2F..%2Fetc', '%00', 'x'.repeat(300), 'A B', '-1', '1e3', '2025.5', '%E2%80%AE', "'; drop table events; --"];
