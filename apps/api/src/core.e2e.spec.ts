import { startTestApp, type TestApp } from '../../../test/support/test-app';

const farm = {
  farmId: 'nl-drenthe-0001',
  province: 'Drenthe',
  landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 },
  soilTypes: ['sand'],
  peatSharePct: 0,
  livestockUnits: 120,
};

describe('API core over HTTP (embedded store)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(async () => t.close());

  it('answers /health without a token and names the adapters', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body.details).toMatchObject({ eventStore: { status: 'up', kind: 'embedded' }, jobs: { status: 'up', kind: 'in-process' } });
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http().get('/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/farms', '/audit/verify', '/health']));
  });

  it('refuses a request without a valid bearer token, naming the header', async () => {
    const res = await t.http().get('/farms/x').expect(401);
    expect(res.body.field).toBe('authorization');
    await t.http().get('/farms/x').set('authorization', 'Bearer not-a-token').expect(401);
  });

  it('registers a farm, answers a retry with the same idempotency key without writing, refuses a second registration', async () => {
    const farmer = t.token('boer-jansen', 'farmer');
    const first = await t.http().post('/farms').set('authorization', farmer).set('idempotency-key', 'k1').send(farm).expect(201);
    const before = await t.eventCount();
    const retry = await t.http().post('/farms').set('authorization', farmer).set('idempotency-key', 'k1').send(farm).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(await t.eventCount()).toBe(before);
    const again = await t.http().post('/farms').set('authorization', farmer).send(farm).expect(409);
    expect(again.body.code).toBe('FARM_ALREADY_REGISTERED');
    const read = await t.http().get(`/farms/${farm.farmId}`).set('authorization', farmer).expect(200);
    expect(read.body).toMatchObject({ farmerId: 'boer-jansen', livestockUnits: 120 });
    await t.http().get(`/farms/${farm.farmId}`).set('authorization', t.token('boer-other', 'farmer')).expect(403);
  });

  it.each([
    ['an unknown field', { ...farm, farmId: 'f-2', colour: 'red' }, 'colour'],
    ['negative hectares', { ...farm, farmId: 'f-3', landUse: { ...farm.landUse, maizeHa: -1 } }, 'landUse.maizeHa'],
    ['a peat share over 100 %', { ...farm, farmId: 'f-4', peatSharePct: 120 }, 'peatSharePct'],
    ['a malformed farm id', { ...farm, farmId: 'NOT VALID!' }, 'farmId'],
    ['hectares as text', { ...farm, farmId: 'f-5', landUse: { ...farm.landUse, grasslandHa: '40' } }, 'landUse.grasslandHa'],
  ])('refuses %s with 400 naming the field and writes nothing', async (_, body, field) => {
    const before = await t.eventCount();
    const res = await t.http().post('/farms').set('authorization', t.token('boer-x', 'farmer')).send(body).expect(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await t.eventCount()).toBe(before);
  });

  it('lets only the regulator verify, and the verification passes after a checkpoint', async () => {
    await t.http().get('/audit/verify').set('authorization', t.token('boer-jansen', 'farmer')).expect(403);
    const regulator = t.token('nvwa-1', 'regulator');
    await t.http().post('/audit/seal').set('authorization', regulator).expect(200);
    const res = await t.http().get('/audit/verify').set('authorization', regulator).expect(200);
    expect(res.body).toMatchObject({ ok: true, checkedCheckpoints: 1, uncheckpointedEvents: 0, firstFailure: null });
  });
});
