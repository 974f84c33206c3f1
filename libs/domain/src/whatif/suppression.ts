/**
 * Analysts see no farm (issue 17, D52): a group of fewer than `minGroupSize` farm-years is shown
 * without figures, and where a table would let one suppressed cell be found by subtraction from the
 * others and the total, the next smallest cell is suppressed too (complementary suppression).
 */
export type GroupCell<T> = Readonly<{ group: string; farmYears: number | null; suppressed: boolean; figures: T | null }>;

export const suppressSmallGroups = <T>(cells: ReadonlyArray<Readonly<{ group: string; farmYears: number; figures: T }>>, minGroupSize: number): GroupCell<T>[] => {
  const small = new Set(cells.filter((c) => c.farmYears < minGroupSize).map((c) => c.group));
  // One hidden cell among shown ones is found as total − the others: hide the smallest shown cell too.
  if (small.size === 1 && cells.length > 1) {
    const next = [...cells].filter((c) => !small.has(c.group)).sort((a, b) => a.farmYears - b.farmYears || (a.group < b.group ? -1 : 1))[0];
    if (next) small.add(next.group);
  }
  return cells.map((c) => (small.has(c.group) ? { group: c.group, farmYears: null, suppressed: true, figures: null } : { group: c.group, farmYears: c.farmYears, suppressed: false, figures: c.figures }));
};

/** Area classes coarse enough that, with a province, they describe groups rather than farms. */
export const AREA_CLASSES = [
  { label: 'under 30 ha', below: 30 },
  { label: '30 to 60 ha', below: 60 },
  { label: '60 to 100 ha', below: 100 },
  { label: '100 ha or more', below: Number.POSITIVE_INFINITY },
] as const;

export const areaClassOf = (areaHa: number | null): string => (areaHa === null ? 'area unknown' : AREA_CLASSES.find((c) => areaHa < c.below)!.label);
