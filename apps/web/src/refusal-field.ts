import type { Both, Lang } from './names';

/**
 * The refused `field` of an API answer in words (issue 16, WCAG 3.3.1): the API names it as a path
 * (`changes[0].value`, `grantee.id`, `idempotency-key`); people read "wijziging 1, nieuwe waarde".
 */
const FIELD_NAMES: Readonly<Record<string, Both>> = {
  authorisationId: { nl: 'kenmerk', en: 'reference' },
  authority: { nl: 'wettelijke grondslag', en: 'legal basis' },
  authorization: { nl: 'inloggegevens', en: 'sign-in' },
  baseVersion: { nl: 'versie', en: 'version' },
  body: { nl: 'verzoek', en: 'request' },
  cents: { nl: 'bedrag (eurocent)', en: 'amount (euro cents)' },
  changes: { nl: 'wijziging', en: 'change' },
  'content-type': { nl: 'soort verzoek', en: 'kind of request' },
  deMinimis: { nl: 'de-minimisverklaring', en: 'de minimis declaration' },
  direction: { nl: 'richting', en: 'direction' },
  document: { nl: 'document', en: 'document' },
  eligibility: { nl: 'voorwaarden', en: 'eligibility' },
  farmId: { nl: 'bedrijfsnummer', en: 'farm number' },
  findingId: { nl: 'bevinding', en: 'finding' },
  flows: { nl: 'stroom', en: 'flow' },
  grantee: { nl: 'gemachtigde', en: 'authorised party' },
  grounds: { nl: 'grond van de wijziging', en: 'grounds of the amendment' },
  id: { nl: 'nummer', en: 'number' },
  'idempotency-key': { nl: 'sleutel van het verzoek', en: 'request key' },
  indicators: { nl: 'indicator', en: 'indicator' },
  key: { nl: 'naam', en: 'name' },
  kpis: { nl: 'KPI', en: 'KPI' },
  kpi: { nl: 'KPI', en: 'KPI' },
  kvkNumber: { nl: 'KvK-nummer', en: 'Chamber of Commerce number' },
  landUse: { nl: 'grondgebruik', en: 'land use' },
  livestockUnits: { nl: 'grootvee-eenheden', en: 'livestock units' },
  name: { nl: 'naam', en: 'name' },
  normSetId: { nl: 'normenset', en: 'norm set' },
  note: { nl: 'toelichting', en: 'note' },
  outcome: { nl: 'uitkomst', en: 'outcome' },
  parameters: { nl: 'parameter', en: 'parameter' },
  path: { nl: 'parameter', en: 'parameter' },
  province: { nl: 'provincie', en: 'province' },
  purpose: { nl: 'doel', en: 'purpose' },
  reason: { nl: 'reden', en: 'reason' },
  role: { nl: 'rol', en: 'role' },
  runId: { nl: 'berekening', en: 'calculation' },
  scenarioId: { nl: 'scenario', en: 'scenario' },
  scheme: { nl: 'regeling', en: 'scheme' },
  scoreVersion: { nl: 'versie van de score', en: 'score version' },
  sources: { nl: 'gegevensbron', en: 'data source' },
  threshold: { nl: 'drempel', en: 'threshold' },
  tiers: { nl: 'trede', en: 'tier' },
  validFrom: { nl: 'geldig vanaf', en: 'valid from' },
  validTo: { nl: 'geldig tot', en: 'valid until' },
  value: { nl: 'nieuwe waarde', en: 'new value' },
  version: { nl: 'versie', en: 'version' },
  year: { nl: 'jaar', en: 'year' },
};

/** `changes[0].value` → ['changes', '0', 'value']; both the bracket and the dotted index form. */
const segmentsOf = (field: string): string[] => field.split(/[.[\]]+/).filter(Boolean);

/** `peatSharePct` → `peat share pct`: a name the table lacks still reads as words. */
const words = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase();

/**
 * The field in words: names from the table, list positions counted from 1 ("wijziging 1, nieuwe waarde").
 * Within a norm set's `parameters` a bracket is a name of D61 — an entry's id, or a tier's number
 * already counted from 1 (`parameters.kpis[nFarmSurplus].tiers[2].threshold`: "trede 2") — kept as is.
 */
export const fieldInWords = (field: string, lang: Lang): string => {
  const parts: string[] = [];
  const named = field.startsWith('parameters.');
  for (const [, segment, bracketed] of field.matchAll(/([^.[\]]+)(\])?/g)) {
    if (named && bracketed && parts.length) parts[parts.length - 1] += ` ${segment}`;
    else if (/^\d+$/.test(segment!) && parts.length) parts[parts.length - 1] += ` ${Number(segment) + 1}`;
    else parts.push(Object.hasOwn(FIELD_NAMES, segment!) ? FIELD_NAMES[segment!]![lang] : words(segment!));
  }
  return parts.join(', ');
};

/** Whether a refusal's field is this input's (`changes[0].value` is within `changes[0]` and `changes`). */
export const isRefusedField = (refused: string | undefined, name: string): boolean => {
  if (!refused) return false;
  const a = segmentsOf(refused);
  const b = segmentsOf(name);
  return b.length > 0 && b.length <= a.length && b.every((s, i) => s === a[i]);
};
