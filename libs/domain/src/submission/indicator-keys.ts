/**
 * The indicator keys of the shipped indicator catalogue (`asb-indicators` v1, D40): every input of
 * drenthe-2025.md (sub-parts dotted), plus the figures the checks of action 11 compare. Not a limit:
 * what a submission, a scheme or a levy may name is what the published catalogues declare.
 * The usage-norm check (D42) adds the usage figures and their norms.
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
export type ShippedIndicatorKey = (typeof INDICATOR_KEYS)[number];
/** An indicator key: declared by a published catalogue, not by code (D40). */
export type IndicatorKey = string;

/** Indicators of the shipped catalogue whose value is yes/no rather than a number. */
export const BOOLEAN_INDICATORS: readonly ShippedIndicatorKey[] = ['biodiversityPackagesSignedUp'];
