/** Names people read for what the API names in camelCase English: pure tables, shared by the pages and their unit tests. */
export type Lang = 'nl' | 'en';

export type Both = Readonly<{ nl: string; en: string }>;

/**
 * Plain-language names of the KPIs, for norm sets published without titles (before D76) and pages that
 * hold no norm set (the what-if report, the timeline); where a document titles its KPIs, `kpiTitle` reads those.
 */
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

/**
 * Why someone was refused a farm's data, as the farmer reads it in the access log: about another
 * person, so in the third person (the refusal texts speak to the person refused). Every code a
 * refusal of farm access can carry (names.spec.ts reads them from the API's sources).
 */
export const ACCESS_REFUSAL_REASONS: Record<string, Both> = {
  NOT_YOUR_FARM: { nl: 'het is niet het bedrijf van deze persoon', en: 'it is not this person\'s farm' },
  ROLE_NOT_ALLOWED: { nl: 'deze rol mag dit niet inzien of doen', en: 'this role may not see or do this' },
  READ_ONLY_ROLE: { nl: 'de toezichthouder mag gegevens inzien, niet wijzigen', en: 'the regulator may read data, not change it' },
  NO_VALID_AUTHORISATION: { nl: 'u had geen geldige machtiging voor deze gegevens gegeven', en: 'you had given no valid authorisation for this data' },
  NOT_THE_DECIDING_PARTY: { nl: 'deze partij beslist hier niet over', en: 'this party does not decide on this' },
  ROLE_NOT_PERMITTED: { nl: 'deze rol mag dit niet doen', en: 'this role may not do this' },
};
