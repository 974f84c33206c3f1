/** Names people read for what the API names in camelCase English: pure tables, shared by the pages and their unit tests. */
export type Lang = 'nl' | 'en';

export type Both = Readonly<{ nl: string; en: string }>;

/**
 * Plain-language names of the KPIs, for norm sets published without titles (before D76) and a norm set
 * that could not be read; where a document titles its KPIs, `kpiTitle` reads those (every page, D81).
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

/** Every event a farm's history can hold (docs/events.md: the farm's streams and the scheme budget's events about it), as its farmer reads it. */
export const FARM_EVENT_NAMES: Record<string, Both> = {
  FarmRegistered: { nl: 'Bedrijf geregistreerd', en: 'Farm registered' },
  FarmDetailsCorrected: { nl: 'Bedrijfsgegevens gecorrigeerd', en: 'Farm details corrected' },
  AuthorisationGranted: { nl: 'Machtiging gegeven', en: 'Authorisation granted' },
  AuthorisationRevoked: { nl: 'Machtiging ingetrokken', en: 'Authorisation revoked' },
  AuthorisationExpired: { nl: 'Machtiging verlopen', en: 'Authorisation expired' },
  AccessDenied: { nl: 'Handeling geweigerd', en: 'Action refused' },
  BalanceDataSubmitted: { nl: 'Gegevens aangeleverd', en: 'Data submitted' },
  BalanceDataCorrected: { nl: 'Aanlevering gecorrigeerd', en: 'Submission corrected' },
  BalanceDataWithdrawn: { nl: 'Aanlevering ingetrokken', en: 'Submission withdrawn' },
  CheckFindingRaised: { nl: 'Bevinding uit een controle', en: 'Check finding raised' },
  CheckFindingResolved: { nl: 'Bevinding afgehandeld', en: 'Check finding resolved' },
  ScoreCalculated: { nl: 'Score berekend', en: 'Score calculated' },
  ScoreRecalculated: { nl: 'Score herberekend', en: 'Score recalculated' },
  ScorePresentedToFarmer: { nl: 'Score aan u voorgelegd', en: 'Score presented to you' },
  ScoreApproved: { nl: 'Score goedgekeurd', en: 'Score approved' },
  ScoreDisputed: { nl: 'Bezwaar tegen de score', en: 'Score disputed' },
  ScoreDisputeDecided: { nl: 'Besluit op het bezwaar tegen de score', en: 'Dispute of the score decided' },
  ScoreForwardedToPayer: { nl: 'Score doorgestuurd naar de betaler', en: 'Score forwarded to the payer' },
  SubsidyApplicationSubmitted: { nl: 'Subsidie aangevraagd', en: 'Subsidy applied for' },
  SubsidyApplicationSupplemented: { nl: 'Aanvraag aangevuld', en: 'Application supplemented' },
  SubsidyApplicationCompleted: { nl: 'Aanvraag volledig', en: 'Application complete' },
  SubsidyGranted: { nl: 'Subsidie verleend', en: 'Subsidy granted' },
  SubsidyRefused: { nl: 'Subsidie geweigerd', en: 'Subsidy refused' },
  AdvancePaid: { nl: 'Voorschot betaald', en: 'Advance paid' },
  SubsidySettled: { nl: 'Subsidie vastgesteld', en: 'Subsidy settled' },
  SubsidyApplicationWithdrawn: { nl: 'Aanvraag ingetrokken', en: 'Application withdrawn' },
  SubsidyApplicationClosed: { nl: 'Aanvraag afgesloten', en: 'Application closed' },
  AdvanceReclaimed: { nl: 'Voorschot teruggevorderd', en: 'Advance reclaimed' },
  BudgetReservationReleased: { nl: 'Budgetreservering vrijgegeven', en: 'Budget reservation released' },
  LevyAssessed: { nl: 'Heffing opgelegd', en: 'Levy assessed' },
  LevyObjected: { nl: 'Bezwaar tegen de heffing', en: 'Levy objected to' },
  LevyObjectionDecided: { nl: 'Besluit op het bezwaar tegen de heffing', en: 'Objection to the levy decided' },
  LevySettled: { nl: 'Heffing vereffend', en: 'Levy settled' },
  EquivalentMeasureRegistered: { nl: 'Gelijkwaardige maatregel aangemeld', en: 'Equivalent measure registered' },
  EquivalentMeasureEvidenceSubmitted: { nl: 'Bewijs voor gelijkwaardige maatregel aangeleverd', en: 'Evidence for an equivalent measure submitted' },
  MonitoringFeePaid: { nl: 'Monitoringsbijdrage betaald', en: 'Monitoring fee paid' },
  FarmSpecificNormGranted: { nl: 'Bedrijfsspecifieke norm toegekend', en: 'Farm-specific norm granted' },
  EquivalentMeasureRefused: { nl: 'Gelijkwaardige maatregel afgewezen', en: 'Equivalent measure refused' },
};
