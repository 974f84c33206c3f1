import { buildWhatIfReport, type FarmYearOutcome, type WhatIfFarmYear } from '@asb/domain';
import { renderWhatIfCsv } from './render-what-if-csv';
import { renderWhatIfHtml } from './render-what-if-html';

/** D69: the CSV and the HTML page show what the report shows, a suppressed figure as empty or "not shown", and derive nothing. */
const outcome = (subsidyCents: number): FarmYearOutcome => ({ subsidyCents, levyCents: 0, parts: { 'drenthe-2025/nSoilSurplus': subsidyCents }, levied: {}, nSurplusKg: 100, p2o5SurplusKg: 10, nh3Kg: 5, co2eKg: 7, blocking: [], tiers: {} });
const rows = (n: number, changing: number): WhatIfFarmYear[] =>
  Array.from({ length: n }, (_, i) => ({ farm: `p-${i}`, year: 2025, recorded: true, province: 'Drenthe', areaClass: 'under 30 ha', soilClass: 'sand', official: outcome(435000 + i), hypothetical: outcome(435000 + i + (i < changing ? 32017 : 0)), samples: [] }));
const report = (n: number, changing: number) =>
  buildWhatIfReport({ scenario: { name: 'probe', years: { from: 2025, to: 2025 }, drafts: [], simplifications: [], uncertainty: { samples: 0, seed: 1 } }, logPosition: 1, changes: [], rows: rows(n, changing), budgets: [{ scheme: 'drenthe-2025', year: 2025, ceilingCents: 100_000_000, reservedCents: 2_000_000 }], minGroupSize: 10 });

describe('the what-if report rendered (D69)', () => {
  it('over 2 farm-years: no total, year, part or amount of either farm in the CSV or the page', () => {
    const r = report(2, 2);
    const csv = renderWhatIfCsv(r);
    expect(csv).not.toMatch(/^(total|year|part|tier)/m);
    expect(csv).toContain('budget,drenthe-2025 2025 earned,euro cent,,,,,,\n');
    const html = renderWhatIfHtml(r);
    expect(html).toContain('The run counts fewer than 10 farm-years: none of its figures is shown.');
    for (const text of [csv, html]) for (const amount of ['435000', '435001', '467017', '467018', '4,350', '4,670']) expect(text).not.toContain(amount);
  });

  it('over 10 farm-years of which one changes: the change left empty in the CSV and "not shown" on the page, the official totals shown', () => {
    const r = report(10, 1);
    const csv = renderWhatIfCsv(r);
    expect(csv).toContain(`total,subsidyCents,euro cent,${r.totals[0].official},,,,,10\n`);
    expect(csv).toMatch(/^part,drenthe-2025\/nSoilSurplus,euro cent,\d+,,,,,$/m);
    const html = renderWhatIfHtml(r);
    expect(html).toContain('scenario: not shown (the farm-years that change are fewer than 10)');
    // The one farm's €320.17 is in no cell (the histogram's grid has a bound at €320, a step, not its figure).
    expect(html).not.toContain('€ 320</td>');
    expect(html).not.toContain('32017');
  });

  it('a year hidden beside a shown one: both years\' changes empty in the CSV and "not shown" on the page, so the total gives neither away', () => {
    const year = (y: number, changing: number, delta: number) => rows(50, 0).map((r, i) => ({ ...r, farm: `${r.farm}-${y}`, year: y, hypothetical: outcome(r.official.subsidyCents + (i < changing ? delta : 0)) }));
    const r = buildWhatIfReport({ scenario: { name: 'probe', years: { from: 2024, to: 2025 }, drafts: [], simplifications: [], uncertainty: { samples: 0, seed: 1 } }, logPosition: 1, changes: [], rows: [...year(2024, 20, 1000), ...year(2025, 1, 32017)], budgets: [], minGroupSize: 10 });
    const csv = renderWhatIfCsv(r);
    expect(csv).toMatch(/^total,subsidyCents,euro cent,\d+,\d+,52017,/m);
    expect(csv).toMatch(/^year 2024,subsidyCents,euro cent,\d+,,,,,50$/m);
    expect(csv).toMatch(/^year 2025,subsidyCents,euro cent,\d+,,,,,50$/m);
    const html = renderWhatIfHtml(r);
    expect(html).toMatch(/<tr><td>2024<\/td><td class="n">50<\/td><td class="n">not shown<\/td>/);
    for (const text of [csv, html, JSON.stringify(r)]) expect(text).not.toContain('32017');
  });
});
