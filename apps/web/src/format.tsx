import type { Both } from './names';

export { ACCESS_REFUSAL_REASONS, ACTION_NAMES, DECISION_NAMES, FARM_EVENT_NAMES, KPI_NAMES, nameIn, RESOURCE_NAMES } from './names';

/** Money is integer cents in the API; people read euros, formatted the Dutch way whatever the language. */
const euros = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const numbers = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });

export const formatEuros = (cents: number): string => euros.format(cents / 100);
export const formatNumber = (value: number): string => numbers.format(value);
export const formatDate = (iso: string): string =>
  iso ? new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(new Date(iso)) : '—';
export const formatDateTime = (iso: string): string =>
  iso ? new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(iso)) : '—';

export const INDICATOR_NAMES: Record<string, Both> = {
  nFarmSurplusKgHa: { nl: 'Stikstofoverschot bedrijf', en: 'Farm N surplus' },
  'nSoilSurplusKgHa.grassland': { nl: 'Stikstofbodemoverschot grasland', en: 'Soil N surplus, grassland' },
  'nSoilSurplusKgHa.maize': { nl: 'Stikstofbodemoverschot maïs', en: 'Soil N surplus, maize' },
  'nSoilSurplusKgHa.arable': { nl: 'Stikstofbodemoverschot bouwland', en: 'Soil N surplus, arable' },
  nh3KgHa: { nl: 'Ammoniakemissie per ha', en: 'Ammonia per ha' },
  nh3KgPerLivestockUnit: { nl: 'Ammoniakemissie per GVE', en: 'Ammonia per livestock unit' },
  milkUreaMg100g: { nl: 'Ureumgehalte melk', en: 'Milk urea' },
  ownLandProteinPct: { nl: 'Eiwit van eigen land', en: 'Protein from own land' },
  rationCrudeProteinGKgDm: { nl: 'Ruw eiwit rantsoen', en: 'Ration crude protein' },
  ghgGCo2eqKgFpcm: { nl: 'Broeikasgas per kg meetmelk', en: 'Greenhouse gas per kg FPCM' },
  'pesticideMbpHa.soilLife': { nl: 'Gewasbescherming: bodemleven', en: 'Pesticides: soil life' },
  'pesticideMbpHa.surfaceWater': { nl: 'Gewasbescherming: oppervlaktewater', en: 'Pesticides: surface water' },
  'pesticideMbpHa.groundwater': { nl: 'Gewasbescherming: grondwater', en: 'Pesticides: groundwater' },
  cropRotationIndex: { nl: 'Vruchtwisselingsindex', en: 'Crop rotation index' },
  pSoilSurplusKgP2o5Ha: { nl: 'Fosfaatbodemoverschot', en: 'Soil phosphate surplus' },
  biodiversityPackagesSignedUp: { nl: 'Aangemeld voor biodiversiteitspakketten', en: 'Signed up for biodiversity packages' },
  grazingHours: { nl: 'Weide-uren', en: 'Grazing hours' },
};

export const INDICATOR_UNITS: Record<string, string> = {
  nFarmSurplusKgHa: 'kg N/ha',
  nh3KgHa: 'kg NH₃/ha',
  nh3KgPerLivestockUnit: 'kg NH₃/GVE',
  milkUreaMg100g: 'mg/100 g',
  ownLandProteinPct: '%',
  rationCrudeProteinGKgDm: 'g/kg ds',
  ghgGCo2eqKgFpcm: 'g CO₂-eq/kg meetmelk',
  cropRotationIndex: '',
  grazingHours: 'uur',
  pSoilSurplusKgP2o5Ha: 'kg P₂O₅/ha',
};

export const FLOW_NAMES: Record<string, Both> = {
  concentrates: { nl: 'Krachtvoer', en: 'Concentrates' },
  'roughage-bought': { nl: 'Aangekocht ruwvoer', en: 'Roughage bought' },
  'mineral-fertiliser': { nl: 'Kunstmest', en: 'Mineral fertiliser' },
  'organic-manure-received': { nl: 'Organische mest aangevoerd', en: 'Organic manure received' },
  'animals-bought': { nl: 'Dieren aangekocht', en: 'Animals bought' },
  'bedding-other': { nl: 'Strooisel en overig', en: 'Bedding and other' },
  deposition: { nl: 'Depositie', en: 'Atmospheric deposition' },
  fixation: { nl: 'Biologische binding', en: 'Biological fixation' },
  milk: { nl: 'Melk', en: 'Milk' },
  'animals-sold': { nl: 'Dieren verkocht', en: 'Animals sold' },
  'manure-delivered': { nl: 'Mest afgevoerd', en: 'Manure delivered' },
  'roughage-sold': { nl: 'Ruwvoer verkocht', en: 'Roughage sold' },
  'crops-sold': { nl: 'Gewassen verkocht', en: 'Crops sold' },
};

export const SOURCE_NAMES: Record<string, string> = {
  klw: 'KringloopWijzer (KLW)',
  'gecombineerde-opgave': 'Gecombineerde opgave (RVO)',
  'scan-ict': 'SCAN-ICT',
  'clm-milieumeetlat': 'CLM milieumeetlat',
  'dairy-processor': 'Zuivelonderneming',
  'manure-transport-registry': 'Mesttransportregister',
  'farm-register': 'Bedrijfsregistratie',
};

export const QUALITY_NAMES: Record<string, Both> = {
  measured: { nl: 'gemeten', en: 'measured' },
  registered: { nl: 'geregistreerd', en: 'registered' },
  calculated: { nl: 'berekend', en: 'calculated' },
  'self-declared': { nl: 'eigen opgave', en: 'self-declared' },
  default: { nl: 'forfaitair', en: 'default' },
};

export const STATUS_NAMES: Record<string, Both> = {
  calculated: { nl: 'berekend', en: 'calculated' },
  presented: { nl: 'voorgelegd', en: 'presented' },
  approved: { nl: 'goedgekeurd', en: 'approved' },
  disputed: { nl: 'bezwaar gemaakt', en: 'disputed' },
  forwarded: { nl: 'doorgestuurd naar betaler', en: 'forwarded to the payer' },
  granted: { nl: 'verleend', en: 'granted' },
  revoked: { nl: 'ingetrokken', en: 'revoked' },
  expired: { nl: 'verlopen', en: 'expired' },
};

export const STEP_NAMES: Record<string, Both> = {
  ScoreCalculated: { nl: 'Berekend', en: 'Calculated' },
  ScoreRecalculated: { nl: 'Herberekend', en: 'Recalculated' },
  ScorePresentedToFarmer: { nl: 'Aan u voorgelegd', en: 'Presented to you' },
  ScoreApproved: { nl: 'Goedgekeurd', en: 'Approved' },
  ScoreDisputed: { nl: 'Bezwaar gemaakt', en: 'Disputed' },
  ScoreDisputeDecided: { nl: 'Op bezwaar beslist', en: 'Dispute decided' },
  ScoreForwardedToPayer: { nl: 'Doorgestuurd naar betaler', en: 'Forwarded to the payer' },
};

/** The kinds of norm set (D40), as a province names them. */
export const KIND_NAMES: Record<string, Both> = {
  'scheme-scoring': { nl: 'regeling (scores)', en: 'scheme (scoring)' },
  levy: { nl: 'heffing', en: 'levy' },
  'indicator-catalogue': { nl: 'indicatorcatalogus', en: 'indicator catalogue' },
  'balance-parameters': { nl: 'balansparameters', en: 'balance parameters' },
  'check-tolerances': { nl: 'controletoleranties', en: 'check tolerances' },
  'usage-norms': { nl: 'gebruiksnormen', en: 'usage norms' },
};

