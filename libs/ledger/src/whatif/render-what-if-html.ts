import type { MeasureTotals, WhatIfReport } from '@asb/domain';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const eur = (cents: number) => `€ ${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 0 })}`;
const kg = (n: number, unit: string) => `${n.toLocaleString('en-US', { maximumFractionDigits: 0 })} ${unit}`;
const LABELS: Record<string, string> = { subsidyCents: 'Subsidy earned', levyCents: 'Levies', nSurplusKg: 'Farm-gate N surplus', p2o5SurplusKg: 'Farm-gate P2O5 surplus', nh3Kg: 'Ammonia (NH3) emission', co2eKg: 'Greenhouse gas (CO2-equivalent)' };
/** What a suppressed figure reads as (D61, D69): it exists, and is not shown. */
const NOT_SHOWN = 'not shown';
/** A figure in its unit: cents as euros, kilograms with their substance; a suppressed one (null) not shown. */
export const figure = (t: Pick<MeasureTotals, 'unit'>, n: number | null) => (n === null ? NOT_SHOWN : t.unit === 'euro cent' ? eur(n) : kg(n, t.unit.replace(/^kg /, 'kg ')));
const count = (n: number | null) => (n === null ? NOT_SHOWN : String(n));
const euros = (n: number | null) => (n === null ? NOT_SHOWN : eur(n));

/** One row per measure: official and hypothetical as bars on the measure's own scale, the interval as a whisker. */
const totalsSvg = (r: WhatIfReport) => {
  const w = 760;
  const rowH = 64;
  const left = 250;
  // Room on the right for the figure written after the longer bar.
  const width = w - left - 230;
  const rows = r.totals
    .map((t, i) => {
      const y = 10 + i * rowH;
      const max = Math.max(1, Math.abs(t.official), Math.abs(t.hypothetical ?? 0), Math.abs(t.interval?.high ?? 0));
      const x = (v: number) => left + (Math.abs(v) / max) * width;
      const bar = (v: number, dy: number, colour: string, label: string) =>
        `<rect x="${left}" y="${y + dy}" width="${(x(v) - left).toFixed(1)}" height="16" fill="${colour}"><title>${esc(`${label}: ${figure(t, v)}`)}</title></rect><text x="${(x(v) + 4).toFixed(1)}" y="${y + dy + 12}" font-size="11">${esc(`${label} ${figure(t, v)}`)}</text>`;
      const whisker = t.interval ? `<line x1="${x(t.interval.low).toFixed(1)}" x2="${x(t.interval.high).toFixed(1)}" y1="${y + 44}" y2="${y + 44}" stroke="#e67e22" stroke-width="2"><title>${esc(`interval ${figure(t, t.interval.low)} to ${figure(t, t.interval.high)}`)}</title></line>` : '';
      return `<text x="0" y="${y + 20}" font-size="13" font-weight="600">${esc(LABELS[t.measure] ?? t.measure)}</text><text x="0" y="${y + 36}" font-size="11">axis: ${esc(t.unit === 'euro cent' ? 'euro' : t.unit)}, from 0</text>${bar(t.official, 4, '#2c3e50', 'official')}${t.hypothetical === null ? `<text x="${left}" y="${y + 36}" font-size="11">scenario: not shown (the farm-years that change are fewer than ${r.minGroupSize})</text>` : bar(t.hypothetical, 24, '#e67e22', 'scenario')}${whisker}`;
    })
    .join('');
  return `<svg id="totals" role="img" aria-label="Totals, official against the scenario, per measure with its unit" viewBox="0 0 ${w} ${10 + r.totals.length * rowH}" width="${w}">${rows}</svg>`;
};

/** Histogram of per-farm-year changes (subsidy minus levy); suppressed buckets are drawn hatched, without a count. */
const histogramSvg = (r: WhatIfReport) => {
  const bins = r.distribution;
  const w = 720;
  const h = 260;
  const pad = 50;
  const max = Math.max(1, ...bins.map((b) => b.farmYears ?? 0));
  const bw = bins.length ? (w - 2 * pad) / bins.length : 0;
  const bars = bins
    .map((b, i) => {
      const n = b.farmYears ?? 0;
      const bh = ((h - 2 * pad) * n) / max;
      const fill = b.farmYears === null ? '#bbb' : b.toCents < 0 ? '#c0392b' : b.fromCents > 0 ? '#27ae60' : '#7f8c8d';
      const label = b.farmYears === null ? `fewer than ${r.minGroupSize} farm-years` : `${n} farm-years`;
      return `<rect x="${(pad + i * bw).toFixed(1)}" y="${(h - pad - (b.farmYears === null ? 4 : bh)).toFixed(1)}" width="${Math.max(1, bw - 2).toFixed(1)}" height="${(b.farmYears === null ? 4 : bh).toFixed(1)}" fill="${fill}"><title>${esc(`${eur(b.fromCents)} to ${eur(b.toCents)}: ${label}`)}</title></rect>`;
    })
    .join('');
  const first = bins[0];
  const last = bins.at(-1);
  return `<svg id="histogram" role="img" aria-label="Number of farm-years by change in subsidy minus levy, in euro" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">
<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#333"/><line x1="${pad}" y1="${pad}" x2="${pad}" y2="${h - pad}" stroke="#333"/>${bars}
<text x="${pad}" y="${h - pad + 16}" font-size="11">${first ? esc(eur(first.fromCents)) : ''}</text>
<text x="${w - pad}" y="${h - pad + 16}" font-size="11" text-anchor="end">${last ? esc(eur(last.toCents)) : ''}</text>
<text x="${w / 2}" y="${h - 8}" font-size="12" text-anchor="middle">change per farm-year in subsidy minus levy (euro)</text>
<text x="14" y="${h / 2}" font-size="12" transform="rotate(-90 14 ${h / 2})" text-anchor="middle">number of farm-years (0 to ${max})</text></svg>`;
};

const cell = (c: WhatIfReport['groups']['byProvince'][number], k: number) =>
  c.suppressed || !c.figures
    ? `<td class="n" colspan="4">fewer than ${k} farm-years: not shown</td>`
    : `<td class="n">${count(c.farmYears)}</td><td class="n">${euros(c.figures.subsidyDeltaCents)}</td><td class="n">${euros(c.figures.levyDeltaCents)}</td><td class="n">${c.figures.nSurplusDeltaKg === null ? NOT_SHOWN : kg(c.figures.nSurplusDeltaKg, 'kg N')}</td>`;

/** A self-contained page (no scripts, no external assets) that a policy maker can read. */
export const renderWhatIfHtml = (r: WhatIfReport): string => {
  const s = r.scenario;
  // The same change to the same version over consecutive years is one line.
  const grouped: Array<{ c: WhatIfReport['changes'][number]; from: number; to: number }> = [];
  for (const c of r.changes) {
    const last = grouped.find((g) => g.c.normSetId === c.normSetId && g.c.path === c.path && g.c.baseVersion === c.baseVersion && JSON.stringify(g.c.from) === JSON.stringify(c.from) && JSON.stringify(g.c.to) === JSON.stringify(c.to) && g.to === c.year - 1);
    if (last) last.to = c.year;
    else grouped.push({ c, from: c.year, to: c.year });
  }
  const changes = grouped.map(({ c, from, to }) => `<li>${esc(c.normSetId)} ${from === to ? from : `${from}–${to}`} (version ${c.baseVersion}): <code>${esc(c.path)}</code> ${esc(JSON.stringify(c.from))} → ${esc(JSON.stringify(c.to))}</li>`).join('');
  const simplifications = s.simplifications.map((x) => `<li>${esc(x.indicator)} of quality ${esc(x.qualities.join(', '))} replaced by ${x.value}</li>`).join('');
  const totals = r.totals
    .map((t) => `<tr><td>${esc(LABELS[t.measure] ?? t.measure)}</td><td class="n">${figure(t, t.official)}</td><td class="n">${figure(t, t.hypothetical)}</td><td class="n">${figure(t, t.delta)}</td><td class="n">${t.interval ? `${figure(t, t.interval.low)} to ${figure(t, t.interval.high)}` : '—'}</td><td class="n">${count(t.farmYearsUp)} ↑ ${count(t.farmYearsDown)} ↓</td></tr>`)
    .join('');
  const years = r.byYear
    .map((y) => (y.suppressed ? `<tr><td>${y.year}</td><td class="n" colspan="${r.totals.length + 1}">fewer than ${r.minGroupSize} farm-years: not shown</td></tr>` : `<tr><td>${y.year}</td><td class="n">${count(y.farmYears)}</td>${y.totals.map((t) => `<td class="n">${figure(t, t.delta)}</td>`).join('')}</tr>`))
    .join('');
  const parts = r.parts.map((p) => `<tr><td>${esc(p.part)}</td><td class="n">${eur(p.officialCents)}</td><td class="n">${euros(p.hypotheticalCents)}</td><td class="n">${euros(p.deltaCents)}</td><td class="n">${count(p.farmYearsChanged)}</td></tr>`).join('');
  const tiers = r.tiers
    .map((t) => `<tr><td>${esc(t.part)}</td><td>${t.byTier.map((b) => `${b.tier === 0 ? 'no tier' : `tier ${b.tier}`}: ${count(b.official)} → ${count(b.hypothetical)}`).join('; ')}</td><td class="n">${count(t.farmYearsBetter)}</td><td class="n">${count(t.farmYearsWorse)}</td></tr>`)
    .join('');
  const levied = r.levyFreeLevel.map((l) => `<tr><td>${esc(l.part)}</td><td class="n">${count(l.farmYearsNewlyLevied)}</td><td class="n">${count(l.farmYearsNoLongerLevied)}</td></tr>`).join('');
  const budget = r.budget.map((b) => `<tr><td>${esc(b.scheme)} ${b.year}</td><td class="n">${eur(b.ceilingCents)}</td><td class="n">${eur(b.reservedCents)} (${b.reservedSharePct} %)</td><td class="n">${b.officialCents === null ? NOT_SHOWN : `${eur(b.officialCents)} (${b.officialSharePct} %)`}</td><td class="n">${b.hypotheticalCents === null ? NOT_SHOWN : `${eur(b.hypotheticalCents)} (${b.hypotheticalSharePct} %)`}</td></tr>`).join('');
  const groups = (cells: WhatIfReport['groups']['byProvince']) => cells.map((c) => `<tr><td>${esc(c.group)}</td>${cell(c, r.minGroupSize)}</tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>What-if: ${esc(s.name)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:820px;margin:2rem auto;color:#222}table{border-collapse:collapse;width:100%;margin-bottom:1rem}td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left}.n{text-align:right;font-variant-numeric:tabular-nums}</style>
</head><body>
<h1>What-if: ${esc(s.name)}</h1>
<p>Years ${s.years.from} to ${s.years.to}; the official record read up to log position ${r.logPosition}; never published, nothing of the record changed.
${r.belowMinimum ? `The run counts fewer than ${r.minGroupSize} farm-years: none of its figures is shown.` : `${count(r.counts.farmYears)} farm-years (${count(r.counts.withOfficialResult)} with an official result, ${count(r.counts.withoutOfficialResult)} without: computed under the norms that govern them).`}
${r.counts.samples ? `Intervals: 5th to 95th percentile of ${r.counts.samples} samples drawn within the margin of each figure's data-quality class (seed ${s.uncertainty.seed}); ${count(r.counts.farmYearsChangingWithinMargin)} farm-years change subsidy or levy within the margin.` : 'No sampling within the margins was asked for.'}
Farms are shown only under pseudonyms, and groups of fewer than ${r.minGroupSize} farm-years without figures.</p>
<h2>Changes</h2><ul>${changes || '<li>none</li>'}</ul>${simplifications ? `<h2>Simplifications (weak data replaced by a default)</h2><ul>${simplifications}</ul>` : ''}
<h2>Totals</h2>${totalsSvg(r)}
<table><thead><tr><th>measure</th><th class="n">official</th><th class="n">scenario</th><th class="n">change</th><th class="n">interval</th><th class="n">farm-years up/down</th></tr></thead><tbody>${totals}</tbody></table>
<h2>Per year (change)</h2><table><thead><tr><th>year</th><th class="n">farm-years</th>${r.totals.map((t) => `<th class="n">${esc(LABELS[t.measure] ?? t.measure)}</th>`).join('')}</tr></thead><tbody>${years}</tbody></table>
<h2>Distribution of per-farm-year changes</h2>${histogramSvg(r)}
<h2>Budget against the ceiling</h2>${budget ? `<table><thead><tr><th>scheme, year</th><th class="n">ceiling</th><th class="n">reserved</th><th class="n">earned, official</th><th class="n">earned, scenario</th></tr></thead><tbody>${budget}</tbody></table>` : '<p>No drafted scheme has a ceiling.</p>'}
<h2>By KPI and levy component</h2><table><thead><tr><th>part</th><th class="n">official</th><th class="n">scenario</th><th class="n">change</th><th class="n">farm-years changing tier or amount</th></tr></thead><tbody>${parts}</tbody></table>
<h2>Tiers reached (farm-years per tier, official → scenario)</h2><table><thead><tr><th>KPI</th><th>farm-years per tier</th><th class="n">to a better tier</th><th class="n">to a worse tier</th></tr></thead><tbody>${tiers}</tbody></table>
<h2>Levy-free levels crossed</h2><table><thead><tr><th>component</th><th class="n">newly levied</th><th class="n">no longer levied</th></tr></thead><tbody>${levied}</tbody></table>
<h2>Findings that would block forwarding</h2><p>${count(r.findings.farmYearsNewlyBlocked)} farm-years newly blocked, ${count(r.findings.farmYearsNoLongerBlocked)} no longer blocked (the farm N surplus check, the plausibility ranges and the cross-source checks).</p>
<h2>By province</h2><table><thead><tr><th>province</th><th class="n">farm-years</th><th class="n">subsidy change</th><th class="n">levy change</th><th class="n">N surplus change</th></tr></thead><tbody>${groups(r.groups.byProvince)}</tbody></table>
<h2>By area</h2><table><thead><tr><th>area</th><th class="n">farm-years</th><th class="n">subsidy change</th><th class="n">levy change</th><th class="n">N surplus change</th></tr></thead><tbody>${groups(r.groups.byArea)}</tbody></table>
<h2>By soil</h2><table><thead><tr><th>soil</th><th class="n">farm-years</th><th class="n">subsidy change</th><th class="n">levy change</th><th class="n">N surplus change</th></tr></thead><tbody>${groups(r.groups.bySoil)}</tbody></table>
</body></html>
`;
};
