import type { WhatIfReport } from '@asb/domain';

const eur = (cents: number) => `€ ${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 0 })}`;
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Histogram of per-farm deltas as an inline SVG. */
const histogramSvg = (r: WhatIfReport) => {
  const bins = r.distribution;
  const w = 640;
  const h = 220;
  const pad = 36;
  const max = Math.max(1, ...bins.map((b) => b.farms));
  const bw = bins.length ? (w - 2 * pad) / bins.length : 0;
  const bars = bins
    .map((b, i) => {
      const bh = ((h - 2 * pad) * b.farms) / max;
      const fill = b.toCents < 0 ? '#c0392b' : b.fromCents > 0 ? '#27ae60' : '#7f8c8d';
      return `<rect x="${(pad + i * bw).toFixed(1)}" y="${(h - pad - bh).toFixed(1)}" width="${Math.max(1, bw - 2).toFixed(1)}" height="${bh.toFixed(1)}" fill="${fill}"><title>${esc(`${eur(b.fromCents)} to ${eur(b.toCents)}: ${b.farms} farms`)}</title></rect>`;
    })
    .join('');
  const first = bins[0];
  const last = bins.at(-1);
  return `<svg id="histogram" role="img" aria-label="Histogram of per-farm changes" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">
<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#333"/>${bars}
<text x="${pad}" y="${h - 12}" font-size="12">${first ? esc(eur(first.fromCents)) : ''}</text>
<text x="${w - pad}" y="${h - 12}" font-size="12" text-anchor="end">${last ? esc(eur(last.toCents)) : ''}</text>
<text x="${pad}" y="20" font-size="12">farms (max ${max} per bar)</text></svg>`;
};

/** Budget before and after against the ceiling, as two bars. */
const budgetSvg = (r: WhatIfReport) => {
  if (!r.budget) return '<p>This norm set has no budget ceiling.</p>';
  const b = r.budget;
  const w = 640;
  const scale = (c: number) => Math.max(0, Math.min(1, c / b.ceilingCents)) * (w - 200);
  const bar = (y: number, label: string, cents: number, colour: string) =>
    `<text x="0" y="${y + 16}" font-size="13">${label}</text><rect x="120" y="${y}" width="${scale(cents).toFixed(1)}" height="24" fill="${colour}"/><text x="${(128 + scale(cents)).toFixed(1)}" y="${y + 16}" font-size="13">${esc(eur(cents))}</text>`;
  return `<svg id="budget" role="img" aria-label="Budget before and after" viewBox="0 0 ${w} 110" width="${w}" height="110">
${bar(10, 'official', b.officialCents, '#2c3e50')}${bar(44, 'hypothetical', b.hypotheticalCents, '#e67e22')}
<line x1="${(120 + scale(b.ceilingCents)).toFixed(1)}" y1="4" x2="${(120 + scale(b.ceilingCents)).toFixed(1)}" y2="80" stroke="#c0392b" stroke-dasharray="4"/>
<text x="120" y="100" font-size="12">ceiling ${esc(eur(b.ceilingCents))}</text></svg>`;
};

/** A self-contained page (no scripts, no external assets) that a policy maker can read. */
export const renderWhatIfHtml = (r: WhatIfReport): string => {
  const t = r.totals;
  const changes = r.scenario.changes.map((c) => `<li><code>${esc(c.path)}</code>: ${esc(JSON.stringify(c.from))} → ${esc(JSON.stringify(c.to))}</li>`).join('');
  const parts = r.parts
    .map((p) => `<tr><td>${esc(p.part)}</td><td class="n">${eur(p.officialCents)}</td><td class="n">${eur(p.hypotheticalCents)}</td><td class="n">${eur(p.deltaCents)}</td><td class="n">${p.farmsChanged}</td></tr>`)
    .join('');
  const top = [...r.farms].sort((a, b) => Math.abs(b.deltaCents) - Math.abs(a.deltaCents) || (a.farm < b.farm ? -1 : 1)).slice(0, 25);
  const farms = top.map((f) => `<tr><td>${esc(f.farm)}</td><td class="n">${eur(f.officialCents)}</td><td class="n">${eur(f.hypotheticalCents)}</td><td class="n">${eur(f.deltaCents)}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>What-if: ${esc(r.scenario.name)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:760px;margin:2rem auto;color:#222}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left}.n{text-align:right;font-variant-numeric:tabular-nums}.k{font-size:1.6rem;font-weight:600}.grid{display:grid;grid-template-columns:repeat(3,1fr);gap:1rem}</style>
</head><body>
<h1>What-if: ${esc(r.scenario.name)}</h1>
<p>Norm set <b>${esc(r.scenario.normSetId)}</b> version ${r.scenario.baseVersion}, year ${r.scenario.year}, with these hypothetical changes (never published; the official record is untouched, read up to log position ${r.logPosition}):</p>
<ul>${changes}</ul>
<div class="grid"><div><div class="k">${eur(t.deltaCents)}</div>change in total (${eur(t.officialCents)} → ${eur(t.hypotheticalCents)})</div>
<div><div class="k">${t.farmsUp} ↑ / ${t.farmsDown} ↓</div>of ${t.farms} farms (${t.farmsUnchanged} unchanged)</div>
<div><div class="k">${t.farmsChangingTier}</div>farms change tier on at least one part</div></div>
<h2>Distribution of per-farm changes</h2>${histogramSvg(r)}
<h2>Budget against the ceiling</h2>${budgetSvg(r)}
${r.budget ? `<p>Share of the ceiling: ${r.budget.officialSharePct} % → ${r.budget.hypotheticalSharePct} %; headroom ${eur(r.budget.headroomBeforeCents)} → ${eur(r.budget.headroomAfterCents)}.</p>` : ''}
<h2>By part</h2><table><thead><tr><th>part</th><th class="n">official</th><th class="n">hypothetical</th><th class="n">change</th><th class="n">farms changed</th></tr></thead><tbody>${parts}</tbody></table>
<h2>Largest changes (pseudonymised farms)</h2><table><thead><tr><th>farm</th><th class="n">official</th><th class="n">hypothetical</th><th class="n">change</th></tr></thead><tbody>${farms}</tbody></table>
</body></html>
`;
};
