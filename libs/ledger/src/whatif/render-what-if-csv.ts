import type { WhatIfReport } from '@asb/domain';

const q = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const row = (...cells: unknown[]) => cells.map(q).join(',');
/** A difference of two figures, left empty where either is suppressed. */
const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

/**
 * The report as one CSV table (section, key, figures): totals with intervals, per year, per part,
 * levy-free crossings and the groups, suppressed cells left empty. Per farm-year rows are not in it:
 * a spreadsheet of pseudonymised farm-years is the JSON report's, for those who need it.
 */
export const renderWhatIfCsv = (r: WhatIfReport): string => {
  const lines = [row('section', 'key', 'unit', 'official', 'scenario', 'change', 'interval_low', 'interval_high', 'farm_years')];
  for (const t of r.totals) lines.push(row('total', t.measure, t.unit, t.official, t.hypothetical, t.delta, t.interval?.low, t.interval?.high, r.counts.farmYears));
  for (const y of r.byYear) {
    // A suppressed year is a row without figures: that the year was run is the scenario's, not a farm's.
    if (y.suppressed) lines.push(row(`year ${y.year}`, 'suppressed', '', '', '', '', '', '', ''));
    for (const t of y.totals) lines.push(row(`year ${y.year}`, t.measure, t.unit, t.official, t.hypothetical, t.delta, t.interval?.low, t.interval?.high, y.farmYears));
  }
  for (const p of r.parts) lines.push(row('part', p.part, 'euro cent', p.officialCents, p.hypotheticalCents, p.deltaCents, '', '', p.farmYearsChanged));
  for (const t of r.tiers) for (const b of t.byTier) lines.push(row('tier', `${t.part} tier ${b.tier}`, 'farm-years', b.official, b.hypothetical, minus(b.hypothetical, b.official), '', '', ''));
  for (const l of r.levyFreeLevel) lines.push(row('levy-free level', l.part, 'farm-years', '', '', minus(l.farmYearsNewlyLevied, l.farmYearsNoLongerLevied), '', '', ''));
  for (const b of r.budget) {
    lines.push(row('budget', `${b.scheme} ${b.year} earned`, 'euro cent', b.officialCents, b.hypotheticalCents, minus(b.hypotheticalCents, b.officialCents), '', '', ''));
    lines.push(row('budget', `${b.scheme} ${b.year} reserved`, 'euro cent', b.reservedCents, b.reservedCents, 0, '', '', ''));
    lines.push(row('budget', `${b.scheme} ${b.year} ceiling`, 'euro cent', b.ceilingCents, b.ceilingCents, 0, '', '', ''));
  }
  for (const [name, cells] of Object.entries(r.groups)) for (const c of cells) lines.push(row(name, c.group, 'euro cent', '', '', c.figures?.subsidyDeltaCents, '', '', c.farmYears));
  return `${lines.join('\n')}\n`;
};
