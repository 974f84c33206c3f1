import { randomUUID } from 'node:crypto';
import {
  assessLevy,
  balanceParametersV1,
  computeFarmBalance,
  drenthe2025NormSet,
  scoreRecordedInputs,
  minas2003,
  streams,
  type ActiveSubmission,
  type BalanceData,
  type LevyInputs,
} from '@asb/domain';
import type { EventStore, NewEvent } from '@asb/event-store';

/** Small, fast, seeded PRNG (mulberry32): the same seed gives the same national data set. */
export const prng = (seed: number) => () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const PROVINCES = ['Drenthe', 'Friesland', 'Groningen', 'Overijssel', 'Gelderland', 'Noord-Brabant', 'Utrecht', 'Zuid-Holland', 'Noord-Holland', 'Limburg', 'Flevoland', 'Zeeland'];
const round1 = (x: number) => Math.round(x * 10) / 10;

export type NationalDataSet = Readonly<{ farms: number; years: number[]; events: number; ms: number }>;

/**
 * Writes a national data set through the event store with the domain's own event shapes: per farm a
 * registration and an authorisation; per farm-year submissions from KLW, the dairy processor and the
 * gecombineerde opgave, a score calculated under the published norm set, presented, approved and
 * forwarded, and a MINAS levy assessment. Scores and levies are computed by the domain functions, so
 * `asb replay --verify` has something real to recompute.
 */
export const generateNationalDataSet = async (store: EventStore, options: { farms: number; years: number[]; seed: number; onProgress?: (farms: number) => void }): Promise<NationalDataSet> => {
  const rnd = prng(options.seed);
  const started = Date.now();
  let events = 0;
  const at = (year: number, day: number, hour: number) => new Date(Date.UTC(year + 1, 0, 1 + day, hour)).toISOString();
  const envelope = (type: string, data: unknown, actor: { id: string; role: 'farmer' | 'calculator' | 'data_source' | 'norm_authority' }, recordedAt: string, extra: object = {}): NewEvent => {
    const id = randomUUID();
    return { id, type, schemaVersion: 1, data, metadata: { actor, recordedAt, correlationId: id, causationId: id, ...extra } };
  };
  const append = async (stream: string, list: NewEvent[]) => {
    await store.append(stream, list, 'no_stream');
    events += list.length;
  };
  for (let f = 0; f < options.farms; f++) {
    const farmId = `nl-${String(f).padStart(6, '0')}`;
    const farmer = { id: `boer-${f}`, role: 'farmer' as const };
    const grass = round1(20 + rnd() * 80);
    const maize = round1(rnd() * 25);
    const arable = rnd() < 0.3 ? round1(rnd() * 15) : 0;
    const landUse = { grasslandHa: grass, maizeHa: maize, arableHa: arable };
    const livestockUnits = Math.round((grass + maize) * (1.5 + rnd() * 1.5));
    const peatSharePct = rnd() < 0.2 ? Math.round(rnd() * 60) : 0;
    const registeredAt = at(options.years[0] - 1, 0, 8);
    await append(streams.farm(farmId), [envelope('FarmRegistered', { farmId, farmerId: farmer.id, province: PROVINCES[f % PROVINCES.length], landUse, soilTypes: ['sand'], peatSharePct, livestockUnits, registeredAt }, farmer, registeredAt)]);
    await append(streams.authorisations(farmId), [
      envelope('AuthorisationGranted', { authorisationId: 'wur', farmId, grantedBy: farmer.id, grantee: { id: 'wur', role: 'calculator' }, sources: ['klw', 'gecombineerde-opgave', 'scan-ict', 'clm-milieumeetlat'], purpose: 'asb', validFrom: registeredAt, validTo: '2040-01-01T00:00:00.000Z', grantedAt: registeredAt }, farmer, registeredAt),
    ]);
    for (const year of options.years) {
      const wur = { id: 'wur', role: 'calculator' as const };
      const milkKg = Math.round(livestockUnits * (7000 + rnd() * 3000));
      const protein = round1(3.2 + rnd() * 0.4);
      const indicators: Record<string, { value: number | boolean; quality: 'calculated' | 'measured' }> = {
        nFarmSurplusKgHa: { value: round1(90 + rnd() * 90), quality: 'calculated' },
        p2o5FarmSurplusKgHa: { value: round1(rnd() * 40), quality: 'calculated' },
        'nSoilSurplusKgHa.grassland': { value: round1(60 + rnd() * 110), quality: 'calculated' },
        'nSoilSurplusKgHa.maize': { value: round1(30 + rnd() * 60), quality: 'calculated' },
        'nSoilSurplusKgHa.arable': { value: round1(30 + rnd() * 70), quality: 'calculated' },
        nh3KgHa: { value: round1(30 + rnd() * 40), quality: 'calculated' },
        nh3KgPerLivestockUnit: { value: round1(15 + rnd() * 10), quality: 'calculated' },
        milkUreaMg100g: { value: round1(16 + rnd() * 6), quality: 'measured' },
        ownLandProteinPct: { value: round1(45 + rnd() * 30), quality: 'calculated' },
        rationCrudeProteinGKgDm: { value: round1(150 + rnd() * 15), quality: 'calculated' },
        ghgGCo2eqKgFpcm: { value: Math.round(700 + rnd() * 350), quality: 'calculated' },
        'pesticideMbpHa.soilLife': { value: Math.round(rnd() * 400), quality: 'calculated' },
        'pesticideMbpHa.surfaceWater': { value: Math.round(rnd() * 400), quality: 'calculated' },
        'pesticideMbpHa.groundwater': { value: Math.round(rnd() * 400), quality: 'calculated' },
        cropRotationIndex: { value: Math.round(rnd() * 100) / 100, quality: 'calculated' },
        pSoilSurplusKgP2o5Ha: { value: round1(-15 + rnd() * 30), quality: 'calculated' },
        biodiversityPackagesSignedUp: { value: rnd() < 0.3, quality: 'calculated' },
        grazingHours: { value: Math.round(rnd() * 2200), quality: 'calculated' },
      };
      const klw: BalanceData = {
        source: 'klw', sourceDocumentId: `KLW-${farmId}-${year}`, landUse,
        flows: [
          { kind: 'concentrates', kgProduct: Math.round(milkKg * 0.28), nContentGPerKg: 28, p2o5ContentGPerKg: 9, quality: 'registered' },
          { kind: 'mineral-fertiliser', kgProduct: Math.round(grass * 500), nKg: Math.round(grass * 130), quality: 'registered' },
          { kind: 'milk', kgProduct: milkKg, proteinPct: protein, fatPct: round1(4 + rnd() * 0.6), quality: 'measured' },
        ],
        indicators: indicators as BalanceData['indicators'],
      };
      const processor: BalanceData = { source: 'dairy-processor', sourceDocumentId: `ZUIVEL-${farmId}-${year}`, flows: [{ kind: 'milk', kgProduct: milkKg, proteinPct: protein, fatPct: 4.4, quality: 'measured' }] };
      const go: BalanceData = { source: 'gecombineerde-opgave', sourceDocumentId: `GO-${farmId}-${year}`, landUse };
      const t1 = at(year, 40, 9);
      const submissions = [
        envelope('BalanceDataSubmitted', { farmId, year, submissionId: 'klw', ...klw, submittedAt: t1 }, wur, t1, { authorisationId: 'wur' }),
        envelope('BalanceDataSubmitted', { farmId, year, submissionId: 'zuivel', ...processor, submittedAt: t1 }, { id: 'zuivelnl', role: 'data_source' }, t1),
        envelope('BalanceDataSubmitted', { farmId, year, submissionId: 'go', ...go, submittedAt: t1 }, wur, t1, { authorisationId: 'wur' }),
      ];
      await append(streams.balance(farmId, year), submissions);
      const flat = Object.fromEntries(Object.entries(indicators).map(([k, v]) => [k, v.value]));
      const inputs = { indicators: flat, landUse, peatSharePct, priorBiodiversityPaid: false, inputEventIds: [submissions[0].id] };
      const result = scoreRecordedInputs({ landUse, peatSharePct, indicators: flat, priorBiodiversityPaid: false }, drenthe2025NormSet);
      const t2 = at(year, 60, 10);
      const key = { scheme: 'drenthe-2025', farmId, year };
      const normSet = { id: 'drenthe-2025', version: 1 };
      await append(streams.score('drenthe-2025', farmId, year), [
        envelope('ScoreCalculated', { ...key, scoreVersion: 1, result, inputs, normSet, ruleVersion: result.ruleVersion, calculatedAt: t2 }, wur, t2, { normSet, ruleVersion: result.ruleVersion }),
        envelope('ScorePresentedToFarmer', { ...key, scoreVersion: 1, presentedBy: 'wur', presentedAt: t2 }, wur, t2),
        envelope('ScoreApproved', { ...key, scoreVersion: 1, approvedBy: farmer.id, approvedAt: t2 }, farmer, t2),
        envelope('ScoreForwardedToPayer', { ...key, scoreVersion: 1, totalCents: result.totalCents, forwardedBy: 'wur', forwardedAt: t2 }, wur, t2),
      ]);
      const active: ActiveSubmission[] = submissions.map((s, i) => ({ submissionId: ['klw', 'zuivel', 'go'][i], eventId: s.id, recordedAt: t1, data: [klw, processor, go][i] }));
      const balance = computeFarmBalance(farmId, year, active, landUse, balanceParametersV1);
      const levyInputs: LevyInputs = {
        values: { nFarmSurplusKgHa: indicators.nFarmSurplusKgHa as { value: number; quality: 'calculated' }, p2o5FarmSurplusKgHa: indicators.p2o5FarmSurplusKgHa as { value: number; quality: 'calculated' } },
        landUse, livestockUnits, fpcmKg: balance.milk?.fpcmKg ?? null,
      };
      const assessment = assessLevy(levyInputs, minas2003);
      await append(streams.levy('minas-2003', farmId, year), [
        envelope('LevyAssessed', { levyId: 'minas-2003', farmId, year, province: PROVINCES[f % PROVINCES.length], assessmentNo: 1, assessment, inputs: levyInputs, inputEventIds: [submissions[0].id], assessedAt: t2 }, { id: 'lnv', role: 'norm_authority' }, t2, { normSet: assessment.normSet, ruleVersion: assessment.ruleVersion }),
      ]);
    }
    if (f % 500 === 499) options.onProgress?.(f + 1);
  }
  return { farms: options.farms, years: options.years, events, ms: Date.now() - started };
};
