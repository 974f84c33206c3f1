import fc from 'fast-check';
import { areaClassOf, suppressSmallGroups } from './suppression';

describe('small-count suppression (D52)', () => {
  it('never shows figures of a group below the minimum, nor a lone hidden cell that subtraction would reveal', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(40), { minLength: 1, maxLength: 12 }), fc.integer({ min: 2, max: 20 }), (counts, k) => {
        const cells = suppressSmallGroups(counts.map((n, i) => ({ group: `g${i}`, farmYears: n, figures: { x: n } })), k);
        for (const [i, c] of cells.entries()) {
          if (counts[i] < k) expect(c).toEqual({ group: `g${i}`, farmYears: null, suppressed: true, figures: null });
        }
        const hidden = cells.filter((c) => c.suppressed).length;
        expect(hidden === 1 && cells.length > 1).toBe(false);
      }),
    );
  });

  it('classes areas coarsely', () => {
    expect([areaClassOf(null), areaClassOf(12), areaClassOf(30), areaClassOf(99.9), areaClassOf(250)]).toEqual(['area unknown', 'under 30 ha', '30 to 60 ha', '60 to 100 ha', '100 ha or more']);
  });
});
