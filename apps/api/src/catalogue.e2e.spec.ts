import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allProjections, ProjectionRunner, ReadModelStore } from '@asb/projections';
import request from 'supertest';
import { BearerTokens, FixedClock, loadLedgerConfig, Recomputations } from '@asb/ledger';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { demoEligibility } from '../../../test/support/farm-fixtures';
import { createApp } from './app.factory';
import { asbFromSources } from '../../../test/support/processes/asb-cli';

/**
 * Issue 13: a new scheme or levy is data, published at runtime (D40, D41). Everything below is
 * published over HTTP — no `.ts` file names the pilot scheme, the pilot levy or their new indicators —
 * and then used end to end exactly as the shipped drenthe-2025 and minas-2003 are.
 */
const root = resolve(__dirname, '../../..');
const asb = (dataDir: string, ...args: string[]) =>
  execFileSync(process.execPath, asbFromSources(...args), { cwd: root, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir } });

const PILOT = 'kringlooppilot-overijssel-2026';
const LEVY = 'nitraat-heffing-pilot-2026';
const tier = (threshold: string, euros: number) => ({ threshold, cents: euros * 100 });

const pilotIndicators = {
  normSetId: 'overijssel-pilot-indicators',
  kind: 'indicator-catalogue',
  version: 1,
  title: 'Kringlooppilot Overijssel: extra indicators',
  legalBasis: 'Actieagenda ASB, actie 14 (pilots); Uitvoeringsregeling Kringlooppilot Overijssel 2026',
  effectiveFrom: '2026-01-01',
  parameters: {
    indicators: [
      { key: 'soilOrganicMatterPct', unit: '% organic matter in the topsoil', valueType: 'number' },
      { key: 'herbRichGrasslandSignedUp', unit: 'yes/no', valueType: 'boolean', description: 'kruidenrijk grasland contracted' },
    ],
    dataSources: [{ id: 'bodemlab-overijssel', title: 'Bodemlab Overijssel (soil samples)' }],
  },
};

const pilotScheme = {
  normSetId: PILOT,
  kind: 'scheme-scoring',
  version: 1,
  title: 'Kringlooppilot Overijssel 2026 (made up for this test)',
  legalBasis: 'Uitvoeringsregeling Kringlooppilot Overijssel 2026 (Provincie Overijssel), Bijlage 1',
  effectiveFrom: '2026-01-01',
  effectiveTo: '2028-12-31',
  parameters: {
    scheme: PILOT,
    years: [2026],
    applicationWindow: { opensAt: '2026-02-01T00:00:00.000Z', closesAt: '2026-03-31T22:00:00.000Z' },
    requiredAuthorisationSources: ['klw', 'bodemlab-overijssel'],
    kpis: [
      { id: 'nFarm', kind: 'threshold', indicator: 'nFarmSurplusKgHa', direction: 'atMost', tiers: [tier('100', 400), tier('125', 200)] },
      // Named by the document (D76): the web app needs no code for a KPI of a new scheme. Titles are optional.
      { id: 'organicMatter', title: { nl: 'Organische stof in de bodem', en: 'Soil organic matter' }, kind: 'threshold', indicator: 'soilOrganicMatterPct', direction: 'atLeast', tiers: [tier('5', 600), tier('3.5', 300)] },
      { id: 'pBand', kind: 'absoluteBand', indicator: 'pSoilSurplusKgP2o5Ha', tiers: [tier('3', 300), tier('8', 100)] },
      { id: 'herbRich', kind: 'oncePerScheme', indicator: 'herbRichGrasslandSignedUp', cents: 50_000 },
    ],
    yearlyCapCents: 150_000,
    schemeCapPerFarmCents: 150_000,
    budgetCeilingCents: 300_000,
    reservationPerApplicationCents: 150_000,
    partialLastGrant: 'refuse',
    deMinimis: { ceilingCents: 5_000_000, fiscalYears: 3, period: 'rolling' },
    // The pilot's own target group and closure date (D38, D39): data, like everything else of it.
    eligibility: { provinces: ['Overijssel'], sbiCodes: ['01.41', '01.41.1'], kringloopWijzerRequired: true },
    closure: { deadline: '2028-09-30T22:00:00.000Z' },
    advance: { year: 2027, basedOnYear: 2026 },
    settlement: { year: 2028, years: [2026] },
    // Who decides a dispute of a score, and within how many days (D36).
    disputes: { decidedBy: 'calculator', decisionDays: 42 },
  },
};

const levyIndicators = {
  normSetId: 'nitraat-indicators',
  kind: 'indicator-catalogue',
  version: 1,
  title: 'Nitrate in the upper groundwater',
  legalBasis: 'Actieagenda ASB, actie 14; Nitraatrichtlijn 91/676/EEG',
  effectiveFrom: '2026-01-01',
  parameters: { indicators: [{ key: 'nitrateUpperGroundwaterMgL', unit: 'mg NO3/l', valueType: 'number' }] },
};

const nitrateLevy = {
  normSetId: LEVY,
  kind: 'levy',
  version: 1,
  title: 'Pilot levy on nitrate in the upper groundwater (made up for this test)',
  legalBasis: 'Regeling pilotheffing nitraat 2026 (illustrative)',
  effectiveFrom: '2026-01-01',
  parameters: {
    levyId: LEVY,
    illustrative: true,
    components: [
      {
        id: 'nitrate',
        indicator: 'nitrateUpperGroundwaterMgL',
        basis: 'per-ha',
        levyFreeLevel: '50',
        unit: 'mg NO3/l above 50, per ha',
        tiers: [{ from: '0', tariffCentsPerUnit: '100' }, { from: '10', tariffCentsPerUnit: '200' }],
        tolerancePctByQuality: { measured: '0', 'self-declared': '10' },
      },
    ],
    capCentsPerFarm: 500_000,
    // The objection period and who decides within how many days (D36).
    objections: { objectionDays: 42, decidedBy: 'norm_authority', decisionDays: 42 },
  },
};

describe('a scheme and a levy that no code knows, published over HTTP (issue 13)', () => {
  let t: TestApp;
  let province: string;
  let minister: string;
  let wur: string;
  let snn: string;
  let nvwa: string;
  beforeAll(async () => {
    // The what-if here checks the pilot's figures for its one farm-year: groups of one are shown (by default a run below the minimum shows none, D69).
    t = await startTestApp({ now: '2026-01-10T08:00:00.000Z', env: { ANALYTICS_MIN_GROUP_SIZE: '1' } });
    province = t.token('gs-overijssel', 'norm_authority');
    minister = t.token('lnv', 'norm_authority');
    wur = t.token('wur', 'calculator');
    snn = t.token('snn', 'payer');
    nvwa = t.token('nvwa', 'regulator');
  });
  afterAll(async () => t.close());

  const grant = (authorisationId: string, grantee: { id: string; role: string }, sources: string[]) => ({ authorisationId, grantee, sources, purpose: `scheme:${PILOT}`, validFrom: '2026-01-01T00:00:00Z', validTo: '2029-12-31T23:00:00Z' });
  const registerFarm = async (farmId: string, farmer: string, sources = ['klw']) => {
    await t.http().post('/farms').set('authorization', farmer).send({ farmId, province: 'Overijssel', landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, soilTypes: ['sand'], peatSharePct: 0, livestockUnits: 100 }).expect(201);
    await t.http().post(`/farms/${farmId}/authorisations`).set('authorization', farmer).send(grant('machtiging-wur', { id: 'wur', role: 'calculator' }, sources)).expect(201);
  };

  it('refuses the pilot scheme, its indicators and its routes while nothing declares them, naming the field', async () => {
    const noScheme = await t.http().get(`/schemes/${PILOT}/budget`).set('authorization', snn).expect(400);
    expect(noScheme.body).toMatchObject({ code: 'INVALID_INPUT', field: 'scheme' });
    const undeclared = await t.http().post('/norm-sets').set('authorization', province).send(pilotScheme).expect(400);
    expect(undeclared.body).toMatchObject({ code: 'UNKNOWN_INDICATOR', field: 'parameters.kpis.1.indicator' });
    await registerFarm('nl-overijssel-0000', t.token('boer-vroeg', 'farmer'));
    const unknownKey = await t.http()
      .post('/farms/nl-overijssel-0000/years/2026/submissions')
      .set('authorization', wur)
      .send({ submissionId: 'klw-2026', source: 'klw', model: 'KringloopWijzer', modelVersion: '2025.01', sourceDocumentId: 'KLW-0000-2026', indicators: [{ key: 'soilOrganicMatterPct', value: 5.2, quality: 'measured' }] })
      .expect(400);
    expect(unknownKey.body).toMatchObject({ code: 'UNKNOWN_INDICATOR', field: 'indicators.0.key' });
    const unknownSource = await t.http().post('/farms/nl-overijssel-0000/authorisations').set('authorization', t.token('boer-vroeg', 'farmer')).send(grant('machtiging-lab', { id: 'bodemlab', role: 'data_source' }, ['bodemlab-overijssel'])).expect(400);
    expect(unknownSource.body).toMatchObject({ code: 'INVALID_INPUT', field: 'sources.0' });
  });

  it('publishes "Kringlooppilot Overijssel 2026" in two POST /norm-sets, and a farm applies, is scored, approves, is forwarded and settled under it', async () => {
    await t.http().post('/norm-sets').set('authorization', province).send(pilotIndicators).expect(201);
    await t.http().post('/norm-sets').set('authorization', province).send(pilotScheme).expect(201);
    // The soil lab's figures count for the balance once the (national) source precedence names it: a parameter, amended.
    const precedence = ['klw', 'scan-ict', 'clm-milieumeetlat', 'gecombineerde-opgave', 'dairy-processor', 'manure-transport-registry', 'bodemlab-overijssel'];
    await t.http()
      .post('/norm-sets/balance-parameters/amendments')
      .set('authorization', minister)
      .send({ baseVersion: 1, changes: [{ path: 'indicatorSourcePrecedence', value: precedence }], reason: 'Kringlooppilot Overijssel: soil samples of Bodemlab Overijssel', authority: 'Minister van LNV', legalBasis: 'Actieagenda ASB, actie 14', effectiveFrom: '2026-01-01' })
      .expect(201);

    const catalogue = await t.http().get('/norm-sets').query({ kind: 'scheme-scoring' }).set('authorization', t.token('boer', 'farmer')).expect(200);
    expect(catalogue.body.items.find((e: { normSetId: string }) => e.normSetId === PILOT)).toMatchObject({ scheme: { years: [2026], budgetCeilingCents: 300_000, applicationWindow: pilotScheme.parameters.applicationWindow } });
    expect(catalogue.body.indicators).toMatchObject({ soilOrganicMatterPct: 'number', herbRichGrasslandSignedUp: 'boolean' });
    expect(catalogue.body.dataSources).toContain('bodemlab-overijssel');

    const farmer = t.token('boer-overijssel', 'farmer');
    await registerFarm('nl-overijssel-0001', farmer, ['klw', 'bodemlab-overijssel']);
    await t.http().post('/farms/nl-overijssel-0001/authorisations').set('authorization', farmer).send(grant('machtiging-lab', { id: 'bodemlab', role: 'data_source' }, ['bodemlab-overijssel'])).expect(201);
    // A submission for the pilot: its year is checked against the pilot's years, its new indicators against the declared ones.
    const outside = await t.http().post('/farms/nl-overijssel-0001/years/2025/submissions').set('authorization', wur).send({ submissionId: 'klw-2025', source: 'klw', model: 'KringloopWijzer', modelVersion: '2025.01', sourceDocumentId: 'KLW-0001-2025', scheme: PILOT, indicators: [{ key: 'nFarmSurplusKgHa', value: 100, quality: 'measured' }] }).expect(400);
    expect(outside.body).toMatchObject({ code: 'YEAR_OUTSIDE_SCHEME', field: 'year' });
    const wrongType = await t.http().post('/farms/nl-overijssel-0001/years/2026/submissions').set('authorization', wur).send({ submissionId: 'klw-bad', source: 'klw', model: 'KringloopWijzer', modelVersion: '2025.01', sourceDocumentId: 'KLW-bad', scheme: PILOT, indicators: [{ key: 'herbRichGrasslandSignedUp', value: 1, quality: 'measured' }] }).expect(400);
    expect(wrongType.body).toMatchObject({ field: 'indicators.0.value' });
    await t.http()
      .post('/farms/nl-overijssel-0001/years/2026/submissions')
      .set('authorization', wur)
      .send({
        submissionId: 'klw-2026',
        source: 'klw',
        model: 'KringloopWijzer',
        modelVersion: '2025.01',
        sourceDocumentId: 'KLW-0001-2026',
        scheme: PILOT,
        indicators: [
          { key: 'nFarmSurplusKgHa', value: 110, quality: 'calculated' },
          { key: 'pSoilSurplusKgP2o5Ha', value: -6, quality: 'calculated' },
          { key: 'herbRichGrasslandSignedUp', value: true, quality: 'registered' },
        ],
      })
      .expect(201);
    // A data source no code knows submits the new indicator under its own authorisation.
    await t.http()
      .post('/farms/nl-overijssel-0001/years/2026/submissions')
      .set('authorization', t.token('bodemlab', 'data_source'))
      .send({ submissionId: 'lab-2026', source: 'bodemlab-overijssel', sourceDocumentId: 'BLO-2026-0001', scheme: PILOT, indicators: [{ key: 'soilOrganicMatterPct', value: 5.2, quality: 'measured' }] })
      .expect(201);

    // Apply inside the pilot's own window; allocation against its own ceiling.
    const early = await t.http().post(`/schemes/${PILOT}/applications/nl-overijssel-0001`).set('authorization', farmer).send({ applicationId: 'kpo-0001', dataAuthorisationId: 'machtiging-wur', eligibility: demoEligibility() }).expect(409);
    expect(early.body.code).toBe('APPLICATION_WINDOW_CLOSED');
    t.clock.set('2026-02-10T09:00:00.000Z');
    const deMinimis = { fiscalYears: [{ fiscalYear: 2024, aidCents: 0 }, { fiscalYear: 2025, aidCents: 0 }, { fiscalYear: 2026, aidCents: 0 }] };
    const applied = await t.http().post(`/schemes/${PILOT}/applications/nl-overijssel-0001`).set('authorization', farmer).send({ applicationId: 'kpo-0001', dataAuthorisationId: 'machtiging-wur', deMinimis, eligibility: demoEligibility() }).expect(201);
    expect(applied.body.events.map((e: { type: string }) => e.type)).toContain('SubsidyApplicationCompleted');
    t.clock.set('2026-04-02T08:00:00.000Z');
    expect((await t.http().post(`/schemes/${PILOT}/allocation`).set('authorization', snn).expect(200)).body).toEqual({ granted: 1, refused: 0 });

    // Scored under the pilot's KPIs: 200 + 600 + 100 + 500 euro.
    t.clock.set('2026-12-15T08:00:00.000Z');
    const base = `/farms/nl-overijssel-0001/years/2026/scores/${PILOT}`;
    await t.http().post(`/farms/nl-overijssel-0001/years/2025/scores/${PILOT}/calculation`).set('authorization', wur).send({}).expect(404);
    const calculated = await t.http().post(`${base}/calculation`).set('authorization', wur).send({}).expect(200);
    expect(calculated.body.score).toMatchObject({ totalCents: 140_000, kpis: { nFarm: 20_000, organicMatter: 60_000, pBand: 10_000, herbRich: 50_000 }, normSet: { id: PILOT, version: 1 } });
    const scoreVersion = calculated.body.score.scoreVersion;
    await t.http().post(`${base}/presentation`).set('authorization', wur).send({ scoreVersion }).expect(200);
    await t.http().post(`${base}/approval`).set('authorization', farmer).send({ scoreVersion }).expect(200);
    await t.http().post(`${base}/forwarding`).set('authorization', wur).send({ scoreVersion }).expect(200);
    const forwarded = await t.http().get(`/payer/${PILOT}/forwarded-scores`).set('authorization', snn).expect(200);
    expect(forwarded.body).toEqual([expect.objectContaining({ farmId: 'nl-overijssel-0001', year: 2026, totalCents: 140_000 })]);

    // Advance in 2027 on the 2026 score, settlement in 2028: the pilot's own years.
    t.clock.set('2027-03-01T08:00:00.000Z');
    expect((await t.http().post(`/schemes/${PILOT}/farms/nl-overijssel-0001/advance`).set('authorization', snn).expect(200)).body.events[0].data).toMatchObject({ amountCents: 140_000 });
    const tooSoon = await t.http().post(`/schemes/${PILOT}/farms/nl-overijssel-0001/settlement`).set('authorization', snn).expect(409);
    expect(tooSoon.body.code).toBe('SETTLEMENT_NOT_DUE');
    t.clock.set('2028-02-01T08:00:00.000Z');
    const settled = await t.http().post(`/schemes/${PILOT}/farms/nl-overijssel-0001/settlement`).set('authorization', snn).expect(200);
    expect(settled.body.events[0].data).toMatchObject({ earnedCents: 140_000, advanceCents: 140_000, netPaymentCents: 0, releasedCents: 10_000, settlementNo: 1 });
    const budget = await t.http().get(`/schemes/${PILOT}/budget`).set('authorization', snn).expect(200);
    expect(budget.body).toMatchObject({ years: [2026], ceilingCents: 300_000, reservedCents: 150_000, releasedCents: 10_000 });
  });

  it('runs a what-if over the pilot, and explains and recomputes its score identically (asb replay --verify)', async () => {
    const analyst = t.token('pbl', 'policy_analyst');
    const scenario = { name: 'organic matter: the top tier from 6 %', years: { from: 2026, to: 2026 }, drafts: [{ normSetId: PILOT, changes: [{ path: 'kpis[organicMatter].tiers[1].threshold', value: '6' }] }] };
    const saved = await t.http().post('/what-if/scenarios').set('authorization', analyst).send(scenario).expect(201);
    const { runId } = (await t.http().post(`/what-if/scenarios/${saved.body.scenarioId}/runs`).set('authorization', analyst).expect(202)).body;
    let state = '';
    for (let i = 0; i < 200 && state !== 'completed' && state !== 'failed'; i++) {
      state = (await t.http().get(`/what-if/runs/${runId}`).set('authorization', analyst).expect(200)).body.state;
      if (state !== 'completed') await new Promise((r) => setTimeout(r, 50));
    }
    expect(state).toBe('completed');
    const report = (await t.http().get(`/what-if/runs/${runId}/report`).set('authorization', analyst).expect(200)).body;
    expect(report.counts).toMatchObject({ farmYears: 1, withOfficialResult: 1 });
    expect(report.totals.find((x: { measure: string }) => x.measure === 'subsidyCents')).toMatchObject({ delta: -30_000 });
    expect(report.budget).toEqual([expect.objectContaining({ scheme: PILOT, year: 2026, ceilingCents: 300_000 })]);

    const explained = await t.http().get(`/audit/explain/scores/${PILOT}/nl-overijssel-0001/2026`).set('authorization', nvwa).expect(200);
    expect(explained.body).toMatchObject({ normSet: { id: PILOT, version: 1 }, recomputation: { identical: true } });
    // A scheme other than drenthe-2025 is explained per KPI from its own norm set's tables.
    expect(explained.body.explanation.map((k: { kpiId: string }) => k.kpiId).sort()).toEqual(Object.keys(explained.body.number.kpis).sort());
    const titles = Object.fromEntries(explained.body.explanation.map((k: { kpiId: string; title?: unknown }) => [k.kpiId, k.title ?? null]));
    expect(titles).toMatchObject({ organicMatter: { nl: 'Organische stof in de bodem', en: 'Soil organic matter' }, nFarm: null });
    const verified = await t.get(Recomputations).verifyRecomputations();
    expect(verified).toMatchObject({ mismatches: [] });
    expect(verified.scoresChecked).toBeGreaterThanOrEqual(1);
  });

  it('publishes a levy on an indicator no shipped levy uses, and assesses, settles, explains and recomputes it', async () => {
    const undeclared = await t.http().post('/norm-sets').set('authorization', minister).send(nitrateLevy).expect(400);
    expect(undeclared.body).toMatchObject({ code: 'UNKNOWN_INDICATOR', field: 'parameters.components.0.indicator' });
    await t.http().post('/norm-sets').set('authorization', minister).send(levyIndicators).expect(201);
    await t.http().post('/norm-sets').set('authorization', minister).send(nitrateLevy).expect(201);
    expect((await t.http().get('/norm-sets').query({ kind: 'levy' }).set('authorization', nvwa).expect(200)).body.items.find((e: { normSetId: string }) => e.normSetId === LEVY)).toMatchObject({ levy: { levyId: LEVY, indicators: ['nitrateUpperGroundwaterMgL'] } });

    const farmer = t.token('boer-nitraat', 'farmer');
    await registerFarm('nl-overijssel-0002', farmer);
    await t.http()
      .post('/farms/nl-overijssel-0002/years/2026/submissions')
      .set('authorization', wur)
      .send({ submissionId: 'klw-2026', source: 'klw', model: 'KringloopWijzer', modelVersion: '2025.01', sourceDocumentId: 'KLW-0002-2026', indicators: [{ key: 'nitrateUpperGroundwaterMgL', value: 65, quality: 'measured' }] })
      .expect(201);
    // 15 mg/l over the levy-free 50 on 50 ha: 10 × 50 × 1 euro + 5 × 50 × 2 euro.
    const assessed = await t.http().post(`/farms/nl-overijssel-0002/years/2026/levies/${LEVY}/assessment`).set('authorization', minister).expect(200);
    expect(assessed.body.levy).toMatchObject({ levyId: LEVY, totalCents: 100_000, normSet: { id: LEVY, version: 1 } });
    t.clock.advance(43 * 24 * 3600 * 1000); // past the farmer's objection period (D36)
    const settled = await t.http().post(`/farms/nl-overijssel-0002/years/2026/levies/${LEVY}/settlement`).set('authorization', snn).send({ assessmentNo: 1 }).expect(200);
    expect(settled.body.events.map((e: { type: string }) => e.type)).toEqual(['LevySettled']);
    const explained = await t.http().get(`/audit/explain/levies/${LEVY}/nl-overijssel-0002/2026`).set('authorization', nvwa).expect(200);
    expect(explained.body.recomputation.identical).toBe(true);
    const verified = await t.get(Recomputations).verifyRecomputations();
    expect(verified).toMatchObject({ leviesChecked: 1, mismatches: [] });
  });

  it('the command line recomputes both under their recorded versions (asb replay --verify) and scores a pilot case from the log (asb score --log)', async () => {
    const replay = asb(t.dataDir, 'replay', '--verify');
    expect(replay).toMatch(/recomputed 1 scores and 1 levy assessments under their recorded norm versions: all identical/);
    const file = join(t.dataDir, 'pilot-case.json');
    writeFileSync(file, JSON.stringify({ scheme: PILOT, year: 2026, landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, peatSharePct: 0, indicators: { nFarmSurplusKgHa: 110, soilOrganicMatterPct: 5.2, pSoilSurplusKgP2o5Ha: -6, herbRichGrasslandSignedUp: true } }));
    expect(JSON.parse(asb(t.dataDir, 'score', file, '--log'))).toEqual({ totalCents: 140_000, kpis: { nFarm: 20_000, organicMatter: 60_000, pBand: 10_000, herbRich: 50_000 } });
  });

  it('rebuilds the catalogue from the log byte-identical to the live one (asb replay)', async () => {
    const fresh = new ReadModelStore(join(t.dataDir, 'replay-catalogue.db'), { bulk: true });
    try {
      const report = await new ProjectionRunner(t.runtime.store, fresh, allProjections).rebuild();
      const catalogue = report.projections.find((p) => p.name === 'norm-set-catalogue')!;
      expect(catalogue.digest).toBe(await t.runtime.projectionStore.digest('norm-set-catalogue'));
      expect(fresh.get('norm-set-catalogue', PILOT)).toMatchObject({ kind: 'scheme-scoring', scheme: { years: [2026] } });
    } finally {
      fresh.close();
    }
  });
});

describe('a data directory whose read models predate the catalogue', () => {
  it('builds the catalogue on start from the norm sets in the log and serves the shipped scheme', async () => {
    const first = await startTestApp();
    await first.app.close();
    const readModels = new ReadModelStore(join(first.dataDir, 'readmodels.db'));
    readModels.reset('norm-set-catalogue');
    expect(readModels.get('norm-set-catalogue', 'drenthe-2025')).toBeUndefined();
    readModels.close();

    const config = loadLedgerConfig({ DATA_DIR: first.dataDir, LOG_LEVEL: 'silent', SEAL_INTERVAL_SECONDS: '3600' });
    const app = await createApp({ config, clock: new FixedClock('2025-09-01T08:00:00.000Z'), processJobs: true, runProjections: true, scheduleSeals: false }, { logger: false });
    await app.init();
    try {
      const payer = `Bearer ${new BearerTokens(config).sign({ sub: 'snn', role: 'payer' }, 3600)}`;
      const budget = await request(app.getHttpServer()).get('/schemes/drenthe-2025/budget').set('authorization', payer).expect(200);
      expect(budget.body).toMatchObject({ years: [2025, 2026], ceilingCents: 780_000_000 });
    } finally {
      await app.close();
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  });
});
