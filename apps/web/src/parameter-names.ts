import { kpiTitle } from './kpi-titles';
import type { Lang } from './names';
import { readTypedNumber } from './typed-number';
// The API's naming of parameters (D61), the one implementation: pure domain code, bundled into the app.
import { nameOfPath as apiPathOf, resolveNamedPath } from '../../../libs/domain/src/norms/named-paths';

/**
 * Parameters by name, never by array index (D54, D61): the API addresses a norm-set parameter by its
 * name (`kpis[nFarmSurplus].tiers[2].threshold`) and answers a diff in names; this page adds the words a
 * person reads — the KPI's Dutch name, the land use, the tier by its number in the regulation, the field
 * by what it means. `path` is always the API's name; nobody types or reads an index.
 */
export type NamedParameter = Readonly<{ path: string; group: string; name: string; value: unknown }>;

const FIELD_NAMES: Record<string, { nl: string; en: string }> = {
  threshold: { nl: 'drempel', en: 'threshold' },
  cents: { nl: 'bedrag (eurocent)', en: 'amount (euro cents)' },
  indicator: { nl: 'indicator', en: 'indicator' },
  indicators: { nl: 'indicatoren', en: 'indicators' },
  direction: { nl: 'richting', en: 'direction' },
  sources: { nl: 'bronnen', en: 'sources' },
  kind: { nl: 'soort', en: 'kind' },
  peatCorrectionPerPct: { nl: 'veencorrectie per procent veen', en: 'peat correction per percent' },
  grassland: { nl: 'grasland', en: 'grassland' },
  maize: { nl: 'maïs', en: 'maize' },
  arable: { nl: 'bouwland', en: 'arable land' },
  landUses: { nl: 'grondgebruik', en: 'land use' },
  years: { nl: 'jaren', en: 'years' },
  yearlyCapCents: { nl: 'jaarplafond per bedrijf (eurocent)', en: 'yearly cap per farm (euro cents)' },
  schemeCapPerFarmCents: { nl: 'plafond per bedrijf over de regeling (eurocent)', en: 'scheme cap per farm (euro cents)' },
  budgetCeilingCents: { nl: 'budgetplafond (eurocent)', en: 'budget ceiling (euro cents)' },
  reservationPerApplicationCents: { nl: 'reservering per aanvraag (eurocent)', en: 'reservation per application (euro cents)' },
  applicationWindow: { nl: 'aanvraagperiode', en: 'application window' },
  opensAt: { nl: 'opent', en: 'opens' },
  closesAt: { nl: 'sluit', en: 'closes' },
  disputes: { nl: 'bezwaren', en: 'disputes' },
  decisionDays: { nl: 'beslistermijn (dagen)', en: 'decision term (days)' },
  title: { nl: 'titel', en: 'title' },
  // The scheme's other parameters, for the form that shows the whole document (D81); a key without a name here shows as it is.
  scheme: { nl: 'regeling', en: 'scheme' },
  id: { nl: 'kenmerk', en: 'id' },
  requiredAuthorisationSources: { nl: 'vereiste machtigingen voor bronnen', en: 'required authorisations of sources' },
  partialLastGrant: { nl: 'gedeeltelijke laatste toekenning', en: 'partial last grant' },
  deMinimis: { nl: 'de-minimissteun', en: 'de minimis aid' },
  ceilingCents: { nl: 'plafond (eurocent)', en: 'ceiling (euro cents)' },
  fiscalYears: { nl: 'belastingjaren', en: 'fiscal years' },
  period: { nl: 'periode', en: 'period' },
  eligibility: { nl: 'voorwaarden', en: 'eligibility' },
  provinces: { nl: 'provincies', en: 'provinces' },
  sbiCodes: { nl: 'SBI-codes', en: 'SBI codes' },
  kringloopWijzerRequired: { nl: 'KringloopWijzer verplicht', en: 'KringloopWijzer required' },
  closure: { nl: 'afsluiting', en: 'closure' },
  deadline: { nl: 'uiterste datum', en: 'deadline' },
  advance: { nl: 'voorschot', en: 'advance' },
  year: { nl: 'jaar', en: 'year' },
  basedOnYear: { nl: 'op basis van jaar', en: 'based on year' },
  settlement: { nl: 'vaststelling', en: 'settlement' },
  decidedBy: { nl: 'beslist door', en: 'decided by' },
  min: { nl: 'minimum', en: 'minimum' },
  max: { nl: 'maximum', en: 'maximum' },
  unit: { nl: 'eenheid', en: 'unit' },
  components: { nl: 'onderdelen', en: 'components' },
  tariffCentsPerUnit: { nl: 'tarief per eenheid (eurocent)', en: 'tariff per unit (euro cents)' },
  levyFreeLevel: { nl: 'heffingsvrij niveau', en: 'levy-free level' },
  capCents: { nl: 'plafond (eurocent)', en: 'cap (euro cents)' },
  nl: { nl: 'Nederlands', en: 'Dutch' },
  en: { nl: 'Engels', en: 'English' },
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fieldName = (key: string, lang: Lang) => FIELD_NAMES[key]?.[lang] ?? key;
const tierName = (index: number, lang: Lang) => `${lang === 'nl' ? 'trede' : 'tier'} ${index + 1}`;
const kpiName = (kpi: Record<string, unknown>, lang: Lang) => `KPI ${kpiTitle(String(kpi.id), kpi.title, lang) ?? String(kpi.id)} (${String(kpi.id)})`;
const itemName = (item: unknown, index: number, lang: Lang) =>
  isRecord(item) && typeof (item.id ?? item.key) === 'string' ? String(item.id ?? item.key) : `${lang === 'nl' ? 'nr.' : 'no.'} ${index + 1}`;

/** The words for a parameter the API names (`path`), read against the document; null when it names nothing there. */
export const labelOf = (parameters: unknown, path: string, lang: Lang): { group: string; name: string } | null => {
  let indexPath: string;
  try {
    indexPath = resolveNamedPath(parameters, path, 'path');
  } catch {
    return null;
  }
  return labelOfIndexPath(parameters, indexPath, lang);
};

/** The words for each segment of a path as it sits in the document (the walk below; the form of D81 titles its fieldsets with them). */
export const wordsOfIndexPath = (parameters: unknown, path: string, lang: Lang): string[] | null => {
  const names: string[] = [];
  let node: unknown = parameters;
  let parentKey = '';
  for (const segment of path.split('.')) {
    if (Array.isArray(node)) {
      const index = Number(segment);
      if (!Number.isInteger(index) || index < 0 || index >= node.length) return null;
      const item = node[index];
      names.push(parentKey === 'kpis' && isRecord(item) ? kpiName(item, lang) : parentKey === 'tiers' ? tierName(index, lang) : itemName(item, index, lang));
      node = item;
    } else if (isRecord(node) && Object.hasOwn(node, segment)) {
      // The list's own name goes when its items are named: "KPI …", not "kpis › KPI …"; the same for tiers.
      const next = node[segment];
      if (!(Array.isArray(next) && (segment === 'kpis' || segment === 'tiers'))) names.push(fieldName(segment, lang));
      node = next;
    } else return null;
    parentKey = segment;
  }
  return names;
};

const labelOfIndexPath = (parameters: unknown, path: string, lang: Lang): { group: string; name: string } | null => {
  const names = wordsOfIndexPath(parameters, path, lang);
  if (!names) return null;
  return { group: names.length > 1 ? names[0]! : lang === 'nl' ? 'Algemeen' : 'General', name: names.length > 1 ? names.slice(1).join(' › ') : names[0] ?? path };
};

const isScalarList = (v: unknown): v is Array<string | number | boolean> => Array.isArray(v) && v.every((x) => ['string', 'number', 'boolean'].includes(typeof x));

/** Every parameter a person can change one at a time: each scalar, and each list of scalars as a whole. */
export const namedParameters = (parameters: unknown, lang: Lang): NamedParameter[] => {
  const found: NamedParameter[] = [];
  const walk = (node: unknown, path: string) => {
    if (path && (!(isRecord(node) || Array.isArray(node)) || isScalarList(node))) {
      const named = labelOfIndexPath(parameters, path, lang);
      if (named) found.push({ path: apiPathOf(parameters, path), ...named, value: node });
      return;
    }
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, path ? `${path}.${i}` : String(i)));
    else if (isRecord(node)) for (const [key, value] of Object.entries(node)) walk(value, path ? `${path}.${key}` : key);
  };
  walk(parameters, '');
  return found;
};

/** What a person typed, as a value of the type the parameter has now; or why it cannot be one (`thousands`: see readTypedNumber). */
export type ValueReading = { value: string | number | boolean | Array<string | number> } | { refused: 'kind' | 'thousands' };

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** A number or an exact decimal as typed in `lang` (D86): "115,5" is 115.5 in Dutch, "1.000" is refused rather than read as 1. */
const typedDecimal = (text: string, lang: Lang): { decimal: string } | { refused: 'kind' | 'thousands' } => {
  const read = readTypedNumber(text, lang);
  return 'decimal' in read ? read : { refused: read.refused === 'thousands' ? 'thousands' : 'kind' };
};

export const parseValueLike = (current: unknown, text: string, lang: Lang): ValueReading => {
  const trimmed = text.trim();
  if (typeof current === 'number') {
    const read = typedDecimal(trimmed, lang);
    return 'decimal' in read ? { value: Number(read.decimal) } : read;
  }
  if (typeof current === 'boolean') return trimmed === 'true' || trimmed === 'false' ? { value: trimmed === 'true' } : { refused: 'kind' };
  if (Array.isArray(current)) {
    const parts = trimmed.split(',').map((p) => p.trim()).filter(Boolean);
    if (typeof current[0] !== 'number') return { value: parts };
    // Each number of a list by the same rule as one alone (D86): "1.000" in Dutch is refused, not read as 1.
    const values: number[] = [];
    for (const part of parts) {
      const read = typedDecimal(part, lang);
      if (!('decimal' in read)) return read;
      values.push(Number(read.decimal));
    }
    return { value: values };
  }
  if (trimmed === '') return { refused: 'kind' };
  // A decimal threshold is a string in the norm set ("115.5"), kept exact: never through a float.
  if (typeof current === 'string' && DECIMAL_TEXT.test(current)) {
    const read = typedDecimal(trimmed, lang);
    return 'decimal' in read ? { value: read.decimal } : read;
  }
  return { value: trimmed };
};

export const showValue = (value: unknown): string => (value === undefined ? '—' : Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : JSON.stringify(value));

/** A value as people read it: an entry added or removed whole (a tier) by its fields in words ("drempel 70, bedrag (eurocent) 10000"). */
export const showValueIn = (value: unknown, lang: Lang): string =>
  isRecord(value) ? Object.entries(value).map(([key, v]) => `${fieldName(key, lang)} ${showValueIn(v, lang)}`).join(', ') : showValue(value);
