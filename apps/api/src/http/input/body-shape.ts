import { INPUT_LIMITS, RESERVED_KEYS } from './input-limits';

export type ShapeProblem = Readonly<{ code: 'NOT_AN_OBJECT' | 'NULL_NOT_ALLOWED' | 'NUMBER_OUT_OF_RANGE' | 'RESERVED_KEY' | 'TOO_DEEP' | 'NESTED_ARRAY'; field: string; message: string }>;

const join = (parent: string, key: string | number) => (parent ? `${parent}.${key}` : String(key));

/**
 * The first reason a parsed JSON body is refused whatever the endpoint: a body that is not a JSON
 * object (every endpoint takes an object or nothing), a `null` anywhere (null is
 * never the same as absent here: an optional field is left out), a reserved key, or nesting deeper
 * than the limit, or an array directly inside an array (no endpoint takes one; a validator would
 * otherwise turn `[[…]]` into an object with a key "0"), or a number JSON.parse could only read as
 * ±Infinity (`1e400`: no validator, canonical JSON or event may hold one; it once answered 500). Walks with an explicit stack, so a hostile depth cannot overflow the call stack.
 */
export const bodyShapeProblem = (body: unknown, maxDepth: number = INPUT_LIMITS.depth): ShapeProblem | null => {
  if (body === undefined) return null;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { code: 'NOT_AN_OBJECT', field: 'body', message: 'the body must be a JSON object' };
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (value === null) {
      return { code: 'NULL_NOT_ALLOWED', field: path, message: `${path}: null is not allowed; leave an optional field out instead` };
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      return { code: 'NUMBER_OUT_OF_RANGE', field: path, message: `${path}: the number is beyond the range of a double` };
    }
    if (typeof value !== 'object') continue;
    if (depth >= maxDepth) return { code: 'TOO_DEEP', field: path, message: `${path || 'body'}: nested deeper than ${maxDepth} levels` };
    if (Array.isArray(value)) {
      const inner = value.findIndex((item) => Array.isArray(item));
      if (inner >= 0) return { code: 'NESTED_ARRAY', field: join(path, inner), message: `${join(path, inner)}: an array inside an array is not allowed here` };
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: join(path, i), depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    for (const key of keys) {
      if (RESERVED_KEYS.has(key)) return { code: 'RESERVED_KEY', field: join(path, key), message: `${join(path, key)}: the key ${key} is not allowed` };
    }
    for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (value as Record<string, unknown>)[keys[i]], path: join(path, keys[i]), depth: depth + 1 });
  }
  return null;
};
