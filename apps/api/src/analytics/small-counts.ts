import { suppressSmallCounts } from '@asb/domain';

/**
 * Small-count suppression (D54, D61): analysts see no group of fewer farms than the minimum — neither
 * its figures nor its count — so that no farm can be singled out of an aggregate. Because the total
 * is shown, the groups withheld together are a group too (total − the groups shown): while they hold
 * fewer farms than the minimum, the smallest group shown is withheld as well (complementary
 * suppression) — the domain's `suppressSmallCounts`, the same rule as the what-if report's. Here the
 * groups become the response: withheld ones counted together, never named one by one.
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
  const byProvince = new Map<string, FarmFigures[]>();
  for (const row of rows) {
    const key = row.province ?? '';
    byProvince.set(key, [...(byProvince.get(key) ?? []), row]);
  }
  // The one rule of the domain (D61): which province groups may be shown; farms without a province are never a group.
  const { shown, total } = suppressSmallCounts([...byProvince].map(([province, members]) => ({ key: province, size: members.length, nameable: province !== '' })), minimum);
  if (total === null || rows.length === 0) return { farms: null, rows: [], groups: [], suppressedGroups: rows.length === 0 ? 0 : 1 };
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
