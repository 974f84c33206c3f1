import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { Recomputations, WhatIfService } from '@asb/ledger';
import { prepareFarm, type SchemeCase } from '../../../test/support/scheme-flow';

/**
 * Issue 14, item 5: provenance of figures (D45, D46). Each submitted figure carries the model and
 * version that computed it; the scheme's norm set names the source of each KPI (seed 003, Bijlage I,
 * "Definities en bron van de KPI's": crop rotation from the gecombineerde opgave); a score records,
 * and the audit explain shows, per KPI the source, event, model and model version it used.
 */
describe('provenance of figures over HTTP: model versions and per-KPI sources', () => {
  let t: TestApp;
  // The what-if here compares every farm-year's amounts with the official ones: groups of one are shown (D69 would hide them by default).
  beforeAll(async () => (t = await startTestApp({ now: '2025-09-15T08:00:00.000Z', env: { ANALYTICS_MIN_GROUP_SIZE: '1' } })));
  afterAll(async () => t.close());

  const farm: SchemeCase = {
    farmId: 'nl-drenthe-prov-1',
    year: 2025,
    landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 },
    peatSharePct: 0,
    // drenthe-2025.md's input example, but KLW's crop rotation index is 0.65 (tier 0.6 → EUR 150).
    indicators: { nFarmSurplusKgHa: 110, nh3KgHa: 40, cropRotationIndex: 0.65, grazingHours: 1500 },
  };
  const submissions = `/farms/${farm.farmId}/years/2025/submissions`;
  const wur = () => t.token('wur', 'calculator');

  it('refuses a KLW submission without its model version (400 naming modelVersion), and calculated figures without a model (400 naming model); nothing is written', async () => {
    await prepareFarm(t, farm);
    const body = { submissionId: 'klw-x', source: 'klw', sourceDocumentId: 'KLW-X', indicators: [{ key: 'nh3KgPerLivestockUnit', value: 19, quality: 'calculated' }] };
    const noVersion = await t.http().post(submissions).set('authorization', wur()).send({ ...body, model: 'KringloopWijzer' }).expect(400);
    expect(noVersion.body).toMatchObject({ statusCode: 400, code: 'MODEL_VERSION_REQUIRED', field: 'modelVersion' });
    const noModel = await t.http().post(submissions).set('authorization', wur()).send(body).expect(400);
    expect(noModel.body).toMatchObject({ statusCode: 400, code: 'MODEL_REQUIRED', field: 'model' });
    const nullVersion = await t.http().post(submissions).set('authorization', wur()).send({ ...body, model: 'KringloopWijzer', modelVersion: null }).expect(400);
    expect(nullVersion.body).toMatchObject({ code: 'NULL_NOT_ALLOWED', field: 'modelVersion' });
    const notAName = await t.http().post(submissions).set('authorization', wur()).send({ ...body, model: 42, modelVersion: '2025.01' }).expect(400);
    expect(notAName.body).toMatchObject({ code: 'INVALID_INPUT', field: 'model' });
    const unrecorded = await t.http().post(submissions).set('authorization', wur()).send({ ...body, model: 'unrecorded', modelVersion: '2025.01' }).expect(400);
    expect(unrecorded.body).toMatchObject({ code: 'INVALID_MODEL', field: 'model' });
    const stream = await t.runtime.store.readStream(`balance-${farm.farmId}-2025`);
    expect(stream.map((e) => (e.data as { submissionId: string }).submissionId)).toEqual(['klw-2025']);
    expect(stream[0]).toMatchObject({ schemaVersion: 2, data: { model: 'KringloopWijzer', modelVersion: '2025.01' } });
  });

  it('two sources deliver the crop rotation index with different values: the KPI takes the one its norm set names, and the explain names source, model and version', async () => {
    // The gecombineerde opgave registers 0.82 (tier 0.8 → EUR 250); a registered figure names no model.
    const go = await t.http()
      .post(submissions)
      .set('authorization', wur())
      .send({ submissionId: 'go-2025', source: 'gecombineerde-opgave', sourceDocumentId: 'GO-2025-prov-1', indicators: [{ key: 'cropRotationIndex', value: 0.82, quality: 'registered' }] })
      .expect(201);
    expect(go.body.events[0]).toMatchObject({ type: 'BalanceDataSubmitted' });

    const calculated = await t.http().post(`/farms/${farm.farmId}/years/2025/scores/drenthe-2025/calculation`).set('authorization', wur()).send({}).expect(200);
    expect(calculated.body.score.kpis).toMatchObject({ cropRotation: 25_000, nFarmSurplus: 25_000, nh3PerHa: 25_000, grazing: 100_000 });

    const explained = await t.http().get(`/audit/explain/scores/drenthe-2025/${farm.farmId}/2025`).set('authorization', t.token('nvwa', 'regulator')).expect(200);
    const [goEvent, klwEvent] = ['go-2025', 'klw-2025'].map((id) => explained.body.inputEvents.find((e: { data: { submissionId?: string } }) => e.data.submissionId === id));
    expect(explained.body.provenance.cropRotation).toEqual({
      sourcesFrom: 'kpi',
      sources: ['gecombineerde-opgave', 'klw'],
      indicators: [{ indicator: 'cropRotationIndex', value: 0.82, source: 'gecombineerde-opgave', submissionId: 'go-2025', eventId: goEvent.id, quality: 'registered', model: 'none' }],
    });
    expect(explained.body.provenance.nFarmSurplus).toEqual({
      sourcesFrom: 'kpi',
      sources: ['klw'],
      indicators: [{ indicator: 'nFarmSurplusKgHa', value: 110, source: 'klw', submissionId: 'klw-2025', eventId: klwEvent.id, quality: 'calculated', model: 'KringloopWijzer', modelVersion: '2025.01' }],
    });
    // A KPI whose figure no named source delivered is missing, with no provenance.
    expect(explained.body.provenance.milkUrea).toMatchObject({ sources: ['klw'], indicators: [] });
    expect(explained.body.inputCheck).toEqual({ missingEvents: [], valuesNotInInputEvents: [], provenanceNotInInputEvents: [] });
    expect(explained.body.recomputation).toMatchObject({ identical: true, differences: [] });
    expect(explained.body.normSet.kpis.find((k: { id: string }) => k.id === 'cropRotation').sources).toEqual(['gecombineerde-opgave', 'klw']);
    // The explanation per KPI says the value the score used and where it came from: the gecombineerde opgave's 0.82.
    const crop = explained.body.explanation.find((k: { kpiId: string }) => k.kpiId === 'cropRotation');
    expect(crop).toMatchObject({ cents: 25_000, highestReached: true, parts: [{ indicator: 'cropRotationIndex', value: 0.82, source: { source: 'gecombineerde-opgave', submissionId: 'go-2025', quality: 'registered' }, tier: { rank: 1 }, next: null }] });
    // The farmer sees the same before approving (toelichting art. 10: WUR presents the scores for approval).
    const shown = await t.http().get(`/farms/${farm.farmId}/years/2025/scores/drenthe-2025`).set('authorization', t.token(`boer-${farm.farmId}`, 'farmer')).expect(200);
    expect(shown.body.provenance.cropRotation).toEqual(explained.body.provenance.cropRotation);
  });

  it('recomputes every recorded score identically (what replay --verify runs), and a what-if that changes no scoring rule reproduces the official amounts', async () => {
    const verified = await t.get(Recomputations).verifyRecomputations();
    expect(verified.scoresChecked).toBeGreaterThan(0);
    expect(verified.mismatches).toEqual([]);
    const ctx = { commandId: 'what-if-provenance-test', actor: { id: 'pbl', role: 'policy_analyst' as const }, now: '2025-09-15T08:00:00.000Z' };
    const { scenarioId } = await t.get(WhatIfService).save({ name: 'dispute period only', years: { from: 2025, to: 2025 }, drafts: [{ normSetId: 'drenthe-2025', changes: [{ path: 'disputes.decisionDays', value: 43 }] }] }, ctx);
    const { runId } = await t.get(WhatIfService).requestRun(scenarioId, ctx);
    const report = await t.get(WhatIfService).run(scenarioId, runId);
    expect(report.counts.farmYears).toBeGreaterThan(0);
    expect(report.farms.every((f) => f.hypotheticalSubsidyCents === f.officialSubsidyCents)).toBe(true);
    expect(report.parts.find((p) => p.part === 'drenthe-2025/cropRotation')?.farmYearsChanged).toBe(0);
  });
});
