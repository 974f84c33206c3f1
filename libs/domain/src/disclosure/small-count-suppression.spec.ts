import fc from 'fast-check';
import { suppressSmallChanges, suppressSmallCounts, type ChangedCell, type ChangeLine, type CountedGroup } from './small-count-suppression';

const sizeOf = (groups: readonly CountedGroup[]) => new Map(groups.map((g) => [g.key, g.size]));
/** What subtraction gives away in a line: its total minus the counts shown. */
const hiddenIn = (line: readonly string[], shown: ReadonlySet<string>, size: Map<string, number>) => line.reduce((n, k) => n + (shown.has(k) ? 0 : size.get(k)!), 0);

describe('small-count suppression: one rule for /analytics and the what-if report (D61)', () => {
  it('shows a group from the minimum, hides a smaller one and the smallest shown one while the hidden ones together are below it', () => {
    const groups = [{ key: 'Drenthe', size: 6 }, { key: 'Overijssel', size: 5 }, { key: 'Groningen', size: 3 }];
    // Overijssel shown would give away Groningen's 3 as 14 − 6 − 5.
    expect([...suppressSmallCounts(groups, 5).shown]).toEqual(['Drenthe']);
    expect(suppressSmallCounts(groups, 5).total).toBe(14);
    expect(suppressSmallCounts(groups, 3).shown.size).toBe(3);
    expect(suppressSmallCounts([{ key: 'a', size: 2 }, { key: 'b', size: 2 }], 5)).toEqual({ shown: new Set(), total: null });
    expect(suppressSmallCounts([{ key: 'unknown', size: 30, nameable: false }, { key: 'Drenthe', size: 30 }], 10).shown).toEqual(new Set(['Drenthe']));
    expect(suppressSmallCounts([{ key: 'empty', size: 0 }, { key: 'Drenthe', size: 30 }], 10).shown).toEqual(new Set(['empty', 'Drenthe']));
  });

  it('refuses a minimum that is not a whole number above zero, and keys that are not unique', () => {
    expect(() => suppressSmallCounts([], 0)).toThrow(RangeError);
    expect(() => suppressSmallCounts([], 2.5)).toThrow(RangeError);
    expect(() => suppressSmallCounts([{ key: 'a', size: 1 }, { key: 'a', size: 2 }], 2)).toThrow(RangeError);
  });

  it('no shown figure lets a hidden group below the minimum be computed: cells and the total shown (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ size: fc.nat(30), nameable: fc.boolean() }), { maxLength: 14 }), fc.integer({ min: 1, max: 15 }), (cells, minimum) => {
        const groups = cells.map((c, i) => ({ key: `g${i}`, ...c }));
        const { shown, total } = suppressSmallCounts(groups, minimum);
        const size = sizeOf(groups);
        const all = groups.reduce((n, g) => n + g.size, 0);
        for (const g of groups) if (shown.has(g.key)) expect(g.nameable && (g.size >= minimum || g.size === 0)).toBe(true);
        if (total === null) {
          // Everything together is a small group: no total, and then no cell either.
          expect(all > 0 && all < minimum).toBe(true);
          expect([...shown].every((k) => size.get(k) === 0)).toBe(true);
        } else {
          expect(total).toBe(all);
          const hidden = hiddenIn(groups.map((g) => g.key), shown, size);
          expect(hidden === 0 || hidden >= minimum).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('in a cross table with its margins, no row, column or table lets a small count be computed by subtraction (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat(12), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 2, max: 12 }), (matrix, minimum) => {
        const columns = Math.min(...matrix.map((r) => r.length));
        const cells = matrix.flatMap((r, i) => r.slice(0, columns).map((n, j) => ({ key: `c${i}.${j}`, size: n })));
        const rows = matrix.map((r, i) => ({ key: `r${i}`, size: r.slice(0, columns).reduce((a, b) => a + b, 0) }));
        const cols = Array.from({ length: columns }, (_, j) => ({ key: `k${j}`, size: matrix.reduce((n, r) => n + r[j], 0) }));
        const lines = [
          rows.map((g) => g.key),
          cols.map((g) => g.key),
          cells.map((g) => g.key),
          ...matrix.map((_, i) => cells.filter((c) => c.key.startsWith(`c${i}.`)).map((c) => c.key)),
          ...cols.map((_, j) => cells.filter((c) => c.key.endsWith(`.${j}`)).map((c) => c.key)),
        ];
        const groups = [...rows, ...cols, ...cells];
        const { shown } = suppressSmallCounts(groups, minimum, lines);
        const size = sizeOf(groups);
        const margins = ['table', 'table', 'table', ...matrix.map((_, i) => `r${i}`), ...cols.map((_, j) => `k${j}`)];
        lines.forEach((line, i) => {
          const hidden = hiddenIn(line, shown, size);
          const total = line.reduce((n, k) => n + size.get(k)!, 0);
          // Where the line's total is known (a margin shown, or a table's total) or a count in it is shown, the remainder is no small count.
          const totalKnown = margins[i] === 'table' ? total >= minimum : shown.has(margins[i]);
          if (totalKnown || line.some((k) => shown.has(k) && size.get(k)! > 0)) expect({ line: i, safe: hidden === 0 || hidden >= minimum }).toEqual({ line: i, safe: true });
        });
        for (const g of groups) if (shown.has(g.key)) expect(g.size >= minimum || g.size === 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('hides one more change beside a small hidden one, or the total\'s when none is left (D69)', () => {
    const ids = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `${tag}${i}`);
    const cells = [{ key: 'total', changed: [...ids('a', 20), 'b0'] }, { key: '2024', changed: ids('a', 20) }, { key: '2025', changed: ['b0'] }];
    expect([...suppressSmallChanges(cells, 10, [{ total: 'total', cells: ['2024', '2025'] }])]).toEqual(['total']);
    const few = [{ key: 'total', changed: ['a', 'b'] }, { key: 'x', changed: ['a'] }, { key: 'y', changed: ['b'] }];
    expect([...suppressSmallChanges(few, 10, [{ total: 'total', cells: ['x', 'y'] }])]).toEqual([]);
    // Parts of one farm-year overlap: the hidden ones count each farm-year once.
    const parts = [{ key: 'total', changed: ids('a', 30) }, { key: 'p', changed: ids('a', 5) }, { key: 'q', changed: ids('a', 6) }, { key: 'r', changed: ids('a', 30) }];
    expect([...suppressSmallChanges(parts, 10, [{ total: 'total', cells: ['p', 'q', 'r'] }])]).toEqual(['total']);
    expect(() => suppressSmallChanges(cells, 10, [{ total: 'total', cells: ['2026'] }])).toThrow(RangeError);
  });

  it('no hidden change is the total\'s minus the changes shown, unless the hidden ones together reach the minimum (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ changed: fc.nat(25), hidden: fc.boolean(), delta: fc.integer({ min: -5000, max: 5000 }) }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 15 }),
        (table, minimum) => {
          const cells = table.map((c, i) => ({ key: `c${i}`, changed: Array.from({ length: c.changed }, (_, j) => `c${i}.${j}`), hidden: c.hidden }));
          const all = cells.flatMap((c) => c.changed);
          const shown = suppressSmallChanges([{ key: 'total', changed: all }, ...cells], minimum, [{ total: 'total', cells: cells.map((c) => c.key) }]);
          const hidden = table.filter((_, i) => !shown.has(`c${i}`));
          const hiddenChanged = hidden.reduce((n, c) => n + c.changed, 0);
          for (const [i, c] of table.entries()) if (shown.has(`c${i}`)) expect(c.changed === 0 || c.changed >= minimum).toBe(true);
          if (shown.has('total')) {
            expect(hiddenChanged === 0 || hiddenChanged >= minimum).toBe(true);
            // The subtraction an analyst can do gives the hidden cells' changes together, never one alone below the minimum.
            const total = table.reduce((n, c) => n + c.delta, 0);
            const remainder = total - table.reduce((n, c, i) => n + (shown.has(`c${i}`) ? c.delta : 0), 0);
            const alone = hidden.filter((c) => c.changed > 0);
            if (alone.length === 1) expect(alone[0].changed).toBeGreaterThanOrEqual(minimum);
            expect(remainder).toBe(hidden.reduce((n, c) => n + c.delta, 0));
          } else expect(all.length > 0 && all.length < minimum).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** The rule as first written (D69): every cell's distinct members counted in full. */
const suppressSmallChangesInFull = (cells: readonly ChangedCell[], minimum: number, lines: readonly ChangeLine[]): ReadonlySet<string> => {
  const changed = new Map(cells.map((c) => [c.key, c.changed]));
  const small = (n: number) => n > 0 && n < minimum;
  const sizes = new Map(cells.map((c) => [c.key, new Set(c.changed).size]));
  const size = (key: string) => sizes.get(key)!;
  const shown = new Set(cells.filter((c) => !c.hidden && !small(size(c.key))).map((c) => c.key));
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

describe('small-count suppression of changes, members counted only as far as a comparison needs (D75)', () => {
  it('shows exactly what counting every distinct member shows, members named twice included (property)', () => {
    const cell = fc.record({ changed: fc.array(fc.integer({ min: 0, max: 25 }).map((m) => `m${m}`), { maxLength: 30 }), hidden: fc.boolean() });
    fc.assert(
      fc.property(fc.array(cell, { minLength: 2, maxLength: 8 }), fc.integer({ min: 1, max: 12 }), fc.array(fc.array(fc.nat(7), { minLength: 1, maxLength: 5 }), { maxLength: 4 }), (drawn, minimum, extra) => {
        const cells: ChangedCell[] = [{ key: 'total', changed: [...new Set(drawn.flatMap((c) => c.changed))] }, ...drawn.map((c, i) => ({ key: `c${i}`, ...c }))];
        const lines: ChangeLine[] = [{ total: 'total', cells: drawn.map((_, i) => `c${i}`) }, ...extra.map((l, j) => ({ total: `c${l[0] % drawn.length}`, cells: [...new Set(l.slice(1).map((x) => `c${x % drawn.length}`))].filter((key) => key !== `c${l[0] % drawn.length}`) })).filter((l) => l.cells.length)];
        expect(suppressSmallChanges(cells, minimum, lines)).toEqual(suppressSmallChangesInFull(cells, minimum, lines));
      }),
      { numRuns: 2000 },
    );
  });
});
