import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { prepareFarm, scoreAndForward, indicatorList, type SchemeCase } from '../../../test/support/scheme-flow';
import { authorisation } from '../../../test/support/farm-fixtures';
import { examplesDir } from '../../../test/support/shared-dir';

const examples = examplesDir();
const cases = readdirSync(examples).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'));

describe('drenthe-2025 over HTTP: submit indicators → score → approve → forward', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ now: '2025-09-15T08:00:00.000Z' })));
  afterAll(async () => t.close());

  it.each(cases)('%s matches to the cent and reaches the payer', async (file) => {
    const c: SchemeCase = JSON.parse(readFileSync(join(examples, file), 'utf8'));
    const expected = JSON.parse(readFileSync(join(examples, file.replace('.json', '.expected.json')), 'utf8'));
    const farmer = await prepareFarm(t, c);
    const score = await scoreAndForward(t, c.farmId, c.year, farmer);
    expect({ totalCents: score.totalCents, kpis: score.kpis }).toEqual(expected);
    expect(score.normSet).toEqual({ id: 'drenthe-2025', version: 1 });
    const forwarded = await t.http().get('/payer/drenthe-2025/forwarded-scores').set('authorization', t.token('snn', 'payer')).expect(200);
    expect(forwarded.body.find((s: { farmId: string }) => s.farmId === c.farmId)).toMatchObject({ totalCents: expected.totalCents, scoreVersion: 1 });
    // The calculated event records its norm-set and rule versions in the envelope too.
    const [calculated] = await t.runtime.store.readStream(`score-drenthe-2025-${c.farmId}-2025`);
    expect(calculated.metadata).toMatchObject({ normSet: { id: 'drenthe-2025', version: 1 }, ruleVersion: expect.stringMatching(/^scheme-scoring\//) });
  });
});

describe('the approval workflow refuses what it must', () => {
  let t: TestApp;
  const example: SchemeCase = JSON.parse(readFileSync(join(examples, 'example-edge-best.json'), 'utf8'));
  beforeAll(async () => (t = await startTestApp({ now: '2025-09-15T08:00:00.000Z' })));
  afterAll(async () => t.close());
  const base = (farmId: string) => `/farms/${farmId}/years/2025/scores/drenthe-2025`;

  it('dispute → corrected data → recalculated → presented again; the superseded version cannot be approved', async () => {
    const c = { ...example, farmId: 'farm-dispute', indicators: { ...example.indicators, grazingHours: 0 } };
    const farmer = await prepareFarm(t, c);
    const wur = t.token('wur', 'calculator');
    const v1 = await t.http().post(`${base(c.farmId)}/calculation`).set('authorization', wur).send({}).expect(200);
    expect(v1.body.score.kpis.grazing).toBe(0);
    await t.http().post(`${base(c.farmId)}/presentation`).set('authorization', wur).send({ scoreVersion: 1 }).expect(200);
    await t.http().post(`${base(c.farmId)}/dispute`).set('authorization', farmer).send({ scoreVersion: 1, reason: 'the cows grazed 1,600 hours' }).expect(200);
    await t.http()
      .post(`/farms/${c.farmId}/years/2025/submissions/klw-2025/corrections`)
      .set('authorization', wur)
      .send({ submissionId: 'klw-2025-b', source: 'klw', model: 'KringloopWijzer', modelVersion: '2025.01', sourceDocumentId: 'KLW-farm-dispute-2025-b', landUse: c.landUse, indicators: indicatorList({ ...example.indicators, grazingHours: 1600 }), reason: 'grazing hours from the grazing register' })
      .expect(201);
    const v2 = await t.http().post(`${base(c.farmId)}/calculation`).set('authorization', wur).send({ reason: 'dispute: grazing hours corrected' }).expect(200);
    expect(v2.body.score).toMatchObject({ scoreVersion: 2, kpis: { grazing: 100000 } });
    expect(v2.body.events[0].type).toBe('ScoreRecalculated');
    await t.http().post(`${base(c.farmId)}/presentation`).set('authorization', wur).send({ scoreVersion: 2 }).expect(200);
    const superseded = await t.http().post(`${base(c.farmId)}/approval`).set('authorization', farmer).send({ scoreVersion: 1 }).expect(409);
    expect(superseded.body.code).toBe('SCORE_SUPERSEDED');
    await t.http().post(`${base(c.farmId)}/approval`).set('authorization', t.token('boer-other', 'farmer')).send({ scoreVersion: 2 }).expect(403);
    await t.http().post(`${base(c.farmId)}/approval`).set('authorization', farmer).send({ scoreVersion: 2 }).expect(200);
    const twice = await t.http().post(`${base(c.farmId)}/approval`).set('authorization', farmer).send({ scoreVersion: 2 }).expect(409);
    expect(twice.body.code).toBe('ALREADY_APPROVED');
    const history = await t.http().get(base(c.farmId)).set('authorization', farmer).expect(200);
    expect(history.body.history.map((h: { type: string }) => h.type)).toEqual(['ScoreCalculated', 'ScorePresentedToFarmer', 'ScoreDisputed', 'ScoreRecalculated', 'ScorePresentedToFarmer', 'ScoreApproved']);
  });

  it('refuses to forward a score while a blocking finding is open', async () => {
    const c = { ...example, farmId: 'farm-blocked' };
    const farmer = await prepareFarm(t, c);
    const wur = t.token('wur', 'calculator');
    // An impossible grazing figure from a second source raises a blocking plausibility finding.
    await t.http().post(`/farms/${c.farmId}/authorisations`).set('authorization', farmer).send(authorisation('m-clm', 'clm', 'data_source', ['clm-milieumeetlat'])).expect(201);
    await t.http()
      .post(`/farms/${c.farmId}/years/2025/submissions`)
      .set('authorization', t.token('clm', 'data_source'))
      .send({ submissionId: 'clm-1', source: 'clm-milieumeetlat', sourceDocumentId: 'CLM-1', indicators: [{ key: 'grazingHours', value: 9999, quality: 'self-declared' }] })
      .expect(201);
    await t.http().post(`${base(c.farmId)}/calculation`).set('authorization', wur).send({}).expect(200);
    await t.http().post(`${base(c.farmId)}/presentation`).set('authorization', wur).send({ scoreVersion: 1 }).expect(200);
    await t.http().post(`${base(c.farmId)}/approval`).set('authorization', farmer).send({ scoreVersion: 1 }).expect(200);
    const blocked = await t.http().post(`${base(c.farmId)}/forwarding`).set('authorization', wur).send({ scoreVersion: 1 }).expect(409);
    expect(blocked.body.code).toBe('OPEN_BLOCKING_FINDINGS');
  });
});
