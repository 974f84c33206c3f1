import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { authorisation, demoFarm, klwSubmission, processorSubmission } from '../../../test/support/farm-fixtures';

describe('farm data over HTTP: register → authorise → submit → findings → correction → balance now and as of', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ now: '2025-09-01T08:00:00.000Z' })));
  afterAll(async () => t.close());

  const farmId = 'nl-drenthe-0001';
  const base = `/farms/${farmId}/years/2025`;

  it('walks one farm through the whole flow', async () => {
    const farmer = t.token('boer-jansen', 'farmer');
    const wur = t.token('wur', 'calculator');
    const zuivel = t.token('zuivelnl', 'data_source');
    const regulator = t.token('nvwa-1', 'regulator');

    await t.http().post('/farms').set('authorization', farmer).send(demoFarm(farmId)).expect(201);

    // Before any authorisation the calculator is refused, and the attempt is on record.
    const denied = await t.http().post(`${base}/submissions`).set('authorization', wur).send(klwSubmission('klw-1', 1_000_000, 300_000)).expect(403);
    expect(denied.body.code).toBe('NO_VALID_AUTHORISATION');
    expect((await t.runtime.store.readStream(`access-denials-${farmId}`)).map((e) => e.type)).toEqual(['AccessDenied']);

    await t.http().post(`/farms/${farmId}/authorisations`).set('authorization', farmer).send(authorisation('machtiging-wur', 'wur', 'calculator', ['klw', 'gecombineerde-opgave'])).expect(201);
    await t.http().post(`/farms/${farmId}/authorisations`).set('authorization', farmer).send(authorisation('machtiging-zuivelnl', 'zuivelnl', 'data_source', ['dairy-processor'])).expect(201);

    // Two sources disagree on milk by 5 %: a blocking finding naming both submissions.
    t.clock.set('2025-09-02T08:00:00.000Z');
    const klw = await t.http().post(`${base}/submissions`).set('authorization', wur).send(klwSubmission('klw-1', 1_000_000, 300_000)).expect(201);
    // The KLW authorisation does not cover the dairy processor's data.
    await t.http().post(`${base}/submissions`).set('authorization', wur).send(processorSubmission('zuivel-x', 950_000)).expect(403);
    const processor = await t.http().post(`${base}/submissions`).set('authorization', zuivel).send(processorSubmission('zuivel-1', 952_000)).expect(201);
    let findings = await t.http().get(`${base}/findings`).set('authorization', regulator).expect(200);
    const milk = findings.body.items.find((f: { checkId: string }) => f.checkId === 'milk-delivered');
    expect(milk).toMatchObject({ severity: 'blocking', status: 'open', compared: [processor.body.events[0].id, klw.body.events[0].id] });
    const afterSubmissions = '2025-09-02T12:00:00.000Z';

    // The calculator corrects the KLW data; the finding is resolved naming the correction.
    t.clock.set('2025-09-03T08:00:00.000Z');
    const correction = await t.http()
      .post(`${base}/submissions/klw-1/corrections`)
      .set('authorization', wur)
      .send({ ...klwSubmission('klw-2', 952_000, 250_000), reason: 'milk and concentrates from the final statements' })
      .expect(201);
    findings = await t.http().get(`${base}/findings`).set('authorization', farmer).expect(200);
    expect(findings.body.items.find((f: { findingId: string }) => f.findingId === milk.findingId)).toMatchObject({ status: 'resolved', resolution: 'corrected-data' });
    const resolvedEvent = (await t.runtime.store.readStream(`findings-${farmId}-2025`)).find((e) => e.type === 'CheckFindingResolved');
    expect((resolvedEvent!.data as { compared: string[] }).compared).toContain(correction.body.events[0].id);

    // Now: corrected figures (concentrates 250 t × 28 g N/kg = 7,000 kg N); as of before: the old ones.
    const now = await t.http().get(`${base}/balance`).set('authorization', farmer).expect(200);
    expect(now.body.balance.n.inputsKg.concentrates).toBe(7000);
    expect(now.body.balance.milk).toMatchObject({ kg: 952_000, source: 'dairy-processor' });
    expect(now.body.balance.submissionIds).toEqual(['zuivel-1', 'klw-2']);
    expect(now.body.history.map((h: { type: string }) => h.type)).toEqual(['BalanceDataSubmitted', 'BalanceDataSubmitted', 'BalanceDataCorrected']);
    // Each submission says the data-quality classes of its figures (the farmer's page lists them, issue 16).
    expect(now.body.history[2]).toMatchObject({ submissionId: 'klw-2', source: 'klw', supersedes: 'klw-1', reason: 'milk and concentrates from the final statements', qualities: expect.arrayContaining(['calculated']) });
    expect(now.body.history.every((h: { qualities: string[] }) => h.qualities.length > 0)).toBe(true);
    const then = await t.http().get(`${base}/balance`).query({ asOf: afterSubmissions }).set('authorization', regulator).expect(200);
    expect(then.body.balance.n.inputsKg.concentrates).toBe(8400);
    expect(then.body.balance.submissionIds).toEqual(['klw-1', 'zuivel-1']);
    const findingsThen = await t.http().get(`${base}/findings`).query({ asOf: afterSubmissions }).set('authorization', regulator).expect(200);
    expect(findingsThen.body.items.find((f: { findingId: string }) => f.findingId === milk.findingId).status).toBe('open');
  });

  it('re-runs the cross-farm manure check on either side and resolves a finding by a documented decision', async () => {
    const wur = t.token('wur', 'calculator');
    const registry = t.token('mestregister', 'data_source');
    for (const [farmId, farmer] of [['farm-sender', 'boer-a'], ['farm-receiver', 'boer-b']]) {
      await t.http().post('/farms').set('authorization', t.token(farmer, 'farmer')).send(demoFarm(farmId)).expect(201);
      await t.http().post(`/farms/${farmId}/authorisations`).set('authorization', t.token(farmer, 'farmer')).send(authorisation(`m-wur-${farmId}`, 'wur', 'calculator', ['klw'])).expect(201);
      await t.http().post(`/farms/${farmId}/authorisations`).set('authorization', t.token(farmer, 'farmer')).send(authorisation(`m-reg-${farmId}`, 'mestregister', 'data_source', ['manure-transport-registry'])).expect(201);
    }
    await t.http().post('/farms/farm-sender/years/2025/submissions').set('authorization', registry).send({
      submissionId: 'vdm-1', source: 'manure-transport-registry', sourceDocumentId: 'VDM-778',
      flows: [{ kind: 'manure-delivered', kgProduct: 500_000, nKg: 2_000, counterpartyFarmId: 'farm-receiver', quality: 'registered' }],
    }).expect(201);
    // The receiver's KLW reports only 400 t from the sender: both farms get a blocking finding.
    await t.http().post('/farms/farm-receiver/years/2025/submissions').set('authorization', wur).send({
      submissionId: 'klw-b', source: 'klw', model: 'KringloopWijzer', modelVersion: '2025.01', sourceDocumentId: 'KLW-B',
      flows: [{ kind: 'organic-manure-received', kgProduct: 400_000, nKg: 1_600, counterpartyFarmId: 'farm-sender', quality: 'calculated' }],
    }).expect(201);
    const sender = await t.http().get('/farms/farm-sender/years/2025/findings').set('authorization', wur).expect(200);
    const receiver = await t.http().get('/farms/farm-receiver/years/2025/findings').set('authorization', wur).expect(200);
    expect(sender.body.items).toEqual([expect.objectContaining({ checkId: 'manure-transfer', subject: 'manure-out:farm-receiver', severity: 'blocking', status: 'open' })]);
    expect(receiver.body.items).toEqual([expect.objectContaining({ checkId: 'manure-transfer', subject: 'manure-in:farm-sender', severity: 'blocking', status: 'open' })]);

    // The calculator documents why the registry is right for the receiver's side.
    const findingId = receiver.body.items[0].findingId;
    await t.http().post(`/farms/farm-receiver/years/2025/findings/${findingId}/decision`).set('authorization', t.token('boer-b', 'farmer')).send({ note: 'I decide myself' }).expect(403);
    await t.http().post(`/farms/farm-receiver/years/2025/findings/${findingId}/decision`).set('authorization', wur).send({ note: 'weighbridge slips confirm 100 t stayed in storage at the sender' }).expect(201);
    const after = await t.http().get('/farms/farm-receiver/years/2025/findings').set('authorization', wur).expect(200);
    expect(after.body.items[0]).toMatchObject({ status: 'resolved', resolution: 'calculator-decision' });
  });

  it('ends access when an authorisation expires, and records the expiry and the refused attempt', async () => {
    const farmer = t.token('boer-exp', 'farmer');
    await t.http().post('/farms').set('authorization', farmer).send({ ...demoFarm('farm-expiry') }).expect(201);
    await t.http().post('/farms/farm-expiry/authorisations').set('authorization', farmer).send({ ...authorisation('short', 'wur', 'calculator', ['klw']), validTo: '2025-12-31T00:00:00Z' }).expect(201);
    await t.http().get('/farms/farm-expiry').set('authorization', t.token('wur', 'calculator')).expect(200);
    t.clock.set('2026-01-02T00:00:00.000Z');
    await t.http().get('/farms/farm-expiry').set('authorization', t.token('wur', 'calculator')).expect(403);
    expect((await t.runtime.store.readStream('authorisations-farm-expiry')).map((e) => e.type)).toEqual(['AuthorisationGranted', 'AuthorisationExpired']);
    expect((await t.runtime.store.readStream('access-denials-farm-expiry')).map((e) => e.type)).toEqual(['AccessDenied']);
    t.clock.set('2025-09-03T08:00:00.000Z');
  });

  it('computes the balance under the balance parameters in force: an amendment of the milk P standard shows', async () => {
    const farmer = t.token('boer-jansen', 'farmer');
    const before = await t.http().get(`${base}/balance`).set('authorization', farmer).expect(200);
    expect(before.body.balance.parameters).toEqual({ id: 'balance-parameters', version: 1 });
    await t.http()
      .post('/norm-sets/balance-parameters/amendments')
      .set('authorization', t.token('lnv', 'norm_authority'))
      .send({ baseVersion: 1, changes: [{ path: 'milkPhosphorusGPerKg', value: '1.00' }], reason: 'new Dutch standard for milk P', authority: 'Minister van LNV', legalBasis: 'illustration', effectiveFrom: '2025-01-01' })
      .expect(201);
    const after = await t.http().get(`${base}/balance`).set('authorization', farmer).expect(200);
    expect(after.body.balance.parameters).toEqual({ id: 'balance-parameters', version: 2 });
    // 952,000 kg × 1.00 g P / 1000 × 2.291 = 2,181.03 kg P2O5 (was × 0.97).
    expect(after.body.balance.milk.p2o5Kg).toBe(2181.03);
    expect(before.body.balance.milk.p2o5Kg).toBe(2115.6);
  });

  it('refuses a year outside the scheme and an unknown indicator, writing nothing', async () => {
    const before = await t.eventCount();
    const res = await t.http().post('/farms/nl-drenthe-0001/years/2024/submissions').set('authorization', t.token('wur', 'calculator')).send(klwSubmission('klw-x', 1, 1)).expect(400);
    expect(res.body).toMatchObject({ code: 'YEAR_OUTSIDE_SCHEME', field: 'year' });
    const bad = await t.http()
      .post(`${base}/submissions`)
      .set('authorization', t.token('wur', 'calculator'))
      .send({ ...klwSubmission('klw-y', 1, 1), indicators: [{ key: 'happiness', value: 1, quality: 'measured' }] })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toContain('indicators.0.key');
    expect(await t.eventCount()).toBe(before);
  });
});
