/** One value that differs between two moments: where (a readable path), before and after (undefined: absent). */
export type StateChange = Readonly<{ path: string; before: unknown; after: unknown }>;

/** Lists of records are matched by what names them, not by their place in the list. */
const IDENTITY_KEYS = ['stream', 'findingId', 'submissionId', 'authorisationId', 'applicationId', 'year', 'id'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const identityOf = (items: readonly unknown[]): string | null =>
  items.length > 0 && items.every(isRecord) ? (IDENTITY_KEYS.find((k) => items.every((i) => ['string', 'number'].includes(typeof (i as Record<string, unknown>)[k]))) ?? null) : null;

/**
 * The values that differ between two states of a farm (`GET /audit/farms/{farmId}/difference`):
 * a leaf-by-leaf comparison whose paths name records by their id (`scores[score-drenthe-2025-…].status`),
 * so that an inserted record does not show as every record after it changing. At most `limit` changes.
 */
export const stateDifference = (before: unknown, after: unknown, limit = 500): StateChange[] => {
  const changes: StateChange[] = [];
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (changes.length >= limit) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      const key = identityOf([...a, ...b]);
      if (key) {
        const byKey = (items: unknown[]) => new Map(items.map((i) => [String((i as Record<string, unknown>)[key]), i]));
        const left = byKey(a);
        const right = byKey(b);
        for (const id of new Set([...left.keys(), ...right.keys()])) walk(left.get(id), right.get(id), `${path}[${id}]`);
        return;
      }
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`);
      return;
    }
    if (isRecord(a) && isRecord(b)) {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[k], b[k], path ? `${path}.${k}` : k);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ path, before: a, after: b });
  };
  walk(before, after, '');
  return changes;
};
