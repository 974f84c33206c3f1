/** Names people read for what the API names in camelCase English: pure tables, shared by the pages and their unit tests. */
export type Lang = 'nl' | 'en';

export type Both = Readonly<{ nl: string; en: string }>;

/** Plain-language names of the KPIs, indicators, flows, sources and statuses the API names in camelCase English. */
export const KPI_NAMES: Record<string, Both> = {
  nFarmSurplus: { nl: 'Stikstofbodemoverschot van het bedrijf', en: 'Farm nitrogen surplus' },
  nh3PerHa: { nl: 'Ammoniakemissie per hectare', en: 'Ammonia emission per hectare' },
  nh3PerLivestockUnit: { nl: 'Ammoniakemissie per grootvee-eenheid', en: 'Ammonia emission per livestock unit' },
  milkUrea: { nl: 'Ureumgehalte van de melk', en: 'Milk urea' },
  ownLandProtein: { nl: 'Eiwit van eigen land', en: 'Protein from own land' },
  rationCrudeProtein: { nl: 'Ruw eiwit in het rantsoen', en: 'Crude protein in the ration' },
  ghgPerKgMilk: { nl: 'Broeikasgasemissie per kg melk', en: 'Greenhouse gas per kg milk' },
  cropRotation: { nl: 'Vruchtwisseling', en: 'Crop rotation' },
  grazing: { nl: 'Weidegang', en: 'Grazing' },
  nSoilSurplus: { nl: 'Stikstofbodemoverschot per gewas', en: 'Soil nitrogen surplus per land use' },
  pesticideLoad: { nl: 'Milieubelasting gewasbescherming', en: 'Pesticide load' },
  pSoilSurplus: { nl: 'Fosfaatbodemoverschot', en: 'Soil phosphate surplus' },
  biodiversity: { nl: 'Biodiversiteitspakketten', en: 'Biodiversity packages' },
};

export const nameIn = (table: Record<string, Both>, key: string, lang: Lang): string => table[key]?.[lang] ?? key;

/** What of a farm's data a third party read (D64), as the farmer's access log names it. */
export const RESOURCE_NAMES: Record<string, Both> = {
  farm: { nl: 'bedrijfsgegevens', en: 'farm details' },
  'farm-list': { nl: 'bedrijf in een lijst of zoekresultaat', en: 'farm in a list or search result' },
  years: { nl: 'overzicht van jaren', en: 'overview of years' },
  authorisations: { nl: 'machtigingen', en: 'authorisations' },
  submissions: { nl: 'aanleveringen', en: 'submissions' },
  balance: { nl: 'stoffenbalans', en: 'substance balance' },
  findings: { nl: 'bevindingen', en: 'findings' },
  scores: { nl: 'score', en: 'score' },
  application: { nl: 'subsidieaanvraag', en: 'subsidy application' },
  'decision-document': { nl: 'beschikking', en: 'decision document' },
  levy: { nl: 'heffing', en: 'levy' },
  'equivalent-measures': { nl: 'gelijkwaardige maatregelen', en: 'equivalent measures' },
  history: { nl: 'volledige geschiedenis', en: 'full history' },
  timeline: { nl: 'tijdlijn (stand op een moment)', en: 'timeline (state at a moment)' },
  difference: { nl: 'verschil tussen twee momenten', en: 'difference between two moments' },
  explanation: { nl: 'uitleg van een berekening', en: 'explanation of a calculation' },
  bundle: { nl: 'auditbundel', en: 'audit bundle' },
  payments: { nl: 'betalingen (lijst of betaalbatch)', en: 'payments (list or payment batch)' },
  'access-log': { nl: 'dit inzageoverzicht', en: 'this access log' },
  'work-queue': { nl: 'werkvoorraad van de rekenaar', en: "the calculator's work queue" },
};

/** The decisions on a subsidy application a farmer can download (D38). */
export const DECISION_NAMES: Record<string, Both> = {
  grant: { nl: 'Beschikking subsidieverlening', en: 'Grant decision' },
  refusal: { nl: 'Beschikking afwijzing', en: 'Refusal decision' },
  settlement: { nl: 'Beschikking vaststelling', en: 'Settlement decision' },
  closure: { nl: 'Besluit beëindiging', en: 'Closure decision' },
  withdrawal: { nl: 'Bevestiging intrekking', en: 'Withdrawal confirmation' },
};

/** What a refused third party tried to do (AccessDenied's action). */
export const ACTION_NAMES: Record<string, Both> = {
  read: { nl: 'inzien', en: 'read' },
  submit: { nl: 'aanleveren', en: 'submit' },
  decide: { nl: 'beslissen', en: 'decide' },
  manage: { nl: 'beheren', en: 'manage' },
};
