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
