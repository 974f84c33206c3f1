/**
 * Small-count suppression (D54): analysts see no group of fewer farms than the minimum — neither
 * its figures nor its count — so that no farm can be singled out of an aggregate. Because the total
 * is shown, the groups withheld together are a group too (total − the groups shown): while they hold
 * fewer farms than the minimum, the smallest group shown is withheld as well (complementary
 * suppression). The groups withheld are counted together, never named one by one.
 */
export type FarmFigures = Readonly<{ farm: string; province: string | null; areaHa: number | null; nSurplusKgHa: number | null; p2o5SurplusKgHa: number | null }>;

export type GroupSummary = Readonly<{ province: string; farms: number; meanNSurplusKgHa: number | null; meanP2o5SurplusKgHa: number | null }>;

export type SuppressedBalances = Readonly<{
  /** The number of farms, or null when it is below the minimum (then nothing else is shown either). */
  farms: number | null;
  /** Per farm under its pseudonym; a province only where that province's group reaches the minimum. */
  rows: FarmFigures[];
  groups: GroupSummary[];
  /** How many province groups were withheld for being smaller than the minimum. */
  suppressedGroups: number;
}>;

/** The mean of the figures known (a farm without land has no figure per ha), to one decimal; null when none is. */
const mean = (values: ReadonlyArray<number | null>): number | null => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 10) / 10 : null;
};

export const suppressSmallGroups = (rows: readonly FarmFigures[], minimum: number): SuppressedBalances => {
  if (!Number.isSafeInteger(minimum) || minimum < 1) throw new RangeError(`the minimum group size is a whole number above 0, not ${minimum}`);
  if (rows.length < minimum) return { farms: null, rows: [], groups: [], suppressedGroups: rows.length === 0 ? 0 : 1 };
  const byProvince = new Map<string, FarmFigures[]>();
  for (const row of rows) {
    const key = row.province ?? '';
    byProvince.set(key, [...(byProvince.get(key) ?? []), row]);
  }
  const shown = new Set([...byProvince].filter(([province, members]) => province !== '' && members.length >= minimum).map(([province]) => province));
  const hiddenFarms = () => rows.length - [...shown].reduce((n, p) => n + byProvince.get(p)!.length, 0);
  while (hiddenFarms() > 0 && hiddenFarms() < minimum && shown.size > 0) {
    const smallest = [...shown].sort((a, b) => byProvince.get(a)!.length - byProvince.get(b)!.length || (a < b ? -1 : 1))[0]!;
    shown.delete(smallest);
  }
  const groups = [...shown].sort().map((province) => {
    const members = byProvince.get(province)!;
    return { province, farms: members.length, meanNSurplusKgHa: mean(members.map((m) => m.nSurplusKgHa)), meanP2o5SurplusKgHa: mean(members.map((m) => m.p2o5SurplusKgHa)) };
  });
  return {
    farms: rows.length,
    rows: rows.map((row) => ({ ...row, province: row.province !== null && shown.has(row.province) ? row.province : null })),
    groups,
    suppressedGroups: [...byProvince.keys()].filter((p) => !shown.has(p)).length,
  };
};
