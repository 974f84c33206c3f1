/** One farm-year in a what-if: the official outcome and the outcome under the hypothetical norm set. */
export type WhatIfFarm = Readonly<{
  farm: string;
  officialCents: number;
  hypotheticalCents: number;
  officialParts: Readonly<Record<string, number>>;
  hypotheticalParts: Readonly<Record<string, number>>;
}>;

export type WhatIfScenario = Readonly<{
  name: string;
  normSetId: string;
  baseVersion: number;
  year: number;
  changes: ReadonlyArray<Readonly<{ path: string; from: unknown; to: unknown }>>;
}>;

export type WhatIfReport = Readonly<{
  scenario: WhatIfScenario;
  /** The official record the report was computed from: the log up to this position. */
  logPosition: number;
  farms: ReadonlyArray<WhatIfFarm & { deltaCents: number; partDeltas: Readonly<Record<string, number>>; tierChanged: boolean }>;
  totals: Readonly<{ farms: number; officialCents: number; hypotheticalCents: number; deltaCents: number; farmsUp: number; farmsDown: number; farmsUnchanged: number; farmsChangingTier: number }>;
  parts: ReadonlyArray<Readonly<{ part: string; officialCents: number; hypotheticalCents: number; deltaCents: number; farmsChanged: number }>>;
  distribution: ReadonlyArray<Readonly<{ fromCents: number; toCents: number; farms: number }>>;
  budget: Readonly<{ ceilingCents: number; officialCents: number; hypotheticalCents: number; officialSharePct: string; hypotheticalSharePct: string; headroomBeforeCents: number; headroomAfterCents: number }> | null;
}>;

const pct = (part: number, whole: number) => (whole === 0 ? '0.00' : ((part * 100) / whole).toFixed(2));

/** Histogram of deltas: equal-width buckets over the observed range (20 at most), deterministic. */
const histogram = (deltas: number[], buckets = 20) => {
  if (!deltas.length) return [];
  const min = Math.min(...deltas);
  const max = Math.max(...deltas);
  if (min === max) return [{ fromCents: min, toCents: max, farms: deltas.length }];
  const width = Math.ceil((max - min + 1) / buckets);
  const out = Array.from({ length: Math.ceil((max - min + 1) / width) }, (_, i) => ({ fromCents: min + i * width, toCents: min + (i + 1) * width - 1, farms: 0 }));
  for (const d of deltas) out[Math.floor((d - min) / width)].farms++;
  return out;
};

/**
 * Compares official and hypothetical outcomes: per farm (pseudonymised), per part (KPI or levy
 * component), in total, as a distribution and against the budget ceiling. Deterministic: the same
 * inputs give the same report, byte for byte.
 */
export const buildWhatIfReport = (scenario: WhatIfScenario, logPosition: number, farms: readonly WhatIfFarm[], budgetCeilingCents: number | null): WhatIfReport => {
  const rows = [...farms]
    .sort((a, b) => (a.farm < b.farm ? -1 : a.farm > b.farm ? 1 : 0))
    .map((f) => {
      const keys = [...new Set([...Object.keys(f.officialParts), ...Object.keys(f.hypotheticalParts)])].sort();
      const partDeltas = Object.fromEntries(keys.map((k) => [k, (f.hypotheticalParts[k] ?? 0) - (f.officialParts[k] ?? 0)]));
      return { ...f, deltaCents: f.hypotheticalCents - f.officialCents, partDeltas, tierChanged: Object.values(partDeltas).some((d) => d !== 0) };
    });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const officialCents = sum(rows.map((r) => r.officialCents));
  const hypotheticalCents = sum(rows.map((r) => r.hypotheticalCents));
  const partNames = [...new Set(rows.flatMap((r) => Object.keys(r.partDeltas)))].sort();
  return {
    scenario,
    logPosition,
    farms: rows,
    totals: {
      farms: rows.length,
      officialCents,
      hypotheticalCents,
      deltaCents: hypotheticalCents - officialCents,
      farmsUp: rows.filter((r) => r.deltaCents > 0).length,
      farmsDown: rows.filter((r) => r.deltaCents < 0).length,
      farmsUnchanged: rows.filter((r) => r.deltaCents === 0).length,
      farmsChangingTier: rows.filter((r) => r.tierChanged).length,
    },
    parts: partNames.map((part) => {
      const o = sum(rows.map((r) => r.officialParts[part] ?? 0));
      const h = sum(rows.map((r) => r.hypotheticalParts[part] ?? 0));
      return { part, officialCents: o, hypotheticalCents: h, deltaCents: h - o, farmsChanged: rows.filter((r) => r.partDeltas[part] !== 0).length };
    }),
    distribution: histogram(rows.map((r) => r.deltaCents)),
    budget:
      budgetCeilingCents === null
        ? null
        : {
            ceilingCents: budgetCeilingCents,
            officialCents,
            hypotheticalCents,
            officialSharePct: pct(officialCents, budgetCeilingCents),
            hypotheticalSharePct: pct(hypotheticalCents, budgetCeilingCents),
            headroomBeforeCents: budgetCeilingCents - officialCents,
            headroomAfterCents: budgetCeilingCents - hypotheticalCents,
          },
  };
};
