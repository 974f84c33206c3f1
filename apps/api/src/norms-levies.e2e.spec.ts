import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drenthe2025NormSet, minas2003 } from '@asb/domain';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { indicatorList, prepareFarm, scoreAndForward, type SchemeCase } from '../../../test/support/scheme-flow';
import { examplesDir } from '../../../test/support/shared-dir';
import { demoEligibility } from './demo/demo-fixtures';

const examples = examplesDir();
const best: SchemeCase = JSON.parse(readFileSync(join(examples, 'example-edge-best.json'), 'utf8'));
// Grassland soil surplus 85: pays EUR 350 under version 1 (≤ 105), EUR 750 once the targets move up by 10 (≤ 90).
const withGrassland85 = (farmId: string, year = 2025): SchemeCase => ({ ...best, farmId, year, indicators: { ...best.indicators, nSoilSurplusKgHa: { grassland: 85, maize: 45 } } });
const authority = (t: TestApp) => t.token('provincie-drenthe', 'norm_authority');

describe('norm sets over HTTP: amendments recalculate open results and re-settle settled ones', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ now: '2025-09-15T08:00:00.000Z' })));
  afterAll(async () => t.close());

  it('recalculates an open score (to be approved again) and re-settles a settled subsidy, naming the amendment', async () => {
    const payer = t.token('snn', 'payer');
    // A farm that goes all the way to settlement.
    const settledFarmer = await prepareFarm(t, withGrassland85('farm-settled'));
    await t.http().post('/schemes/drenthe-2025/applications/farm-settled').set('authorization', settledFarmer).send({ applicationId: 'a-settled', dataAuthorisationId: 'machtiging-wur', deMinimis: { fiscalYears: [] }, eligibility: demoEligibility() }).expect(201);
    // A farm whose 2025 score is still open (presented, not approved).
    const openFarmer = await prepareFarm(t, withGrassland85('farm-open'));
    t.clock.set('2025-11-05T08:00:00.000Z');
    await t.http().post('/schemes/drenthe-2025/allocation').set('authorization', payer).expect(200);
    const s2025 = await scoreAndForward(t, 'farm-settled', 2025, settledFarmer);
    expect(s2025.kpis.nSoilSurplus).toBe(43_000); // (350 × 40 + 750 × 10) / 50 = EUR 430
    t.clock.set('2026-03-01T08:00:00.000Z');
    await t.http().post('/schemes/drenthe-2025/farms/farm-settled/advance').set('authorization', payer).expect(200);
    await t.http().post('/farms/farm-settled/years/2026/submissions').set('authorization', t.token('wur', 'calculator'))
      .send({ submissionId: 'klw-2026', source: 'klw', model: 'KringloopWijzer', modelVersion: '2025.01', sourceDocumentId: 'KLW-2026', scheme: 'drenthe-2025', landUse: best.landUse, indicators: indicatorList(withGrassland85('x').indicators) }).expect(201);
    await scoreAndForward(t, 'farm-settled', 2026, settledFarmer);
    t.clock.set('2027-02-01T08:00:00.000Z');
    const first = await t.http().post('/schemes/drenthe-2025/farms/farm-settled/settlement').set('authorization', payer).expect(200);
    const firstSettlement = first.body.events[0].data;

    const wur = t.token('wur', 'calculator');
    const open = await t.http().post('/farms/farm-open/years/2025/scores/drenthe-2025/calculation').set('authorization', wur).send({}).expect(200);
    await t.http().post('/farms/farm-open/years/2025/scores/drenthe-2025/presentation').set('authorization', wur).send({ scoreVersion: 1 }).expect(200);
    expect(open.body.score.kpis.nSoilSurplus).toBe(43_000);
    const settledScoreEvents = (await t.runtime.store.readStream('score-drenthe-2025-farm-settled-2025')).length;

    // The province lowers the grassland targets for 2025 (extreme weather): thresholds +10 kg N/ha.
    t.clock.set('2027-03-01T08:00:00.000Z');
    const tiers = drenthe2025NormSet.parameters.kpis.findIndex((k) => k.id === 'nSoilSurplus');
    await t.http().post('/norm-sets/drenthe-2025/amendments').set('authorization', t.token('boer-x', 'farmer')).send({}).expect(403);
    const amended = await t.http()
      .post('/norm-sets/drenthe-2025/amendments')
      .set('authorization', authority(t))
      .send({
        baseVersion: 1,
        changes: ['90', '115', '140', '165'].map((value, i) => ({ path: `kpis[nSoilSurplus].landUses.grassland.tiers[${i + 1}].threshold`, value })),
        reason: 'extreme weather 2025: grassland targets lowered by 10 kg N/ha',
        authority: 'Gedeputeerde Staten van Drenthe',
        legalBasis: 'Subsidieregeling Duurzaam Boeren Drenthe, toelichting art. 7',
        effectiveFrom: '2025-01-01',
        grounds: 'extreme-weather',
      })
      .expect(201);
    expect(amended.body.events[0].data.grounds).toBe('extreme-weather');
    const amendmentId = (await t.runtime.store.readStream('normset-drenthe-2025')).find((e) => e.type === 'NormSetAmended')!.id;
    expect(amended.body.events[0].data.changes[0]).toEqual({ path: `kpis.${tiers}.landUses.grassland.tiers.0.threshold`, name: 'kpis[nSoilSurplus].landUses.grassland.tiers[1].threshold', from: '80', to: '90' });

    // Open: recalculated under version 2, back to 'calculated' for the farmer to see and approve again.
    const reopened = await t.http().get('/farms/farm-open/years/2025/scores/drenthe-2025').set('authorization', openFarmer).expect(200);
    expect(reopened.body).toMatchObject({ status: 'calculated', scoreVersion: 2, normSet: { version: 2 }, kpis: { nSoilSurplus: 75_000 } });
    const recalculated = (await t.runtime.store.readStream('score-drenthe-2025-farm-open-2025')).at(-1)!;
    expect(recalculated).toMatchObject({ type: 'ScoreRecalculated', data: { cause: amendmentId }, metadata: { causationId: amendmentId, normSet: { id: 'drenthe-2025', version: 2 } } });

    // Settled: its scores are left as they were; a re-settlement names the amendment as its cause.
    expect((await t.runtime.store.readStream('score-drenthe-2025-farm-settled-2025')).length).toBe(settledScoreEvents);
    const settlements = (await t.runtime.store.readStream('application-drenthe-2025-farm-settled')).filter((e) => e.type === 'SubsidySettled');
    expect(settlements).toHaveLength(2);
    const resettled = settlements[1].data as { settlementNo: number; cause: string; earnedCents: number; netPaymentCents: number; yearAmounts: Array<{ normSet: { version: number } }> };
    expect(resettled).toMatchObject({ settlementNo: 2, cause: amendmentId, earnedCents: firstSettlement.earnedCents + 2 * 32_000, netPaymentCents: 64_000 });
    expect(resettled.yearAmounts.map((y) => y.normSet.version)).toEqual([2, 2]);

    // The norm set as of before the amendment, and the diff between versions.
    const before = await t.http().get('/norm-sets/drenthe-2025').query({ asOf: '2027-02-15T00:00:00Z' }).set('authorization', t.token('nvwa', 'regulator')).expect(200);
    expect(before.body.document.version).toBe(1);
    const now = await t.http().get('/norm-sets/drenthe-2025').set('authorization', t.token('nvwa', 'regulator')).expect(200);
    expect(now.body.versions.map((v: { grounds: string | null }) => v.grounds)).toEqual([null, 'extreme-weather']);
    const diff = await t.http().get('/norm-sets/drenthe-2025/diff').query({ from: 1, to: 2 }).set('authorization', t.token('nvwa', 'regulator')).expect(200);
    expect(diff.body.changes).toHaveLength(4);
    // The diff answers in names (D61), as the amendment was made.
    expect(diff.body.changes[0]).toEqual({ path: 'kpis[nSoilSurplus].landUses.grassland.tiers[1].threshold', from: '80', to: '90' });

    // "Op één moment per jaar" (toelichting art. 7, D43): a second extreme-weather amendment for 2025 is
    // refused, and one that tightens a target is refused in any year; neither writes anything.
    const events = await t.eventCount();
    const weather = (value: string, effectiveFrom: string) => ({
      baseVersion: 2, changes: [{ path: 'kpis[nSoilSurplus].landUses.grassland.tiers[1].threshold', value }], reason: 'extreme weather again', authority: 'Gedeputeerde Staten van Drenthe',
      legalBasis: 'toelichting art. 7', effectiveFrom, grounds: 'extreme-weather',
    });
    const again = await t.http().post('/norm-sets/drenthe-2025/amendments').set('authorization', authority(t)).send(weather('95', '2025-01-01')).expect(409);
    expect(again.body).toMatchObject({ statusCode: 409, code: 'AMENDMENT_LIMIT_REACHED', field: 'grounds' });
    const tighter = await t.http().post('/norm-sets/drenthe-2025/amendments').set('authorization', authority(t)).send(weather('85', '2026-01-01')).expect(400);
    expect(tighter.body).toMatchObject({ statusCode: 400, code: 'WRONG_DIRECTION', field: 'changes[0].value' });
    const notATarget = await t.http().post('/norm-sets/drenthe-2025/amendments').set('authorization', authority(t)).send({ ...weather('95', '2026-01-01'), changes: [{ path: 'yearlyCapCents', value: 700_000 }] }).expect(400);
    expect(notATarget.body).toMatchObject({ code: 'PARAMETER_NOT_CHANGEABLE', field: 'changes[0].path' });
    // The refusal lists what may change by name, never by index (D61).
    expect(notATarget.body.message).toContain('kpis[nSoilSurplus].landUses.*.tiers[*].threshold');
    expect(notATarget.body.message).not.toMatch(/kpis\.\d/);
    expect(await t.eventCount()).toBe(events);
  });

  it.each([
    ['a KPI without tiers', { tiers: [] }, 'MISSING_TIER', 'parameters.kpis.0.tiers'],
    ['overlapping tiers', { tiers: [{ threshold: '110', cents: 25000 }, { threshold: '110', cents: 20000 }] }, 'NON_MONOTONE_TIERS', 'parameters.kpis.0.tiers.1.threshold'],
    ['an unknown indicator', { indicator: 'happiness' }, 'UNKNOWN_INDICATOR', 'parameters.kpis.0.indicator'],
    ['a non-monotone tier list', { tiers: [{ threshold: '130', cents: 25000 }, { threshold: '110', cents: 20000 }] }, 'NON_MONOTONE_TIERS', 'parameters.kpis.0.tiers.1.threshold'],
    ['a KPI title without English (D76)', { title: { nl: 'Stikstofoverschot' } }, 'INVALID_STRING', 'parameters.kpis.0.title.en'],
  ])('refuses a scheme document with %s, naming the field, writing nothing', async (_, patch, code, field) => {
    const before = await t.eventCount();
    const doc = { ...drenthe2025NormSet, normSetId: `bad-${code.toLowerCase().replace(/_/g, '-')}`, parameters: { ...drenthe2025NormSet.parameters, kpis: [{ ...drenthe2025NormSet.parameters.kpis[0], ...patch }] } };
    const res = await t.http().post('/norm-sets').set('authorization', authority(t)).send(doc).expect(400);
    expect(res.body).toMatchObject({ code, field });
    expect(await t.eventCount()).toBe(before);
  });

  it('publishes a valid document only for the norm authority', async () => {
    const doc = { ...minas2003, normSetId: 'minas-copy', parameters: { ...minas2003.parameters, levyId: 'minas-copy' } };
    await t.http().post('/norm-sets').set('authorization', t.token('wur', 'calculator')).send(doc).expect(403);
    // A copy that still names minas-2003 inside: its amendments would reopen minas-2003's assessments.
    const before = (await t.runtime.store.readAll()).length;
    const other = await t.http().post('/norm-sets').set('authorization', authority(t)).send({ ...doc, parameters: minas2003.parameters });
    expect({ status: other.status, code: other.body.code, field: other.body.field }).toEqual({ status: 400, code: 'ID_MISMATCH', field: 'parameters.levyId' });
    expect((await t.runtime.store.readAll()).length).toBe(before);
    await t.http().post('/norm-sets').set('authorization', authority(t)).send(doc).expect(201);
  });
});

describe('levies over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ now: '2025-12-01T08:00:00.000Z' })));
  afterAll(async () => t.close());
  const minister = (t: TestApp) => t.token('lnv', 'norm_authority');

  const farmWith = async (farmId: string, indicators: Array<{ key: string; value: number; quality: string }>, extra: object = {}) => {
    const farmer = t.token(`boer-${farmId}`, 'farmer');
    await t.http().post('/farms').set('authorization', farmer).send({ farmId, province: farmId.includes('fr') ? 'Friesland' : 'Drenthe', landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, soilTypes: ['sand'], peatSharePct: 0, livestockUnits: 120 }).expect(201);
    await t.http().post(`/farms/${farmId}/years/2025/submissions`).set('authorization', farmer).send({ submissionId: 'own-1', source: 'klw', model: 'KringloopWijzer', modelVersion: '2025.01', sourceDocumentId: `K-${farmId}`, indicators, ...extra }).expect(201);
    return farmer;
  };

  it('assesses MINAS with its arithmetic, and a light levy where a tolerance and a cap change the outcome', async () => {
    await farmWith('levy-dr-1', [
      { key: 'nFarmSurplusKgHa', value: 184, quality: 'calculated' },
      { key: 'p2o5FarmSurplusKgHa', value: 35, quality: 'calculated' },
      { key: 'nh3KgHa', value: 56, quality: 'default' },
      { key: 'ghgGCo2eqKgFpcm', value: 2000, quality: 'measured' },
    ], { flows: [{ kind: 'milk', kgProduct: 1_000_000, proteinPct: 3.19, fatPct: 4.4, quality: 'measured' }] });
    const assessed = await t.http().post('/farms/levy-dr-1/years/2025/levies/minas-2003/assessment').set('authorization', minister(t)).expect(200);
    // The authority sees what is owed, not the farm data behind it; the regulator (and the farmer) see the arithmetic.
    expect(assessed.body.levy).toEqual({ levyId: 'minas-2003', farmId: 'levy-dr-1', year: 2025, province: 'Drenthe', assessmentNo: 1, status: 'assessed', totalCents: 572_000, settledCents: null, normSet: { id: 'minas-2003', version: 1 }, ruleVersion: expect.any(String), objections: [] });
    expect(JSON.stringify(assessed.body)).not.toMatch(/184|grassland|surplus/i);
    const regulator = t.token('nvwa', 'regulator');
    const minas = await t.http().get('/farms/levy-dr-1/years/2025/levies/minas-2003').set('authorization', regulator).expect(200);
    expect(minas.body.assessment).toMatchObject({ totalCents: 572_000, normSet: { id: 'minas-2003', version: 1 } });
    expect(minas.body.assessment.lines[0]).toMatchObject({ componentId: 'n-surplus', value: 184, levyFreeLevel: '164', excess: '20', basisQuantity: '50', amountCents: 230_000 });

    await t.http().post('/farms/levy-dr-1/years/2025/levies/asb-light-levy-illustrative/assessment').set('authorization', minister(t)).expect(200);
    const payerView = await t.http().get('/farms/levy-dr-1/years/2025/levies/asb-light-levy-illustrative').set('authorization', t.token('rvo', 'payer')).expect(200);
    expect(payerView.body).not.toHaveProperty('assessment');
    const light = await t.http().get('/farms/levy-dr-1/years/2025/levies/asb-light-levy-illustrative').set('authorization', regulator).expect(200);
    const [nh3, ghg] = light.body.assessment.lines;
    // NH3 56 kg/ha as a default figure: 15 % margin (8.4) leaves it under the levy-free 50.
    expect(nh3).toMatchObject({ quality: 'default', tolerance: '8.4', excess: '0', amountCents: 0 });
    // GHG: 1,000 g/kg over on 1,038,800 kg FPCM = 1,038.8 t × EUR 25 = EUR 25,970, capped at EUR 5,000.
    expect(ghg).toMatchObject({ uncappedCents: 2_597_000, amountCents: 500_000 });

    const farmer = t.token('boer-levy-dr-1', 'farmer');
    await t.http().post('/farms/levy-dr-1/years/2025/levies/minas-2003/objection').set('authorization', farmer).send({ assessmentNo: 1, reason: 'the P2O5 surplus includes manure that left the farm' }).expect(200);
    const blocked = await t.http().post('/farms/levy-dr-1/years/2025/levies/minas-2003/settlement').set('authorization', t.token('rvo', 'payer')).send({ assessmentNo: 1 }).expect(409);
    expect(blocked.body.code).toBe('OBJECTION_OPEN');
    // The authority that decides the objection reads it; the payer sees only that one is open.
    const byAuthority = await t.http().get('/farms/levy-dr-1/years/2025/levies/minas-2003').set('authorization', minister(t)).expect(200);
    expect(byAuthority.body).toMatchObject({ status: 'objected', objections: [{ assessmentNo: 1, reason: 'the P2O5 surplus includes manure that left the farm' }] });
    expect(byAuthority.body).not.toHaveProperty('assessment');
    const byPayer = await t.http().get('/farms/levy-dr-1/years/2025/levies/minas-2003').set('authorization', t.token('rvo', 'payer')).expect(200);
    expect(byPayer.body).toMatchObject({ status: 'objected' });
    expect(JSON.stringify(byPayer.body)).not.toContain('manure');
    const early = await t.http().post('/farms/levy-dr-1/years/2025/levies/asb-light-levy-illustrative/settlement').set('authorization', t.token('rvo', 'payer')).send({ assessmentNo: 1 }).expect(409);
    expect(early.body.code).toBe('OBJECTION_PERIOD_RUNNING');
    t.clock.advance(43 * 24 * 3600 * 1000); // past the farmer's objection period
    await t.http().post('/farms/levy-dr-1/years/2025/levies/asb-light-levy-illustrative/settlement').set('authorization', t.token('rvo', 'payer')).send({ assessmentNo: 1 }).expect(200);

    await farmWith('levy-fr-1', [{ key: 'nFarmSurplusKgHa', value: 170, quality: 'calculated' }, { key: 'p2o5FarmSurplusKgHa', value: 20, quality: 'calculated' }]);
    await t.http().post('/farms/levy-fr-1/years/2025/levies/minas-2003/assessment').set('authorization', minister(t)).expect(200);
    const totals = await t.http().get('/levies/minas-2003/totals').query({ year: 2025 }).set('authorization', t.token('nvwa', 'regulator')).expect(200);
    expect(totals.body.regions).toEqual(expect.arrayContaining([{ province: 'Drenthe', farms: 1, totalCents: 572_000 }, { province: 'Friesland', farms: 1, totalCents: 6 * 50 * 230 }]));
  });

  it('refuses to assess a farm that is not registered, or under a levy that is not in force, naming the field', async () => {
    const noFarm = await t.http().post('/farms/levy-nobody/years/2025/levies/minas-2003/assessment').set('authorization', minister(t)).expect(404);
    expect(noFarm.body).toMatchObject({ code: 'FARM_NOT_FOUND', field: 'farmId' });
    const noLevy = await t.http().post('/farms/levy-dr-1/years/2025/levies/no-such-levy/assessment').set('authorization', minister(t)).expect(404);
    expect(noLevy.body).toMatchObject({ code: 'NO_NORM_SET_IN_FORCE', field: 'levyId' });
  });

  it('reassesses an open levy when its norm set is amended (tariff doubled), naming the amendment', async () => {
    await t.http()
      .post('/norm-sets/minas-2003/amendments')
      .set('authorization', minister(t))
      .send({ baseVersion: 1, changes: [{ path: 'components[n-surplus].tiers[1].tariffCentsPerUnit', value: '460' }], reason: 'N tariff doubled', authority: 'Minister van LNV', legalBasis: 'illustration', effectiveFrom: '2003-01-01' })
      .expect(201);
    const levy = await t.http().get('/farms/levy-fr-1/years/2025/levies/minas-2003').set('authorization', t.token('nvwa', 'regulator')).expect(200);
    expect(levy.body).toMatchObject({ assessmentNo: 2, assessment: { normSet: { version: 2 }, lines: [{ amountCents: 6 * 50 * 460 }, expect.anything()] } });
  });
});

describe('equivalente maatregelen over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ now: '2017-05-10T08:00:00.000Z' })));
  afterAll(async () => t.close());

  it('grants a farm-specific norm when the conditions are met and refuses with reasons when not', async () => {
    const farmer = t.token('boer-em', 'farmer');
    await t.http().post('/farms').set('authorization', farmer).send({ farmId: 'em-farm', province: 'Groningen', landUse: { grasslandHa: 10, maizeHa: 10, arableHa: 30 }, soilTypes: ['clay'], peatSharePct: 0, livestockUnits: 40 }).expect(201);
    const base = '/farms/em-farm/equivalent-measures';
    await t.http().post(base).set('authorization', farmer).send({ registrationId: 'beet', measure: 'p-low-phosphate-high-yield', crop: 'sugar-beet', soilRegion: 'clay', year: 2017, registeredAt: '2017-05-10', registrationDocumentId: 'RVO-EM-1', areaHa: 20 }).expect(201);
    await t.http().post(`${base}/beet/evidence`).set('authorization', farmer).send({ evidenceId: 'ev1', kind: 'buyer-authorisation', documentId: 'SUIKERUNIE-2017-118', yieldTHa: 88 }).expect(201);
    await t.http().post(`${base}/beet/evidence`).set('authorization', farmer).send({ evidenceId: 'ev1b', kind: 'fertiliser-records', documentId: 'MESTCODES-2017', fertiliserKinds: ['compost', 'mineral-fertiliser'] }).expect(201);
    await t.http().post(`${base}/beet/fee`).set('authorization', t.token('rvo', 'payer')).expect(200);
    const granted = await t.http().post(`${base}/beet/decision`).set('authorization', t.token('rvo', 'norm_authority')).expect(200);
    expect(granted.body.events[0]).toMatchObject({ type: 'FarmSpecificNormGranted', data: { extraP2o5KgHa: '5' } });

    t.clock.set('2017-06-02T08:00:00.000Z');
    await t.http().post(base).set('authorization', farmer).send({ registrationId: 'maize-late', measure: 'higher-n-yield', crop: 'maize', soilRegion: 'southern-sand', year: 2017, registeredAt: '2017-06-02T07:55:00+02:00', registrationDocumentId: 'RVO-EM-2', areaHa: 20 }).expect(201);
    await t.http().post(`${base}/maize-late/evidence`).set('authorization', farmer).send({ evidenceId: 'ev2', kind: 'yield-records', documentId: 'Y-1', yieldTHa: 50, slurryNKgHa: 90, lastSlurryDate: '2017-07-05', fertiliserKinds: ['slurry', 'solid-manure-other'] }).expect(201);
    const refused = await t.http().post(`${base}/maize-late/decision`).set('authorization', t.token('rvo', 'norm_authority')).expect(200);
    expect(refused.body.events[0].data.reasons.map((r: { code: string }) => r.code)).toEqual([
      'LATE_REGISTRATION', 'FEE_NOT_PAID', 'MISSING_BUYER_WRITTEN_PROOF', 'MISSING_ACCOUNTANT_COMPOSITION_STATEMENT', 'FERTILISER_NOT_ALLOWED', 'YIELD_BELOW_THRESHOLD', 'SLURRY_ABOVE_CAP', 'SLURRY_AFTER_1_JULY',
    ]);

    const norms = await t.http().get(base).set('authorization', farmer).expect(200);
    expect(norms.body.granted).toEqual([expect.objectContaining({ registrationId: 'beet', extraP2o5KgHa: '5' })]);
    expect(norms.body.refused[0].reasons[0].message).toMatch(/deadline was 2017-06-01 \(inclusive\)/);
  });

  it('enters a registration made on the last day from its document months later: in time, recorded now, decided by the evidence each crop needs', async () => {
    t.clock.set('2017-10-02T09:00:00.000Z');
    const farmer = t.token('boer-em2', 'farmer');
    const rvo = t.token('rvo', 'norm_authority');
    await t.http().post('/farms').set('authorization', farmer).send({ farmId: 'em-farm-2', province: 'Limburg', landUse: { grasslandHa: 10, maizeHa: 20, arableHa: 10 }, soilTypes: ['sand'], peatSharePct: 0, livestockUnits: 40 }).expect(201);
    const base = '/farms/em-farm-2/equivalent-measures';
    const registered = await t.http().post(base).set('authorization', farmer).send({ registrationId: 'maize-p', measure: 'p-low-phosphate-high-yield', crop: 'maize', soilRegion: 'southern-sand', year: 2017, registeredAt: '2017-06-01T23:30:00+02:00', registrationDocumentId: 'RVO-EM-2017-77', areaHa: 20 }).expect(201);
    expect(registered.body.events[0]).toMatchObject({ type: 'EquivalentMeasureRegistered', data: { registeredAt: '2017-06-01T23:30:00+02:00', registrationDocumentId: 'RVO-EM-2017-77', areaHa: 20 } });
    // The buyer's proof alone no longer does for maize: the accountant's statement is needed as well (seed 004, §Plo).
    await t.http().post(`${base}/maize-p/evidence`).set('authorization', farmer).send({ evidenceId: 'p1', kind: 'buyer-written-proof', documentId: 'CEBECO-2016-1', yieldTHa: 62 }).expect(201);
    await t.http().post(`${base}/maize-p/evidence`).set('authorization', farmer).send({ evidenceId: 'p2', kind: 'fertiliser-records', documentId: 'MESTCODES-2017', fertiliserKinds: ['solid-manure-grazing-animals'] }).expect(201);
    await t.http().post(`${base}/maize-p/fee`).set('authorization', t.token('rvo', 'payer')).expect(200);
    await t.http().post(base).set('authorization', farmer).send({ registrationId: 'maize-p2', measure: 'p-low-phosphate-high-yield', crop: 'maize', soilRegion: 'southern-sand', year: 2017, registeredAt: '2017-05-20', registrationDocumentId: 'RVO-EM-2017-78', areaHa: 20 }).expect(201);
    await t.http().post(`${base}/maize-p2/evidence`).set('authorization', farmer).send({ evidenceId: 'q1', kind: 'buyer-written-proof', documentId: 'CEBECO-2016-2', yieldTHa: 62 }).expect(201);
    await t.http().post(`${base}/maize-p2/evidence`).set('authorization', farmer).send({ evidenceId: 'q2', kind: 'fertiliser-records', documentId: 'MESTCODES-2017', fertiliserKinds: ['slurry'] }).expect(201);
    await t.http().post(`${base}/maize-p2/fee`).set('authorization', t.token('rvo', 'payer')).expect(200);
    const refused = await t.http().post(`${base}/maize-p2/decision`).set('authorization', rvo).expect(200);
    expect(refused.body.events[0].data.reasons.map((r: { code: string }) => r.code)).toEqual(['MISSING_ACCOUNTANT_COMPOSITION_STATEMENT', 'FERTILISER_NOT_ALLOWED']);

    await t.http().post(`${base}/maize-p/evidence`).set('authorization', farmer).send({ evidenceId: 'p3', kind: 'accountant-composition-statement', documentId: 'ACC-4410-2016' }).expect(201);
    const granted = await t.http().post(`${base}/maize-p/decision`).set('authorization', rvo).expect(200);
    expect(granted.body.events[0]).toMatchObject({ type: 'FarmSpecificNormGranted', data: { registrationId: 'maize-p', extraP2o5KgHa: '5' } });
    // The registration's date is the document's; the log records when the ledger learnt of it.
    const history = await t.http().get('/audit/farms/em-farm-2/history?limit=100').set('authorization', t.token('nvwa', 'regulator')).expect(200);
    const entry = history.body.items.find((e: { type: string; data: { registrationId?: string } }) => e.type === 'EquivalentMeasureRegistered' && e.data.registrationId === 'maize-p');
    expect(entry).toMatchObject({ recordedAt: '2017-10-02T09:00:00.000Z', data: { registeredAt: '2017-06-01T23:30:00+02:00' } });
  });

  it('checks usage against the usage norm plus the granted farm-specific norm: blocking above the general norm until the grant, then resolved', async () => {
    t.clock.set('2017-05-12T08:00:00.000Z');
    const farmer = t.token('boer-em3', 'farmer');
    const farmId = 'em-farm-3';
    await t.http().post('/farms').set('authorization', farmer).send({ farmId, province: 'Groningen', landUse: { grasslandHa: 10, maizeHa: 10, arableHa: 30 }, soilTypes: ['clay'], peatSharePct: 0, livestockUnits: 40 }).expect(201);
    const years = `/farms/${farmId}/years/2017`;
    const go = await t.http().post(`${years}/submissions`).set('authorization', farmer).send({ submissionId: 'go-2017', source: 'gecombineerde-opgave', sourceDocumentId: 'GO-2017', landUse: { grasslandHa: 10, maizeHa: 10, arableHa: 30 }, indicators: [{ key: 'p2o5UsageNormKgHa', value: 60, quality: 'registered' }] }).expect(201);
    const klw = await t.http().post(`${years}/submissions`).set('authorization', farmer).send({ submissionId: 'klw-2017', source: 'klw', model: 'KringloopWijzer', modelVersion: '2025.01', sourceDocumentId: 'KLW-2017', indicators: [{ key: 'p2o5UsageKgHa', value: 61.5, quality: 'calculated' }] }).expect(201);
    let findings = (await t.http().get(`${years}/findings`).set('authorization', farmer).expect(200)).body.items;
    const usage = findings.find((f: { checkId: string }) => f.checkId === 'usage-norm');
    expect(usage).toMatchObject({ subject: 'usage-norm:p2o5', severity: 'blocking', status: 'open', compared: [klw.body.events[0].id, go.body.events[0].id] });

    // +5 kg P2O5/ha on 20 of the 50 ha (seed 004, §Plo): 2 kg/ha more for the farm, so 61.5 is within 62.
    const base = `/farms/${farmId}/equivalent-measures`;
    await t.http().post(base).set('authorization', farmer).send({ registrationId: 'beet', measure: 'p-low-phosphate-high-yield', crop: 'sugar-beet', soilRegion: 'clay', year: 2017, registeredAt: '2017-05-11', registrationDocumentId: 'RVO-EM-3', areaHa: 20 }).expect(201);
    await t.http().post(`${base}/beet/evidence`).set('authorization', farmer).send({ evidenceId: 'a1', kind: 'buyer-authorisation', documentId: 'SUIKERUNIE-2016-3', yieldTHa: 90 }).expect(201);
    await t.http().post(`${base}/beet/evidence`).set('authorization', farmer).send({ evidenceId: 'a2', kind: 'fertiliser-records', documentId: 'MESTCODES-2017', fertiliserKinds: ['champost'] }).expect(201);
    await t.http().post(`${base}/beet/fee`).set('authorization', t.token('rvo', 'payer')).expect(200);
    const granted = await t.http().post(`${base}/beet/decision`).set('authorization', t.token('rvo', 'norm_authority')).expect(200);
    expect(granted.body.events[0]).toMatchObject({ type: 'FarmSpecificNormGranted', data: { extraP2o5KgHa: '5', areaHa: 20 } });
    findings = (await t.http().get(`${years}/findings`).set('authorization', farmer).expect(200)).body.items;
    expect(findings.find((f: { findingId: string }) => f.findingId === usage.findingId)).toMatchObject({ status: 'resolved' });
    expect(findings.filter((f: { checkId: string; status: string }) => f.checkId === 'usage-norm' && f.status === 'open')).toEqual([]);
  });

  it('refuses a registration dated after today, one without its document, and an unknown fertiliser kind, naming the field', async () => {
    t.clock.set('2017-05-20T10:00:00.000Z');
    const farmer = t.token('boer-em', 'farmer');
    const base = '/farms/em-farm/equivalent-measures';
    const registration = { registrationId: 'future', measure: 'row-fertilisation-maize', crop: 'maize', soilRegion: 'loess', year: 2017, registrationDocumentId: 'RVO-EM-9', areaHa: 20 };
    const future = await t.http().post(base).set('authorization', farmer).send({ ...registration, registeredAt: '2017-05-21' }).expect(400);
    expect(future.body).toMatchObject({ statusCode: 400, code: 'REGISTRATION_DATE_IN_FUTURE', field: 'registeredAt' });
    const missing = await t.http().post(base).set('authorization', farmer).send({ ...registration, registrationDocumentId: undefined, registeredAt: '2017-05-19' }).expect(400);
    expect(missing.body).toMatchObject({ statusCode: 400, field: 'registrationDocumentId' });
    const kind = await t.http().post(`${base}/beet/evidence`).set('authorization', farmer).send({ evidenceId: 'x1', kind: 'fertiliser-records', documentId: 'M', fertiliserKinds: ['guano'] }).expect(400);
    expect(kind.body).toMatchObject({ statusCode: 400, code: 'INVALID_INPUT' });
    expect(kind.body.field).toMatch(/^fertiliserKinds/);
  });
});
