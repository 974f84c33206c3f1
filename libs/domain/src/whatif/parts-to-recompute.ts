import type { NormSetKind } from '../norms/norm-set';
import { ruleFamily } from '../norms/rule-families';

const byRecorded = new WeakMap<object, WeakMap<object, Map<string, ReadonlySet<string> | null>>>();

/**
 * The parts of a result (KPIs, levy components) a what-if must compute again under `hypothetical`
 * for a result recorded under `recorded` (D65): those whose rule differs, those the recorded document
 * has not, and those that read a figure in `moved` (the rule family says what each part reads: a
 * balance parameter that moves FPCM moves a per-kg-FPCM component, nothing else). Null: nothing can
 * stand (the family's results have no parts, or the parts are named otherwise). Memoised per pair of
 * parameter objects, which a run shares between farm-years.
 */
export const partsToRecompute = (kind: NormSetKind, recorded: object, hypothetical: object, moved: readonly string[]): ReadonlySet<string> | null => {
  let inner = byRecorded.get(recorded);
  if (!inner) byRecorded.set(recorded, (inner = new WeakMap()));
  let byMoved = inner.get(hypothetical);
  if (!byMoved) inner.set(hypothetical, (byMoved = new Map()));
  const key = moved.join('\u0000');
  if (byMoved.has(key)) return byMoved.get(key)!;
  const family = ruleFamily(kind).resultParts;
  const before = family?.(recorded);
  const after = family?.(hypothetical);
  let again: Set<string> | null = null;
  if (before && after && before.frame === after.frame) {
    const rules = new Map(before.parts.map((p) => [p.id, JSON.stringify(p.rule)]));
    again = new Set(after.parts.filter((p) => rules.get(p.id) !== JSON.stringify(p.rule) || p.reads.some((r) => moved.includes(r))).map((p) => p.id));
  }
  byMoved.set(key, again);
  return again;
};
