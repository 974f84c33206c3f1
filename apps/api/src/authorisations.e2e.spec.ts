import { streams } from '@asb/domain';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { authorisation, demoFarm, klwSubmission } from '../../../test/support/farm-fixtures';

describe('authorisations: grant, list, revoke', () => {
  let t: TestApp;
  let farmer: string;
  let wur: string;
  beforeAll(async () => {
    t = await startTestApp();
    farmer = t.token('boer-auth', 'farmer');
    wur = t.token('wur', 'calculator');
    await t.http().post('/farms').set('authorization', farmer).send(demoFarm('auth-farm')).expect(201);
    await t.http().post('/farms/auth-farm/authorisations').set('authorization', farmer).send(authorisation('a-wur', 'wur', 'calculator', ['klw'])).expect(201);
  });
  afterAll(async () => t.close());

  it('covers its grantee in the role it names only: the same id in another role is refused everywhere, nothing submitted or shown', async () => {
    const farm = 'auth-role-farm';
    await t.http().post('/farms').set('authorization', farmer).send(demoFarm(farm)).expect(201);
    // The farmer lets a dairy processor send its milk statements, as a data source.
    await t.http().post(`/farms/${farm}/authorisations`).set('authorization', farmer).send(authorisation('a-zuivel', 'zuivelnl', 'data_source', ['klw'])).expect(201);
    const asSource = t.token('zuivelnl', 'data_source');
    const asCalculator = t.token('zuivelnl', 'calculator');
    await t.http().get(`/farms/${farm}/years/2025/balance`).set('authorization', asSource).expect(200);
    const submissions = async () => (await t.runtime.store.readStream(streams.balance(farm, 2025))).length;
    const before = await submissions();
    // A calculator token of the same id relied on it: to submit, read, list the farm and see its work.
    const write = await t.http().post(`/farms/${farm}/years/2025/submissions`).set('authorization', asCalculator).send(klwSubmission('role-swap', 1000, 10));
    expect({ status: write.status, code: write.body.code }).toEqual({ status: 403, code: 'NO_VALID_AUTHORISATION' });
    expect((await t.http().get(`/farms/${farm}/years/2025/balance`).set('authorization', asCalculator)).status).toBe(403);
    expect((await t.http().post(`/farms/${farm}/years/2025/scores/drenthe-2025/calculation`).set('authorization', asCalculator).send({})).status).toBe(403);
    expect((await t.http().get('/farms').set('authorization', asCalculator).expect(200)).body.items.map((f: { farmId: string }) => f.farmId)).not.toContain(farm);
    expect((await t.http().get('/farms').set('authorization', asSource).expect(200)).body.items.map((f: { farmId: string }) => f.farmId)).toContain(farm);
    expect(await submissions()).toBe(before);
    // And the reverse: wur, authorised as a calculator, is no data source of the farm.
    await t.http().post(`/farms/${farm}/authorisations`).set('authorization', farmer).send(authorisation('a-wur-calc', 'wur', 'calculator', ['klw'])).expect(201);
    expect((await t.http().post(`/farms/${farm}/years/2025/submissions`).set('authorization', t.token('wur', 'data_source')).send(klwSubmission('role-swap-2', 1000, 10))).status).toBe(403);
    await t.http().post(`/farms/${farm}/years/2025/submissions`).set('authorization', wur).send(klwSubmission('role-right', 1000, 10)).expect(201);
  });

  it('revokes: the grantee loses read and write access at once, and the revocation is listed', async () => {
    await t.http().get('/farms/auth-farm/years/2025/balance').set('authorization', wur).expect(200);
    const revoked = await t.http().post('/farms/auth-farm/authorisations/a-wur/revoke').set('authorization', farmer).send({ reason: 'changed calculator' }).expect(200);
    expect(revoked.body).toMatchObject({ authorisationId: 'a-wur', events: [{ type: 'AuthorisationRevoked' }] });
    const read = await t.http().get('/farms/auth-farm/years/2025/balance').set('authorization', wur);
    expect(read.status).toBe(403);
    expect(read.body.code).toBe('NO_VALID_AUTHORISATION');
    const write = await t.http().post('/farms/auth-farm/years/2025/submissions').set('authorization', wur).send(klwSubmission('after-revoke', 1000, 10));
    expect(write.status).toBe(403);
    const list = await t.http().get('/farms/auth-farm/authorisations').set('authorization', farmer).expect(200);
    expect(list.body.items.find((a: { authorisationId: string }) => a.authorisationId === 'a-wur')).toMatchObject({ status: 'revoked' });
  });

  it('refuses a revocation by anyone but the farmer, of an unknown authorisation, or with a malformed id', async () => {
    await t.http().post('/farms/auth-farm/authorisations').set('authorization', farmer).send(authorisation('a-two', 'wur', 'calculator', ['klw'])).expect(201);
    const denialsStream = streams.accessDenials('auth-farm');
    const denials = async () => (await t.runtime.store.readStream(denialsStream)).length;
    const [before, denialsBefore] = [await t.eventCount(), await denials()];
    const byGrantee = await t.http().post('/farms/auth-farm/authorisations/a-two/revoke').set('authorization', wur).send({ reason: 'not mine to revoke' });
    expect(byGrantee.status).toBe(403);
    const byOther = await t.http().post('/farms/auth-farm/authorisations/a-two/revoke').set('authorization', t.token('boer-other', 'farmer')).send({ reason: 'not my farm' });
    expect(byOther.status).toBe(403);
    const unknown = await t.http().post('/farms/auth-farm/authorisations/no-such/revoke').set('authorization', farmer).send({ reason: 'who is this' });
    expect(unknown.status).toBe(404);
    const malformed = await t.http().post('/farms/auth-farm/authorisations/-bad!/revoke').set('authorization', farmer).send({ reason: 'malformed' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.field).toBe('authorisationId');
    const noReason = await t.http().post('/farms/auth-farm/authorisations/a-two/revoke').set('authorization', farmer).send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.field).toBe('reason');
    // Nothing is written but the record of the grantee's refused attempt (a denial is a fact about the attempt).
    expect(await t.eventCount() - before).toBe((await denials()) - denialsBefore);
    expect(await t.http().get('/farms/auth-farm/authorisations').set('authorization', farmer).then((r) => r.body.items.find((a: { authorisationId: string }) => a.authorisationId === 'a-two').status)).toBe('granted');
  });
});
