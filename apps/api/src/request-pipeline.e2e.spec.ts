import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { demoFarm } from '../../../test/support/farm-fixtures';

/**
 * What every request goes through without a Nest interceptor (D70): the token, then the body check,
 * as guards; read-your-writes where a handler's answer is sent.
 */
describe('the request pipeline: the token, the body check, read-your-writes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2025-09-01T08:00:00.000Z' });
  });
  afterAll(async () => t.close());

  it('refuses a body on an endpoint that takes none, naming the body, after the token is checked and before anything is done', async () => {
    const nvwa = t.token('nvwa-auditor', 'regulator');
    // A fresh log: no checkpoint yet, and the refused seal signs none.
    await t.http().get('/audit/checkpoints/latest').expect(404);
    const refused = await t.http().post('/audit/seal').set('authorization', nvwa).send({ sealed: true }).expect(400);
    expect(refused.body).toMatchObject({ statusCode: 400, code: 'UNEXPECTED_BODY', field: 'body' });
    await t.http().get('/audit/checkpoints/latest').expect(404);
    expect((await t.http().post('/audit/seal').send({ sealed: true }).expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await t.http().post('/audit/seal').set('authorization', t.token('boer-x', 'farmer')).send({ sealed: true }).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
    await t.http().post('/audit/seal').set('authorization', nvwa).send({}).expect(200);
  });

  it('answers a write once the read models include it, and a refusal at once without the lag headers', async () => {
    const farmer = t.token('boer-pijplijn', 'farmer');
    const registered = await t.http().post('/farms').set('authorization', farmer).send(demoFarm('nl-pipeline-0001')).expect(201);
    expect(registered.headers['asb-read-models-lag']).toBeUndefined();
    // The farm list is a read model: the write's answer came after it included the farm.
    const listed = await t.http().get('/farms').set('authorization', farmer).expect(200);
    expect(listed.body.items.map((f: { farmId: string }) => f.farmId)).toEqual(['nl-pipeline-0001']);
    const again = await t.http().post('/farms').set('authorization', farmer).send(demoFarm('nl-pipeline-0001')).expect(409);
    expect(again.headers['asb-read-models-lag']).toBeUndefined();
    expect(again.body).toMatchObject({ statusCode: 409, code: 'FARM_ALREADY_REGISTERED', field: 'farmId' });
  });
});
