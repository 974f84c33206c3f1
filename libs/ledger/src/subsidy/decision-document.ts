import type { StoredEvent } from '@asb/event-store';

/**
 * A subsidy decision rendered as a self-contained Dutch HTML document (D38): what was decided, on
 * which article, with the amounts, and the events behind it by id, stream, revision and position so
 * that a regulator can find every figure in the log. Pure: the same events give the same bytes.
 */
const escape = (v: unknown) => String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** € 13.000,00 — integer cents, Dutch notation, no floats. */
export const euros = (cents: number): string => {
  const sign = cents < 0 ? '−' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}€ ${whole},${String(abs % 100).padStart(2, '0')}`;
};

const REFUSAL_REASONS: Record<string, string> = {
  BUDGET_EXHAUSTED: 'het subsidieplafond van de regeling is bereikt (artikel 8 en 11): uw volledige aanvraag kwam op een plaats in de rangorde waarvoor geen budget meer beschikbaar was',
  DE_MINIMIS_CEILING: 'u heeft geen ruimte meer onder het plafond van de Landbouw de-minimisverordening (artikel 10)',
};
const CLOSURE_REASONS: Record<string, string> = {
  INCOMPLETE: 'de aanvraag is vóór de uiterste datum niet volledig gemaakt (artikel 6 en 8)',
  NOT_ALLOCATED: 'aan de aanvraag is vóór de uiterste datum geen budget toegekend',
  SCORES_NOT_FORWARDED: 'voor een of meer jaren zijn vóór de uiterste datum geen door u goedgekeurde KPI-scores aan SNN doorgegeven (artikel 9 en toelichting artikel 10)',
};

type Data = Record<string, any>;
const row = (label: string, value: string) => `<tr><th scope="row">${escape(label)}</th><td>${value}</td></tr>`;

const body = (decision: StoredEvent): { title: string; text: string; rows: string[] } => {
  const d = decision.data as Data;
  switch (decision.type) {
    case 'SubsidyGranted':
      return {
        title: 'Beschikking subsidieverlening',
        text: `Uw volledige aanvraag (${escape(d.applicationId)}) is op rang ${escape(d.rank)} geplaatst (artikel 8). Voor u is ${euros(d.reservedCents)} van het subsidieplafond gereserveerd (artikel 7 en 11)${d.partial ? (d.limitedBy === 'de-minimis' ? ', beperkt tot uw ruimte onder de de-minimisverordening (artikel 10)' : ', het restant van het subsidieplafond') : ''}. Het voorschot (2026) en de vaststelling (2027) worden berekend volgens bijlage I op basis van uw goedgekeurde KPI-scores (artikel 9).`,
        rows: [row('Rang', escape(d.rank)), row('Gereserveerd', euros(d.reservedCents)), row('Datum', escape(d.grantedAt))],
      };
    case 'SubsidyRefused':
      return {
        title: 'Beschikking weigering subsidie',
        text: `Uw aanvraag (${escape(d.applicationId)}) is geweigerd: ${escape(REFUSAL_REASONS[d.reason] ?? d.reason)}.`,
        rows: [row('Rang', escape(d.rank)), row('Reden', escape(d.reason)), row('Datum', escape(d.refusedAt))],
      };
    case 'SubsidySettled': {
      const years = (d.yearAmounts as Data[]).map((y) => row(`KPI-score ${y.year} (versie ${y.scoreVersion})`, euros(y.totalCents)));
      return {
        title: d.settlementNo > 1 ? `Beschikking herziene subsidievaststelling (nr. ${escape(d.settlementNo)})` : 'Beschikking subsidievaststelling',
        text: `De subsidie voor uw aanvraag (${escape(d.applicationId)}) wordt vastgesteld op ${euros(d.earnedCents)} (artikel 9, bijlage I)${d.cause ? `, herzien na een wijziging van de normen (gebeurtenis ${escape(d.cause)})` : ''}. ${d.netPaymentCents >= 0 ? `U ontvangt nog ${euros(d.netPaymentCents)}.` : `U betaalt ${euros(-d.netPaymentCents)} terug.`} Het niet verdiende deel van uw reservering, ${euros(d.releasedCents)}, vloeit terug naar het budget.`,
        rows: [
          ...years,
          row('Biodiversiteit al eerder betaald (afgetrokken)', euros(d.biodiversityDeductedCents)),
          row('Maximum per bedrijf (artikel 7)', euros(d.schemeCapCents)),
          row('Gereserveerd', euros(d.grantedCents)),
          row('De-minimisruimte (artikel 10)', euros(d.deMinimisRoomCents)),
          row('Vastgesteld', euros(d.earnedCents)),
          row('Voorschot', euros(d.advanceCents)),
          row('Eerder vastgesteld en betaald', euros(d.previouslySettledCents)),
          row(d.netPaymentCents >= 0 ? 'Te betalen aan u' : 'Terug te betalen door u', euros(Math.abs(d.netPaymentCents))),
          row('Datum', escape(d.settledAt)),
        ],
      };
    }
    case 'SubsidyApplicationClosed':
      return {
        title: 'Besluit beëindiging subsidieaanvraag',
        text: `Uw aanvraag (${escape(d.applicationId)}) is beëindigd omdat ${escape(CLOSURE_REASONS[d.reason] ?? d.reason)}. Uiterste datum: ${escape(d.rule.value)} (normenset ${escape(d.rule.normSet.id)} versie ${escape(d.rule.normSet.version)}, parameter ${escape(d.rule.parameter)}). Een eventuele reservering vloeit terug naar het budget; een betaald voorschot wordt teruggevorderd.`,
        rows: [row('Reden', escape(d.reason)), row('Jaren zonder doorgegeven score', escape((d.missingYears as number[]).join(', ') || '—')), row('Datum', escape(d.closedAt))],
      };
    case 'SubsidyApplicationWithdrawn':
      return {
        title: 'Bevestiging intrekking subsidieaanvraag',
        text: `U heeft uw aanvraag (${escape(d.applicationId)}) ingetrokken${d.reason ? `: ${escape(d.reason)}` : ''}. Een eventuele reservering vloeit terug naar het budget; een betaald voorschot wordt teruggevorderd.`,
        rows: [row('Datum', escape(d.withdrawnAt))],
      };
    default:
      return { title: 'Besluit', text: escape(decision.type), rows: [] };
  }
};

/** Follow-up events the decision caused (a reclaimed advance, a released reservation) are listed with it. */
export const renderDecisionDocument = (input: { scheme: string; farmId: string; decision: StoredEvent; basis: readonly StoredEvent[] }): string => {
  const { title, text, rows } = body(input.decision);
  const events = [input.decision, ...input.basis.filter((e) => e.id !== input.decision.id)].sort((a, b) => a.position - b.position);
  const eventRows = events
    .map((e) => `<tr${e.id === input.decision.id ? ' class="besluit"' : ''}><td>${escape(e.type)}</td><td><code>${escape(e.id)}</code></td><td>${escape(e.streamId)}</td><td>${escape(e.revision)}</td><td>${escape(e.position)}</td><td>${escape(e.metadata.recordedAt)}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>${escape(title)} — ${escape(input.farmId)}</title>
<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.4}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #999;padding:.2em .5em;text-align:left}tr.besluit{font-weight:bold}</style></head>
<body>
<p>Subsidieregeling Duurzaam Boeren Drenthe – Melkveehouderij 2025–2026 (${escape(input.scheme)})</p>
<h1>${escape(title)}</h1>
<p>Bedrijf: <strong>${escape(input.farmId)}</strong> · Besluit: <code>${escape(input.decision.id)}</code></p>
<p>${text}</p>
<table>${rows.join('')}</table>
<h2>Grondslag in het register</h2>
<p>Dit besluit staat in het register als gebeurtenis <code>${escape(input.decision.id)}</code> (stroom ${escape(input.decision.streamId)}, revisie ${escape(input.decision.revision)}, positie ${escape(input.decision.position)}). De gebeurtenissen waarop het rust:</p>
<table><thead><tr><th>gebeurtenis</th><th>id</th><th>stroom</th><th>revisie</th><th>positie</th><th>vastgelegd</th></tr></thead><tbody>
${eventRows}
</tbody></table>
</body></html>
`;
};
