import { suppressSmallGroups, type FarmFigures } from './small-counts';

const farm = (n: number, province: string | null, nSurplus = 100): FarmFigures => ({ farm: `p-${n}`, province, areaHa: 50, nSurplusKgHa: nSurplus, p2o5SurplusKgHa: 5 });
const farms = (count: number, province: string | null, from = 0) => Array.from({ length: count }, (_, i) => farm(from + i, province, 100 + i));

describe('small-count suppression (D54)', () => {
  it('shows nothing, not even the count, when all farms together are fewer than the minimum', () => {
    expect(suppressSmallGroups(farms(4, 'Drenthe'), 5)).toEqual({ farms: null, rows: [], groups: [], suppressedGroups: 1 });
  });

  it('shows a group that reaches the minimum with its count and means', () => {
    const result = suppressSmallGroups(farms(5, 'Drenthe'), 5);
    expect(result.farms).toBe(5);
    expect(result.groups).toEqual([{ province: 'Drenthe', farms: 5, meanNSurplusKgHa: 102, meanP2o5SurplusKgHa: 5 }]);
    expect(result.suppressedGroups).toBe(0);
    expect(result.rows.every((r) => r.province === 'Drenthe')).toBe(true);
  });

  it('withholds a smaller group and the province of its farms, and counts the groups withheld', () => {
    const result = suppressSmallGroups([...farms(6, 'Drenthe'), ...farms(3, 'Groningen', 10), ...farms(2, 'Friesland', 20)], 5);
    expect(result.farms).toBe(11);
    expect(result.groups.map((g) => g.province)).toEqual(['Drenthe']);
    expect(result.suppressedGroups).toBe(2);
    expect(result.rows.filter((r) => r.province === 'Groningen' || r.province === 'Friesland')).toEqual([]);
    expect(result.rows.filter((r) => r.province === null)).toHaveLength(5);
    expect(JSON.stringify(result)).not.toMatch(/Groningen|Friesland/);
  });

  it('withholds the smallest group shown too while the groups withheld together are below the minimum: no count by subtraction', () => {
    // 14 farms, Drenthe 6 and Overijssel 5 shown would give away Groningen's 3 as 14 − 6 − 5.
    const result = suppressSmallGroups([...farms(6, 'Drenthe'), ...farms(5, 'Overijssel', 10), ...farms(3, 'Groningen', 20)], 5);
    expect(result.groups.map((g) => g.province)).toEqual(['Drenthe']);
    expect(result.suppressedGroups).toBe(2);
    for (const minimum of [2, 3, 4, 5, 6, 7]) {
      const r = suppressSmallGroups([...farms(6, 'Drenthe'), ...farms(5, 'Overijssel', 10), ...farms(3, 'Groningen', 20), farm(30, null)], minimum);
      const hidden = (r.farms ?? 0) - r.groups.reduce((n, g) => n + g.farms, 0);
      expect({ minimum, hidden: hidden === 0 || hidden >= minimum }).toEqual({ minimum, hidden: true });
      expect(r.groups.every((g) => g.farms >= minimum)).toBe(true);
    }
  });

  it('with a minimum of one, every group is shown', () => {
    expect(suppressSmallGroups([farm(1, 'Drenthe'), farm(2, 'Friesland')], 1).groups.map((g) => g.farms)).toEqual([1, 1]);
  });

  it('refuses a minimum that is not a whole number above zero', () => {
    expect(() => suppressSmallGroups([], 0)).toThrow(RangeError);
  });
});
