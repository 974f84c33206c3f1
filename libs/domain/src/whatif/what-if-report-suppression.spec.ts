import fc from 'fast-check';
import type { FarmYearOutcome } from './farm-year-outcome';
import { buildWhatIfReport, type GroupCell, type WhatIfFarmYear } from './what-if-report';

const outcome = (subsidyCents: number): FarmYearOutcome => ({ subsidyCents, levyCents: 0, parts: {}, levied: {}, nSurplusKg: null, p2o5SurplusKg: null, nh3Kg: null, co2eKg: null, blocking: [], tiers: {} });
const scenario = { name: 'probe', years: { from: 2025, to: 2025 }, drafts: [], simplifications: [], uncertainty: { samples: 0, seed: 1 } };
const PROVINCES = ['Drenthe', 'Friesland', 'Groningen', null] as const;
const AREAS = ['under 30 ha', '30 to 60 ha', '60 to 100 ha', '100 ha or more'] as const;

/** What subtraction from the farm-years counted gives away in a table: the farm-years in its hidden cells. */
const remainder = (total: number, cells: ReadonlyArray<{ farmYears: number | null }>) => total - cells.reduce((n, c) => n + (c.farmYears ?? 0), 0);
const safe = (hidden: number, k: number) => hidden === 0 || hidden >= k;

describe('the what-if report suppresses small counts by the one rule (D61)', () => {
  it('no shown cell, bucket or total lets a group below the minimum be computed by subtraction (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ province: fc.constantFrom(...PROVINCES), area: fc.constantFrom(...AREAS), change: fc.integer({ min: -5000, max: 5000 }) }), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 2, max: 12 }),
        (farms, k) => {
          const rows: WhatIfFarmYear[] = farms.map((f, i) => ({ farm: `f${i}`, year: 2025, recorded: true, province: f.province, areaClass: f.area, soilClass: f.area, official: outcome(0), hypothetical: outcome(f.change), samples: [] }));
          const report = buildWhatIfReport({ scenario, logPosition: 1, changes: [], rows, budgets: [], minGroupSize: k });
          // Null when the run itself is below the minimum: then every cell is suppressed.
          const total = report.counts.farmYears ?? 0;
          const { byProvince, byArea, bySoil, byProvinceAndArea } = report.groups;
          for (const cells of [byProvince, byArea, bySoil, byProvinceAndArea] as GroupCell<unknown>[][]) {
            for (const c of cells) if (!c.suppressed) expect(c.farmYears).toBeGreaterThanOrEqual(k);
            if (total >= k) expect(safe(remainder(total, cells), k)).toBe(true);
            else expect(cells.every((c) => c.suppressed)).toBe(true);
          }
          // A row of the cross table against its province's count shown, a column against its area class's.
          for (const p of byProvince.filter((c) => !c.suppressed)) expect(safe(remainder(p.farmYears!, byProvinceAndArea.filter((c) => c.group.startsWith(`${p.group} / `))), k)).toBe(true);
          for (const a of byArea.filter((c) => !c.suppressed)) expect(safe(remainder(a.farmYears!, byProvinceAndArea.filter((c) => c.group.endsWith(` / ${a.group}`))), k)).toBe(true);
          // D69: the changes hidden in a table are, together, no change of fewer than k farm-years while the total's is shown.
          const subsidyDelta = report.totals.find((t) => t.measure === 'subsidyCents')?.delta ?? null;
          const changedIn = (pick: (f: (typeof farms)[number]) => boolean) => farms.filter((f) => f.change !== 0 && pick(f)).length;
          const provinceOf = (f: (typeof farms)[number]) => f.province ?? 'province unknown';
          if (subsidyDelta !== null) {
            expect(safe(byProvince.filter((c) => c.figures?.subsidyDeltaCents == null).reduce((n, c) => n + changedIn((f) => provinceOf(f) === c.group), 0), k)).toBe(true);
            expect(safe(byArea.filter((c) => c.figures?.subsidyDeltaCents == null).reduce((n, c) => n + changedIn((f) => f.area === c.group), 0), k)).toBe(true);
          }
          if (report.farms.length) expect([subsidyDelta, ...byProvince.map((c) => c.figures?.subsidyDeltaCents ?? null)]).not.toContain(null);
          // The distribution adds up to the farm-years counted too.
          for (const b of report.distribution) if (b.farmYears !== null && b.farmYears > 0) expect(b.farmYears).toBeGreaterThanOrEqual(k);
          if (total >= k) expect(safe(remainder(total, report.distribution), k)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
