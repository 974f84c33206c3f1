/** Stream names in one place: the store, the projections and the audit bundle agree on them. */
export const streams = {
  farm: (farmId: string) => `farm-${farmId}`,
  authorisations: (farmId: string) => `authorisations-${farmId}`,
  balance: (farmId: string, year: number) => `balance-${farmId}-${year}`,
  findings: (farmId: string, year: number) => `findings-${farmId}-${year}`,
  accessDenials: (farmId: string) => `access-denials-${farmId}`,
  score: (scheme: string, farmId: string, year: number) => `score-${scheme}-${farmId}-${year}`,
  application: (scheme: string, farmId: string) => `application-${scheme}-${farmId}`,
  schemeBudget: (scheme: string) => `budget-${scheme}`,
  normSet: (normSetId: string) => `normset-${normSetId}`,
  levy: (levyId: string, farmId: string, year: number) => `levy-${levyId}-${farmId}-${year}`,
  equivalentMeasures: (farmId: string) => `equivalent-measures-${farmId}`,
  /** An analyst's saved what-if scenario (D52): never a stream of the official record. */
  whatIfScenario: (scenarioId: string) => `what-if-scenario-${scenarioId}`,
} as const;

/** Farm ids are stable, unique and safe inside stream names. */
export const FARM_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
