/** Request bodies of the demo farm; the end-to-end tests use the same ones. */
export const demoFarm = (farmId = 'nl-drenthe-0001') => ({
  farmId,
  province: 'Drenthe',
  landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 },
  soilTypes: ['sand'],
  peatSharePct: 0,
  livestockUnits: 120,
});

export const klwSubmission = (submissionId: string, milkKg: number, concentratesKg: number) => ({
  submissionId,
  source: 'klw',
  sourceDocumentId: `KLW-2025-${submissionId}`,
  scheme: 'drenthe-2025',
  landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 },
  flows: [
    { kind: 'concentrates', kgProduct: concentratesKg, nContentGPerKg: 28, p2o5ContentGPerKg: 9, quality: 'registered' },
    { kind: 'mineral-fertiliser', kgProduct: 20_000, nKg: 5_400, quality: 'registered' },
    { kind: 'deposition', kgProduct: 0, nKg: 1_000, quality: 'default' },
    { kind: 'milk', kgProduct: milkKg, proteinPct: 3.19, fatPct: 4.4, quality: 'measured' },
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
