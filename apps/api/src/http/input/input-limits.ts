/** Limits on request bodies, documented in docs/input-conventions.md. */
export const INPUT_LIMITS = {
  /** The largest body any endpoint takes (a full norm-set document is about 4 KB). */
  bodyBytes: 256 * 1024,
  /** Objects and arrays nested deeper than this are refused before any validator walks them. */
  depth: 32,
} as const;

/** Keys that reach an object's prototype when a body is copied or walked: refused everywhere. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
