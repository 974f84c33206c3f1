/**
 * Indicator keys a submission may carry: every input of drenthe-2025.md (sub-parts dotted), plus
 * the figures the checks of action 11 compare (and the usage-norm check).
 */
export const INDICATOR_KEYS = [
  'nFarmSurplusKgHa',
  'nSoilSurplusKgHa.grassland',
  'nSoilSurplusKgHa.maize',
  'nSoilSurplusKgHa.arable',
  'nh3KgHa',
  'nh3KgPerLivestockUnit',
  'milkUreaMg100g',
  'ownLandProteinPct',
  'rationCrudeProteinGKgDm',
  'ghgGCo2eqKgFpcm',
  'pesticideMbpHa.soilLife',
  'pesticideMbpHa.surfaceWater',
  'pesticideMbpHa.groundwater',
  'cropRotationIndex',
  'pSoilSurplusKgP2o5Ha',
  'biodiversityPackagesSignedUp',
  'grazingHours',
  'p2o5FarmSurplusKgHa',
  // Usage against the usage norm (gebruiksnormen), per ha of land in use: what the farm applied and
  // the general norm of its land before farm-specific extras (equivalente maatregelen, D42).
  'nUsageKgHa',
  'nUsageNormKgHa',
  'p2o5UsageKgHa',
  'p2o5UsageNormKgHa',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

/** Indicators whose value is yes/no rather than a number. */
export const BOOLEAN_INDICATORS: readonly IndicatorKey[] = ['biodiversityPackagesSignedUp'];
