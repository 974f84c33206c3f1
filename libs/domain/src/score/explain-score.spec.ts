import fc from 'fast-check';
import { drenthe2025NormSet } from './drenthe-2025.norm-set';
import { explainScoreKpis, type KpiExplanation, type RecordedScoreInputs } from './explain-score';
import { kpiIndicators } from './scheme-norms';
import { scoreRecordedInputs } from './score';

const norms = drenthe2025NormSet;
const booleanKeys = new Set(norms.parameters.kpis.filter((k) => k.kind === 'oncePerScheme').flatMap(kpiIndicators));
const numericKeys = [...new Set(norms.parameters.kpis.flatMap(kpiIndicators))].filter((k) => !booleanKeys.has(k));
const thresholds = [...new Set(JSON.stringify(norms.parameters.kpis).match(/"threshold":"[^"]+"/g)!.map((m) => Number(m.slice(13, -1))))];

/** Values on, just beside and far from every bound of the rulebook, negative ones for the band, and sometimes none. */
const value = fc.oneof(
  fc.constantFrom(...thresholds),
  fc.constantFrom(...thresholds).chain((t) => fc.constantFrom(t + 0.1, t - 0.1, t + 1, -t)),
  fc.double({ min: -50, max: 2000, noNaN: true }).map((v) => Math.round(v * 100) / 100),
);
const inputs: fc.Arbitrary<RecordedScoreInputs> = fc.record({
  indicators: fc.record(
    {
      ...Object.fromEntries(numericKeys.map((k) => [k, value])),
      ...Object.fromEntries([...booleanKeys].map((k) => [k, fc.boolean()])),
    },
    { requiredKeys: [] },
  ) as fc.Arbitrary<Record<string, number | boolean>>,
  landUse: fc.record({ grasslandHa: fc.constantFrom(0, 12.5, 40), maizeHa: fc.constantFrom(0, 10), arableHa: fc.constantFrom(0, 3.3) }),
  peatSharePct: fc.constantFrom(0, 10, 33.3),
  priorBiodiversityPaid: fc.boolean(),
});

const explain = (i: RecordedScoreInputs) => explainScoreKpis(i, norms);
const score = (i: RecordedScoreInputs) => scoreRecordedInputs(i, norms);
const withValues = (i: RecordedScoreInputs, changes: Record<string, number | boolean>): RecordedScoreInputs => ({ ...i, indicators: { ...i.indicators, ...changes } });
const byId = (list: readonly KpiExplanation[], id: string) => list.find((k) => k.kpiId === id)!;

describe('explainScoreKpis', () => {
  it("names each KPI by the title of the norm set the score names, and by none where that document has none (D76)", () => {
    const i: RecordedScoreInputs = { indicators: {}, landUse: { grasslandHa: 10, maizeHa: 0, arableHa: 0 }, peatSharePct: 0, priorBiodiversityPaid: false };
    expect(byId(explain(i), 'grazing').title).toEqual({ nl: 'Weidegang', en: 'Grazing' });
    const renamed = { ...norms, parameters: { ...norms.parameters, kpis: norms.parameters.kpis.map((k) => (k.id === 'grazing' ? { ...k, title: { nl: 'Beweiding', en: 'Pasture' } } : { ...k, title: undefined })) } };
    const explained = explainScoreKpis(i, renamed);
    expect(byId(explained, 'grazing').title).toEqual({ nl: 'Beweiding', en: 'Pasture' });
    expect('title' in byId(explained, 'milkUrea')).toBe(false);
  });

  it("explains every KPI of the norm set with the score's own amounts: they sum to the score's", () => {
    fc.assert(
      fc.property(inputs, (i) => {
        const explanation = explain(i);
        const result = score(i);
        expect(explanation.map((k) => k.kpiId)).toEqual(norms.parameters.kpis.map((k) => k.id));
        for (const k of explanation) expect(k.cents).toBe(result.kpis[k.kpiId]);
        expect(explanation.reduce((a, k) => a + k.cents, 0)).toBe(result.uncappedCents);
        expect(explanation.flatMap((k) => k.missing).sort()).toEqual([...result.missing].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('names a next-tier value that, scored again, reaches exactly that tier (every part that has one, every KPI kind)', () => {
    fc.assert(
      fc.property(inputs, (i) => {
        for (const kpi of explain(i)) {
          for (const part of kpi.parts.filter((p) => p.next)) {
            const moved = withValues(i, { [part.indicator]: Number(part.next!.value) });
            const after = byId(explain(moved), kpi.kpiId).parts.find((p) => p.indicator === part.indicator)!;
            expect(after.tier?.rank).toBe(part.next!.rank);
            expect(after.cents).toBe(part.next!.cents);
            if (kpi.kind === 'threshold' || kpi.kind === 'absoluteBand') expect(score(moved).kpis[kpi.kpiId]).toBe(part.next!.cents);
            // The amount never drops by reaching a better tier.
            expect(score(moved).kpis[kpi.kpiId]).toBeGreaterThanOrEqual(kpi.cents);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the worst part of a worst-of KPI decides: moving every part to its next tier pays the worst of those tiers', () => {
    fc.assert(
      fc.property(inputs, (i) => {
        const kpi = byId(explain(i), 'pesticideLoad');
        if (kpi.missing.length) return;
        const moved = withValues(i, Object.fromEntries(kpi.parts.filter((p) => p.next).map((p) => [p.indicator, Number(p.next!.value)])));
        expect(score(moved).kpis.pesticideLoad).toBe(Math.min(...kpi.parts.map((p) => p.next?.cents ?? p.cents)));
      }),
    );
  });

  const base: RecordedScoreInputs = { indicators: {}, landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, peatSharePct: 0, priorBiodiversityPaid: false };

  it('compares exact decimals: 110 is the best tier of nFarmSurplus, 110.1 the second with 110 to reach the best', () => {
    const at = byId(explain(withValues(base, { nFarmSurplusKgHa: 110 })), 'nFarmSurplus');
    expect(at).toMatchObject({ cents: 25000, highestReached: true, parts: [{ value: 110, tier: { rank: 1, of: 3, threshold: '110', cents: 25000 }, next: null }] });
    const over = byId(explain(withValues(base, { nFarmSurplusKgHa: 110.1 })), 'nFarmSurplus');
    expect(over).toMatchObject({ cents: 20000, highestReached: false, parts: [{ tier: { rank: 2, threshold: '130' }, next: { rank: 1, direction: 'atMost', value: '110', cents: 25000 } }] });
  });

  it('an at-least KPI below its worst tier meets none and names the worst tier as the next', () => {
    const k = byId(explain(withValues(base, { grazingHours: 700 })), 'grazing');
    expect(k).toMatchObject({ cents: 0, parts: [{ tier: null, next: { rank: 3, direction: 'atLeast', value: '720', cents: 10000 } }] });
  });

  it("a band compares the absolute value: −7 is within 10, not 5", () => {
    const k = byId(explain(withValues(base, { pSoilSurplusKgP2o5Ha: -7 })), 'pSoilSurplus');
    expect(k).toMatchObject({ cents: 20000, parts: [{ value: -7, comparedValue: '7', tier: { rank: 2 }, next: { rank: 1, value: '5' } }] });
  });

  it('an area-weighted KPI places each land use after the peat correction and names the recorded value that reaches its next tier', () => {
    const k = byId(explain({ ...withValues(base, { 'nSoilSurplusKgHa.grassland': 120, 'nSoilSurplusKgHa.maize': 50 }), peatSharePct: 10 }), 'nSoilSurplus');
    // 120 − 10 × 1.99 = 100.1: the second grassland tier (≤ 105, 350); the best (≤ 80) needs 80 + 19.9 = 99.9.
    expect(k.parts[0]).toMatchObject({ landUse: 'grassland', comparedValue: '100.1', weight: '0.8', tier: { rank: 2, cents: 35000 }, next: { rank: 1, value: '99.9' } });
    expect(k.parts[1]).toMatchObject({ landUse: 'maize', comparedValue: '30.1', tier: { rank: 1 }, next: null });
    expect(k.cents).toBe(Math.round((35000 * 40 + 75000 * 10) / 50));
  });

  it('a farm without area is on no table of an area-weighted KPI: it pays nothing and reaches nothing', () => {
    const k = byId(explain({ ...withValues(base, { 'nSoilSurplusKgHa.grassland': 10 }), landUse: { grasslandHa: 0, maizeHa: 0, arableHa: 0 } }), 'nSoilSurplus');
    expect(k).toMatchObject({ cents: 0, parts: [], highestReached: false });
  });

  it('a land use without area drops out; a missing value pays nothing and is listed', () => {
    const k = byId(explain(base), 'nSoilSurplus');
    expect(k.parts.map((p) => p.landUse)).toEqual(['grassland', 'maize']);
    expect(k.missing).toEqual(['nSoilSurplusKgHa.grassland', 'nSoilSurplusKgHa.maize']);
    expect(k.highestReached).toBe(false);
  });

  it('a once-per-scheme KPI pays a yes once: not again when paid before', () => {
    expect(byId(explain(withValues(base, { biodiversityPackagesSignedUp: true })), 'biodiversity')).toMatchObject({ cents: 25000, highestReached: true, paidBefore: false });
    expect(byId(explain({ ...withValues(base, { biodiversityPackagesSignedUp: true }), priorBiodiversityPaid: true }), 'biodiversity')).toMatchObject({ cents: 0, highestReached: true, paidBefore: true });
    expect(byId(explain(withValues(base, { biodiversityPackagesSignedUp: false })), 'biodiversity')).toMatchObject({ cents: 0, highestReached: false });
  });

  it('names the source each used value came from, from the score\'s recorded provenance', () => {
    const provenance = { nFarmSurplus: { sourcesFrom: 'kpi' as const, sources: ['klw' as const], indicators: [{ indicator: 'nFarmSurplusKgHa' as const, value: 120, source: 'klw' as const, submissionId: 's-1', eventId: 'e-1', quality: 'modelled' as never, model: 'klw' }] } };
    const k = byId(explain({ ...withValues(base, { nFarmSurplusKgHa: 120 }), provenance }), 'nFarmSurplus');
    expect(k.parts[0]!.source).toEqual({ source: 'klw', quality: 'modelled', submissionId: 's-1', eventId: 'e-1' });
  });
});
