/**
 * The difference between two moments names each changed value by a path into the farm's as-of state
 * (`balances[2025].n.inputsKg.concentrates`, D54): for people, the path in words
 * ("Balans 2025 › stikstof › aanvoer › Krachtvoer"). Unknown parts stay as they are.
 */
import type { Both, Lang } from './names';

/** The parts of the as-of state (FarmHistory.asOf) a path walks through. */
export const STATE_PART_NAMES: Record<string, Both> = {
  farm: { nl: 'Bedrijf', en: 'Farm' },
  balances: { nl: 'Balans', en: 'Balance' },
  scores: { nl: 'Score', en: 'Score' },
  findings: { nl: 'Controles', en: 'Checks' },
  levies: { nl: 'Heffing', en: 'Levy' },
  applications: { nl: 'Aanvraag', en: 'Application' },
  n: { nl: 'stikstof', en: 'nitrogen' },
  p2o5: { nl: 'fosfaat', en: 'phosphate' },
  inputsKg: { nl: 'aanvoer (kg)', en: 'inputs (kg)' },
  outputsKg: { nl: 'afvoer (kg)', en: 'outputs (kg)' },
  totalInputsKg: { nl: 'totale aanvoer (kg)', en: 'total inputs (kg)' },
  totalOutputsKg: { nl: 'totale afvoer (kg)', en: 'total outputs (kg)' },
  stockChangeKg: { nl: 'voorraadverandering (kg)', en: 'stock change (kg)' },
  surplusKg: { nl: 'overschot (kg)', en: 'surplus (kg)' },
  surplusKgHa: { nl: 'overschot (kg/ha)', en: 'surplus (kg/ha)' },
  milk: { nl: 'melk', en: 'milk' },
  kg: { nl: 'kg', en: 'kg' },
  flowSources: { nl: 'herkomst van de stromen', en: 'where the flows came from' },
  indicators: { nl: 'kengetallen', en: 'indicators' },
  value: { nl: 'waarde', en: 'value' },
  quality: { nl: 'kwaliteit', en: 'quality' },
  source: { nl: 'bron', en: 'source' },
  submissionId: { nl: 'aanlevering', en: 'submission' },
  submissionIds: { nl: 'aanleveringen', en: 'submissions' },
  areaHa: { nl: 'oppervlakte (ha)', en: 'area (ha)' },
  areaSource: { nl: 'bron van de oppervlakte', en: 'source of the area' },
  parameters: { nl: 'normenset', en: 'norm set' },
  version: { nl: 'versie', en: 'version' },
  status: { nl: 'status', en: 'status' },
  severity: { nl: 'ernst', en: 'severity' },
  resolution: { nl: 'afhandeling', en: 'resolution' },
  scoreVersion: { nl: 'scoreversie', en: 'score version' },
  totalCents: { nl: 'bedrag', en: 'amount' },
  uncappedCents: { nl: 'bedrag vóór jaarmaximum', en: 'amount before the yearly cap' },
  kpis: { nl: 'prestatie-indicatoren', en: 'performance indicators' },
  result: { nl: 'uitkomst', en: 'result' },
  advanceCents: { nl: 'voorschot', en: 'advance' },
  livestockUnits: { nl: 'grootvee-eenheden', en: 'livestock units' },
  landUse: { nl: 'grondgebruik', en: 'land use' },
  grasslandHa: { nl: 'grasland (ha)', en: 'grassland (ha)' },
  maizeHa: { nl: 'maïs (ha)', en: 'maize (ha)' },
  arableHa: { nl: 'bouwland (ha)', en: 'arable land (ha)' },
  peatSharePct: { nl: 'aandeel veen (%)', en: 'peat share (%)' },
  province: { nl: 'provincie', en: 'province' },
};

/** `name` or `name[id]`, in order. */
const parts = (path: string): Array<{ name: string; id?: string }> =>
  [...path.matchAll(/([^.[\]]+)(?:\[([^\]]*)\])?/g)].map((m) => ({ name: m[1]!, ...(m[2] !== undefined ? { id: m[2] } : {}) }));

/** A record's id as people read it: a score or application stream without its kind and farm (`drenthe-2025 · 2025`). */
const idInWords = (id: string, farmId: string | undefined): string => {
  const stripped = id.replace(/^(score|application|levy|findings)-/, '');
  return farmId ? stripped.replace(`-${farmId}-`, ' · ').replace(`-${farmId}`, '') : stripped;
};

/** The path in words; `more` names data keys (flow kinds, indicators, KPIs) the page knows names for. */
export const statePathInWords = (path: string, lang: Lang, more: readonly Record<string, Both>[] = [], farmId?: string): string =>
  parts(path)
    .map(({ name, id }) => {
      const known = STATE_PART_NAMES[name] ?? more.find((table) => table[name])?.[name];
      const word = known ? known[lang] : name;
      return id === undefined ? word : `${word} ${idInWords(id, farmId)}`;
    })
    .join(' › ');
