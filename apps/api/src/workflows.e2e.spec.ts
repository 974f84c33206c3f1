import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { indicatorList, prepareFarm, type SchemeCase } from '../../../test/support/scheme-flow';
import { examplesDir } from '../../../test/support/shared-dir';

/**
 * Issue 14 over HTTP: every case can be closed. A dispute of a score is decided by the calculator
 * (toelichting art. 10, seed 003), an objection to a levy by the norm authority; each decision is
 * upheld or rejected with a reason, due within the norm set's number of days (D36). Issue 13: a
 * settled levy stays settled, also under a norm amendment (D37).
 */
const example: SchemeCase = JSON.parse(readFileSync(join(examplesDir(), 'example-edge-best.json'), 'utf8'));

describe('a dispute of a score is decided by the calculator', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ now: '2025-12-01T09:00:00.000Z' })));
  afterAll(async () => t.close());
  const base = (farmId: string) => `/farms/${farmId}/years/2025/scores/drenthe-2025`;

  it('upheld: the same data cannot answer it; corrected data are recalculated, presented and approved', async () => {
    const c = { ...example, farmId: 'farm-upheld', indicators: { ...example.indicators, grazingHours: 0 } };
    const farmer = await prepareFarm(t, c);
    const wur = t.token('wur', 'calculator');
    await t.http().post(`${base(c.farmId)}/calculation`).set('authorization', wur).send({}).expect(200);
    await t.http().post(`${base(c.farmId)}/presentation`).set('authorization', wur).send({ scoreVersion: 1 }).expect(200);
    const disputed = await t.http().post(`${base(c.farmId)}/dispute`).set('authorization', farmer).send({ scoreVersion: 1, reason: 'the cows grazed 1,600 hours' }).expect(200);
    // drenthe-2025 `disputes.decisionDays`: 42 days from the dispute.
    expect(disputed.body.events[0].data).toMatchObject({ decideBy: '2026-01-12T09:00:00.000Z' });

    const decision = { scoreVersion: 1, outcome: 'upheld', reason: 'the grazing register shows 1,600 hours' };
    const byFarmer = await t.http().post(`${base(c.farmId)}/dispute/decision`).set('authorization', farmer).send(decision).expect(403);
    expect(byFarmer.body.code).toBe('ROLE_NOT_ALLOWED');
    const unauthorised = await t.http().post(`${base(c.farmId)}/dispute/decision`).set('authorization', t.token('ander-lab', 'calculator')).send(decision).expect(403);
    expect(unauthorised.body.code).toBe('NO_VALID_AUTHORISATION');
    const badOutcome = await t.http().post(`${base(c.farmId)}/dispute/decision`).set('authorization', wur).send({ ...decision, outcome: 'maybe' }).expect(400);
    expect(badOutcome.body).toMatchObject({ code: 'INVALID_INPUT', field: 'outcome' });
    const upheld = await t.http().post(`${base(c.farmId)}/dispute/decision`).set('authorization', wur).send(decision).expect(200);
    expect(upheld.body.events[0]).toMatchObject({ type: 'ScoreDisputeDecided', data: { outcome: 'upheld', decidedBy: 'wur', decidedByRole: 'calculator', late: false } });
    expect((await t.http().get(base(c.farmId)).set('authorization', farmer).expect(200)).body.status).toBe('dispute-upheld');

    const same = await t.http().post(`${base(c.farmId)}/calculation`).set('authorization', wur).send({}).expect(409);
    expect(same.body.code).toBe('SCORE_UNCHANGED');
    const present = await t.http().post(`${base(c.farmId)}/presentation`).set('authorization', wur).send({ scoreVersion: 1 }).expect(409);
    expect(present.body.code).toBe('DISPUTE_UPHELD');

    await t.http()
      .post(`/farms/${c.farmId}/years/2025/submissions/klw-2025/corrections`)
      .set('authorization', wur)
      .send({ submissionId: 'klw-2025-b', source: 'klw', model: 'KringloopWijzer', modelVersion: '2025.01', sourceDocumentId: 'KLW-farm-upheld-2025-b', landUse: c.landUse, indicators: indicatorList({ ...example.indicators, grazingHours: 1600 }), reason: 'grazing hours from the grazing register' })
      .expect(201);
    const v2 = await t.http().post(`${base(c.farmId)}/calculation`).set('authorization', wur).send({ reason: 'dispute upheld: grazing hours corrected' }).expect(200);
    expect(v2.body.score).toMatchObject({ scoreVersion: 2, kpis: { grazing: 100000 } });
    await t.http().post(`${base(c.farmId)}/presentation`).set('authorization', wur).send({ scoreVersion: 2 }).expect(200);
    await t.http().post(`${base(c.farmId)}/approval`).set('authorization', farmer).send({ scoreVersion: 2 }).expect(200);
    const history = (await t.http().get(base(c.farmId)).set('authorization', farmer).expect(200)).body.history;
    expect(history.map((h: { type: string }) => h.type)).toEqual(['ScoreCalculated', 'ScorePresentedToFarmer', 'ScoreDisputed', 'ScoreDisputeDecided', 'ScoreRecalculated', 'ScorePresentedToFarmer', 'ScoreApproved']);
    expect(history[3]).toMatchObject({ outcome: 'upheld', reason: 'the grazing register shows 1,600 hours', by: 'wur' });
  });

  it('rejected, after the decision period: recorded as late; the same score is presented again with the decision and approved', async () => {
    const c = { ...example, farmId: 'farm-rejected' };
    const farmer = await prepareFarm(t, c);
    const wur = t.token('wur', 'calculator');
    t.clock.set('2025-12-01T09:00:00.000Z');
    await t.http().post(`${base(c.farmId)}/calculation`).set('authorization', wur).send({}).expect(200);
    await t.http().post(`${base(c.farmId)}/presentation`).set('authorization', wur).send({ scoreVersion: 1 }).expect(200);
    await t.http().post(`${base(c.farmId)}/dispute`).set('authorization', farmer).send({ scoreVersion: 1, reason: 'I expected more' }).expect(200);
    t.clock.set('2026-02-01T09:00:00.000Z');
    const rejected = await t.http().post(`${base(c.farmId)}/dispute/decision`).set('authorization', wur).send({ scoreVersion: 1, outcome: 'rejected', reason: 'every KPI follows from the KLW figures' }).expect(200);
    expect(rejected.body.events[0].data).toMatchObject({ outcome: 'rejected', late: true, decideBy: '2026-01-12T09:00:00.000Z' });
    // The data are the same, so a recalculation records nothing (it used to record a new version: key order, D37).
    expect((await t.http().post(`${base(c.farmId)}/calculation`).set('authorization', wur).send({}).expect(200)).body.events).toEqual([]);
    const again = await t.http().post(`${base(c.farmId)}/presentation`).set('authorization', wur).send({ scoreVersion: 1 }).expect(200);
    expect(again.body.events[0].data.disputeDecision).toMatchObject({ outcome: 'rejected', reason: 'every KPI follows from the KLW figures' });
    const twice = await t.http().post(`${base(c.farmId)}/dispute`).set('authorization', farmer).send({ scoreVersion: 1, reason: 'still' }).expect(409);
    expect(twice.body.code).toBe('DISPUTE_DECIDED');
    await t.http().post(`${base(c.farmId)}/approval`).set('authorization', farmer).send({ scoreVersion: 1 }).expect(200);
  });
});

describe('an objection to a levy is decided by the norm authority; a settled levy stays settled', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ now: '2025-12-01T08:00:00.000Z' })));
  afterAll(async () => t.close());
  const minister = () => t.token('lnv', 'norm_authority');
  const payer = () => t.token('rvo', 'payer');
  const levy = (farmId: string) => `/farms/${farmId}/years/2025/levies/minas-2003`;
  const farmWith = async (farmId: string, nSurplus: number) => {
    const farmer = t.token(`boer-${farmId}`, 'farmer');
    await t.http().post('/farms').set('authorization', farmer).send({ farmId, province: 'Drenthe', landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, soilTypes: ['sand'], peatSharePct: 0, livestockUnits: 120 }).expect(201);
    await t.http().post(`/farms/${farmId}/years/2025/submissions`).set('authorization', farmer).send({ submissionId: 'own-1', source: 'klw', model: 'KringloopWijzer', modelVersion: '2025.01', sourceDocumentId: `K-${farmId}`, indicators: [{ key: 'nFarmSurplusKgHa', value: nSurplus, quality: 'calculated' }] }).expect(201);
    return farmer;
  };

  it('upheld: settlement waits, the same figures are refused, corrected figures are reassessed and settled', async () => {
    const farmer = await farmWith('levy-upheld', 184);
    const assessed = await t.http().post(`${levy('levy-upheld')}/assessment`).set('authorization', minister()).expect(200);
    expect(assessed.body.levy).toMatchObject({ assessmentNo: 1, status: 'assessed' });
    // minas-2003 `objections.objectionDays` (Awb art. 6:7): six weeks from the assessment.
    expect((await t.http().get(levy('levy-upheld')).set('authorization', farmer).expect(200)).body.objectionDeadline).toBe('2026-01-12T08:00:00.000Z');
    const objected = await t.http().post(`${levy('levy-upheld')}/objection`).set('authorization', farmer).send({ assessmentNo: 1, reason: 'part of the N left the farm as manure' }).expect(200);
    expect(objected.body.events[0].data).toMatchObject({ decideBy: '2026-01-12T08:00:00.000Z' });

    const decision = { assessmentNo: 1, outcome: 'upheld', reason: 'the transport registry confirms the delivery' };
    const byPayer = await t.http().post(`${levy('levy-upheld')}/objection/decision`).set('authorization', payer()).send(decision).expect(403);
    expect(byPayer.body.code).toBe('ROLE_NOT_ALLOWED');
    const noReason = await t.http().post(`${levy('levy-upheld')}/objection/decision`).set('authorization', minister()).send({ ...decision, reason: undefined }).expect(400);
    expect(noReason.body).toMatchObject({ code: 'INVALID_INPUT', field: 'reason' });
    const nobody = await t.http().post(`/farms/levy-nobody/years/2025/levies/minas-2003/objection/decision`).set('authorization', minister()).send(decision).expect(404);
    expect(nobody.body).toMatchObject({ code: 'FARM_NOT_FOUND', field: 'farmId' });
    const upheld = await t.http().post(`${levy('levy-upheld')}/objection/decision`).set('authorization', minister()).send(decision).expect(200);
    expect(upheld.body.events[0]).toMatchObject({ type: 'LevyObjectionDecided', data: { outcome: 'upheld', decidedBy: 'lnv', decidedByRole: 'norm_authority', late: false } });

    const pending = await t.http().post(`${levy('levy-upheld')}/settlement`).set('authorization', payer()).send({ assessmentNo: 1 }).expect(409);
    expect(pending.body.code).toBe('REASSESSMENT_PENDING');
    const unchanged = await t.http().post(`${levy('levy-upheld')}/assessment`).set('authorization', minister()).expect(409);
    expect(unchanged.body.code).toBe('LEVY_UNCHANGED');
    await t.http()
      .post('/farms/levy-upheld/years/2025/submissions/own-1/corrections')
      .set('authorization', farmer)
      .send({ submissionId: 'own-2', source: 'klw', model: 'KringloopWijzer', modelVersion: '2025.01', sourceDocumentId: 'K-levy-upheld-2', indicators: [{ key: 'nFarmSurplusKgHa', value: 170, quality: 'calculated' }], reason: 'manure delivery counted' })
      .expect(201);
    const reassessed = await t.http().post(`${levy('levy-upheld')}/assessment`).set('authorization', minister()).expect(200);
    expect(reassessed.body.levy).toMatchObject({ assessmentNo: 2, status: 'assessed', totalCents: 6 * 50 * 230 });
    t.clock.advance(43 * 24 * 3600 * 1000); // the reassessment's own objection period
    await t.http().post(`${levy('levy-upheld')}/settlement`).set('authorization', payer()).send({ assessmentNo: 2 }).expect(200);
    const again = await t.http().post(`${levy('levy-upheld')}/assessment`).set('authorization', minister()).expect(409);
    expect(again.body.code).toBe('LEVY_SETTLED');
  });

  it('an objection after the objection period is refused; the levy is settled as assessed', async () => {
    t.clock.set('2025-12-01T08:00:00.000Z');
    const farmer = await farmWith('levy-late', 184);
    await t.http().post(`${levy('levy-late')}/assessment`).set('authorization', minister()).expect(200);
    t.clock.set('2026-01-12T08:00:01.000Z');
    const late = await t.http().post(`${levy('levy-late')}/objection`).set('authorization', farmer).send({ assessmentNo: 1, reason: 'I only read my post now' }).expect(409);
    expect(late.body.code).toBe('OBJECTION_PERIOD_ENDED');
    await t.http().post(`${levy('levy-late')}/settlement`).set('authorization', payer()).send({ assessmentNo: 1 }).expect(200);
  });

  it('a norm amendment reassesses the open levies and leaves the settled ones as they were', async () => {
    t.clock.set('2026-02-01T08:00:00.000Z');
    await farmWith('levy-open', 184);
    await t.http().post(`${levy('levy-open')}/assessment`).set('authorization', minister()).expect(200);
    await t.http()
      .post('/norm-sets/minas-2003/amendments')
      .set('authorization', minister())
      .send({ baseVersion: 1, changes: [{ path: 'components[n-surplus].tiers[1].tariffCentsPerUnit', value: '460' }], reason: 'N tariff doubled', authority: 'Minister van LNV', legalBasis: 'illustration', effectiveFrom: '2003-01-01' })
      .expect(201);
    const regulator = t.token('nvwa', 'regulator');
    expect((await t.http().get(levy('levy-open')).set('authorization', regulator).expect(200)).body).toMatchObject({ assessmentNo: 2, status: 'assessed', normSet: { version: 2 } });
    for (const settled of ['levy-upheld', 'levy-late']) {
      const doc = (await t.http().get(levy(settled)).set('authorization', regulator).expect(200)).body;
      expect(doc).toMatchObject({ status: 'settled', normSet: { version: 1 } });
    }
    // No reactor refused anything: a settled levy is skipped, not parked.
    const failures = (await t.http().get('/audit/subscriber-failures').set('authorization', regulator).expect(200)).body;
    expect({ parked: failures.parked, failures: failures.failures }).toEqual({ parked: 0, failures: [] });
  });
});
