/**
 * Small-count suppression (D54, D52, D61): the one rule by which analysts see groups, never a farm —
 * for `/analytics` and for the what-if report alike, with one minimum (`ANALYTICS_MIN_GROUP_SIZE`).
 *
 *   - a group of fewer than `minimum` members is not shown: neither its count nor its figures;
 *   - a group nobody may name (farms without a province) is not shown either;
 *   - the total of a table is published (or derivable), so the groups hidden in it together form a group
 *     too (total − the groups shown). While that group is not empty and below the minimum, the smallest
 *     group still shown is hidden as well (complementary suppression) — in every table, and in every row
 *     and column of a cross table whose margin another table shows (`lines`);
 *   - when everything together is below the minimum, the total is not shown (`total: null`).
 *
 * So no count below the minimum can be computed by subtracting shown counts from a shown total. Stated
 * limit: each line is protected on its own; this is not a full audit of every linear combination of
 * several lines of a cross table (which a statistics office's tau-argus would do).
 */
export type CountedGroup = Readonly<{
  key: string;
  size: number;
  /** False for a group that may not be named whatever its size (e.g. "province unknown"). Default true. */
  nameable?: boolean;
}>;

export type SmallCountDisclosure = Readonly<{
  /** The keys of the groups that may be shown, with their count and figures. */
  shown: ReadonlySet<string>;
  /** The number of members of the (first) table, or null when that is itself below the minimum. */
  total: number | null;
}>;

/** A whole number of at least 1: a configuration error otherwise, never a silent "show everything". */
export const assertMinimumGroupSize = (minimum: number): void => {
  if (!Number.isSafeInteger(minimum) || minimum < 1) throw new RangeError(`the minimum group size is a whole number above 0, not ${minimum}`);
};

/**
 * Which groups may be shown. `groups` are the cells of one table, or of several tables over the same
 * members (keys unique across them); each table's cells are one line of `lines` (the first line: the
 * table whose total is `total`), as is each row and column of a cross table. Without `lines`, all groups
 * are one table.
 */
export const suppressSmallCounts = (groups: readonly CountedGroup[], minimum: number, lines?: ReadonlyArray<readonly string[]>): SmallCountDisclosure => {
  assertMinimumGroupSize(minimum);
  const size = new Map(groups.map((g) => [g.key, g.size]));
  if (size.size !== groups.length) throw new RangeError('the keys of the groups are unique');
  const shown = new Set(groups.filter((g) => g.nameable !== false && (g.size >= minimum || g.size === 0)).map((g) => g.key));
  const allLines = lines ?? [groups.map((g) => g.key)];
  // Hiding only ever grows, so this ends; each pass hides one group or finds every line safe.
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of allLines) {
      const hidden = line.reduce((n, key) => n + (shown.has(key) ? 0 : size.get(key) ?? 0), 0);
      if (hidden === 0 || hidden >= minimum) continue;
      const next = line.filter((key) => shown.has(key) && size.get(key)! > 0).sort((a, b) => size.get(a)! - size.get(b)! || (a < b ? -1 : a > b ? 1 : 0))[0];
      if (next === undefined) continue; // nothing left shown in this line: its hidden sum is not computable from it
      shown.delete(next);
      changed = true;
    }
  }
  const total = allLines[0]?.reduce((n, key) => n + (size.get(key) ?? 0), 0) ?? 0;
  return { shown, total: total > 0 && total < minimum ? null : total };
};

/**
 * A figure summed over the members of a cell that changed (a year's, a group's or a part's change), or a
 * line's total of such figures. `changed` names the members whose figure changed (the figure is theirs
 * alone); `hidden` says it is hidden for another reason already (its cell's count is suppressed).
 */
export type ChangedCell = Readonly<{ key: string; changed: readonly string[]; hidden?: boolean }>;
/** A table (or a row or column of a cross table) whose cells' changes add up to `total`'s, which is a cell too. */
export type ChangeLine = Readonly<{ total: string; cells: readonly string[] }>;

/**
 * Which changes may be shown (D69): complementary suppression of sums. A change over fewer than `minimum`
 * changed members is hidden; then, per line, the changes hidden in it together are a change too (its total
 * minus the cells shown), over the members changed in any of them (counted once: parts of one farm-year
 * overlap). While that is not empty and below the minimum, the smallest change still shown in the line is
 * hidden as well; when none is left, the line's total is hidden. Lines share cells (a table's total, a
 * cross table's margins), so this repeats until every line is safe. A line whose total is hidden gives
 * nothing away by subtraction. Same stated limit as above: lines, not every linear combination of them.
 */
export const suppressSmallChanges = (cells: readonly ChangedCell[], minimum: number, lines: readonly ChangeLine[]): ReadonlySet<string> => {
  assertMinimumGroupSize(minimum);
  const changed = new Map(cells.map((c) => [c.key, c.changed]));
  if (changed.size !== cells.length) throw new RangeError('the keys of the cells are unique');
  for (const line of lines) for (const key of [line.total, ...line.cells]) if (!changed.has(key)) throw new RangeError(`a line names a cell that is not given: ${key}`);
  const small = (n: number) => n > 0 && n < minimum;
  // Distinct members counted when a size is compared, and only up to the minimum where that is all a
  // comparison needs: at national size a cell names 100,000 members or more (D75).
  const sizes = new Map<string, number>();
  const size = (key: string) => {
    let n = sizes.get(key);
    if (n === undefined) sizes.set(key, (n = new Set(changed.get(key)!).size));
    return n;
  };
  const isSmall = (key: string) => {
    if (sizes.has(key)) return small(sizes.get(key)!);
    const members = changed.get(key)!;
    if (members.length < minimum) return small(size(key));
    const seen = new Set<string>();
    for (const m of members) if (seen.add(m).size >= minimum) return false;
    return small(seen.size);
  };
  const shown = new Set(cells.filter((c) => !c.hidden && !isSmall(c.key)).map((c) => c.key));
  for (let again = true; again; ) {
    again = false;
    for (const line of lines) {
      if (!shown.has(line.total)) continue;
      const hidden = new Set(line.cells.filter((key) => !shown.has(key)).flatMap((key) => changed.get(key)!));
      if (!small(hidden.size)) continue;
      const next = line.cells.filter((key) => shown.has(key) && size(key) > 0).sort((a, b) => size(a) - size(b) || (a < b ? -1 : a > b ? 1 : 0))[0];
      shown.delete(next ?? line.total);
      again = true;
    }
  }
  return shown;
};
