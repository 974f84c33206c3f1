/** Request bodies of the demo farm; the end-to-end tests use the same ones. */
export const demoFarm = (farmId = 'nl-drenthe-0001') => ({
  farmId,
  province: 'Drenthe',
  landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 },
  soilTypes: ['sand'],
  peatSharePct: 0,
  livestockUnits: 120,
});

/**
 * Art. 1 and 4 of the Drenthe scheme: the KvK registration (an 8-digit number, SBI 01.41.1 houden
 * van melkvee) and the KringloopWijzer in use. The province is the farm's registered one (Drenthe).
 */
export const demoEligibility = (kvkNumber = '01234567') => ({ kvkNumber, sbiCodes: ['01.41.1'], kringloopWijzerInUse: true });

/** The farm's KLW kengetallen of a year: the inputs of the drenthe-2025 KPIs. */
export const schemeIndicators = (year: number) => [
  { key: 'nFarmSurplusKgHa', value: year === 2025 ? 128.4 : 118.9, quality: 'calculated' },
  { key: 'nSoilSurplusKgHa.grassland', value: 96.2, quality: 'calculated' },
  { key: 'nSoilSurplusKgHa.maize', value: 52.5, quality: 'calculated' },
  { key: 'nh3KgHa', value: 47.1, quality: 'calculated' },
  { key: 'nh3KgPerLivestockUnit', value: 20.4, quality: 'calculated' },
  { key: 'milkUreaMg100g', value: year === 2025 ? 18 : 19.2, quality: 'measured' },
  { key: 'ownLandProteinPct', value: 63.0, quality: 'calculated' },
  { key: 'rationCrudeProteinGKgDm', value: 157.0, quality: 'calculated' },
  { key: 'ghgGCo2eqKgFpcm', value: 812.0, quality: 'calculated' },
  { key: 'pesticideMbpHa.soilLife', value: 88.0, quality: 'calculated' },
  { key: 'pesticideMbpHa.surfaceWater', value: 140.0, quality: 'calculated' },
  { key: 'pesticideMbpHa.groundwater', value: 95.0, quality: 'calculated' },
  { key: 'cropRotationIndex', value: 0.74, quality: 'registered' },
  { key: 'pSoilSurplusKgP2o5Ha', value: -3.2, quality: 'calculated' },
  { key: 'biodiversityPackagesSignedUp', value: true, quality: 'registered' },
  { key: 'grazingHours', value: year === 2025 ? 1200 : 1540, quality: 'self-declared' },
];

export const klwSubmission = (submissionId: string, milkKg: number, concentratesKg: number) => ({
  submissionId,
  source: 'klw',
  sourceDocumentId: `KLW-2025-${submissionId}`,
  model: 'KringloopWijzer',
  modelVersion: '2025.01',
  scheme: 'drenthe-2025',
  landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 },
  flows: [
    { kind: 'concentrates', kgProduct: concentratesKg, nContentGPerKg: 28, p2o5ContentGPerKg: 9, quality: 'registered' },
    { kind: 'mineral-fertiliser', kgProduct: 20_000, nKg: 5_400, quality: 'registered' },
    { kind: 'deposition', kgProduct: 0, nKg: 1_000, quality: 'default' },
    { kind: 'milk', kgProduct: milkKg, proteinPct: 3.19, fatPct: 4.4, quality: 'measured' },
    { kind: 'animals-sold', kgProduct: 60_000, nKg: 2_220, p2o5Kg: 900, quality: 'calculated' },
  ],
  indicators: [
    { key: 'milkUreaMg100g', value: 18, quality: 'measured' },
    { key: 'rationCrudeProteinGKgDm', value: 160, quality: 'calculated' },
    { key: 'grazingHours', value: 1200, quality: 'self-declared' },
  ],
});

export const processorSubmission = (submissionId: string, milkKg: number) => ({
  submissionId,
  source: 'dairy-processor',
  sourceDocumentId: `ZUIVEL-2025-${submissionId}`,
  flows: [{ kind: 'milk', kgProduct: milkKg, proteinPct: 3.19, fatPct: 4.4, quality: 'measured' }],
});

export const authorisation = (authorisationId: string, granteeId: string, role: string, sources: string[]) => ({
  authorisationId,
  grantee: { id: granteeId, role },
  sources,
  purpose: 'scheme:drenthe-2025',
  validFrom: '2025-08-01T00:00:00Z',
  validTo: '2027-12-31T00:00:00Z',
});
