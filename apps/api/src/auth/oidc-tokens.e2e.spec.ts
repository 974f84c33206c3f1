import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import jwt from 'jsonwebtoken';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { demoFarm, klwSubmission } from '../demo/demo-fixtures';
import { ensureWebBuilt } from '../../../../test/support/browser';

/**
 * The API over HTTP with an OpenID Connect provider configured (D49): a stand-in provider publishes
 * its discovery document and JWKS on loopback; the API takes its access tokens besides its own.
 */
describe('the API with an OpenID Connect provider', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let server: Server;
  let issuer = '';
  let t: TestApp;

  const accessToken = (claims: Record<string, unknown>, options: { typ?: string; audience?: string } = {}) =>
    `Bearer ${jwt.sign(claims, privateKey, { algorithm: 'RS256', keyid: 'k1', expiresIn: 600, issuer, audience: options.audience ?? 'asb-ledger-api', header: { alg: 'RS256', typ: options.typ ?? 'at+jwt' } })}`;

  beforeAll(async () => {
    ensureWebBuilt();
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') return res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      if (req.url === '/jwks') return res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }] }));
      res.statusCode = 404;
      res.end('{}');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    t = await startTestApp({ env: { OIDC_ISSUER: issuer } });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((done) => server.close(done));
  });

  it('tells the web application where to sign in, and lets its pages talk to that provider', async () => {
    expect((await t.rawHttp().get('/auth/config').expect(200)).body).toEqual({ issuer, clientId: 'asb-web', scope: 'openid profile asb' });
    const csp = (await t.rawHttp().get('/').expect(200)).headers['content-security-policy'];
    expect(csp).toMatch(new RegExp(`connect-src [^;]*${issuer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('acts on the provider\'s access token as on its own: the same actor, the same farm rules', async () => {
    const farmer = accessToken({ sub: 'boer-oidc', role: 'farmer', farms: ['oidc-farm'] });
    await t.http().post('/farms').set('authorization', farmer).send(demoFarm('oidc-farm')).expect(201);
    expect((await t.http().get('/farms/oidc-farm').set('authorization', farmer).expect(200)).body).toMatchObject({ farmId: 'oidc-farm', farmerId: 'boer-oidc' });
    // The ledger's own token for the same subject: the same farm, no claim involved.
    await t.http().get('/farms/oidc-farm').set('authorization', t.token('boer-oidc', 'farmer')).expect(200);
    // Another farmer of the provider: the ledger's rule refuses.
    const other = accessToken({ sub: 'boer-ander', role: 'farmer', farms: ['oidc-farm'] });
    expect((await t.http().get('/farms/oidc-farm').set('authorization', other).expect(403)).body.code).toBe('NOT_YOUR_FARM');
  });

  it('lets a farmer register and act only on farms the farms claim names', async () => {
    const farmer = accessToken({ sub: 'boer-claim', role: 'farmer', farms: ['claimed-farm'] });
    const refused = await t.http().post('/farms').set('authorization', farmer).send(demoFarm('unclaimed-farm')).expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403, code: 'NOT_YOUR_FARM' });
    await t.http().post('/farms').set('authorization', t.token('boer-claim', 'farmer')).send(demoFarm('unclaimed-farm')).expect(201);
    await t.http().post('/farms').set('authorization', farmer).send(demoFarm('claimed-farm')).expect(201);
    expect((await t.http().get('/farms/unclaimed-farm/years').set('authorization', farmer).expect(403)).body.code).toBe('NOT_YOUR_FARM');
    const listed = await t.http().get('/farms').set('authorization', farmer).expect(200);
    expect(listed.body.items.map((f: { farmId: string }) => f.farmId)).toEqual(['claimed-farm']);
    // Its own token, without a claim, lists both.
    const all = await t.http().get('/farms').set('authorization', t.token('boer-claim', 'farmer')).expect(200);
    expect(all.body.items.map((f: { farmId: string }) => f.farmId)).toEqual(['claimed-farm', 'unclaimed-farm']);
  });

  it('refuses a bulk item for a farm the farms claim does not name, as it refuses the farm by its path', async () => {
    // boer-claim's unclaimed-farm is recorded as theirs by the ledger (registered with its own token above), not named by the provider.
    const farmer = accessToken({ sub: 'boer-claim', role: 'farmer', farms: ['claimed-farm'] });
    const item = (farmId: string, submissionId: string) => ({ farmId, year: 2025, ...klwSubmission(submissionId, 1000, 10), sourceDocumentId: `KLW-${farmId}-${submissionId}` });
    const balanceEvents = async (farmId: string) => (await t.runtime.store.readAll()).filter((e) => e.streamId === `balance-${farmId}-2025`).length;
    const refused = await t.http().post('/submissions/bulk').set('authorization', farmer).send({ items: [item('unclaimed-farm', 'bulk-1')] });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'NOT_YOUR_FARM' });
    const mixed = await t.http().post('/submissions/bulk').set('authorization', farmer).send({ items: [item('claimed-farm', 'bulk-2'), item('unclaimed-farm', 'bulk-3')] }).expect(200);
    expect(mixed.body.items.map((i: { status: string; code?: string }) => `${i.status}${i.code ? ` ${i.code}` : ''}`)).toEqual(['accepted', 'refused NOT_YOUR_FARM']);
    expect(await balanceEvents('unclaimed-farm')).toBe(0);
    // The refusal is on record (D69) with the actor as always, not the provider's claim.
    const denial = (await t.runtime.store.readAll()).filter((e) => e.type === 'AccessDenied' && e.streamId === 'access-denials-unclaimed-farm').at(-1);
    expect(denial?.metadata.actor).toEqual({ id: 'boer-claim', role: 'farmer' });
    // The ledger's own token carries no claim: the farm is the farmer's.
    await t.http().post('/submissions/bulk').set('authorization', t.token('boer-claim', 'farmer')).send({ items: [item('unclaimed-farm', 'bulk-4')] }).expect(200);
  });

  it('refuses an ID token, a token for another audience and a token without a role, with 401 in the one error shape', async () => {
    for (const token of [
      accessToken({ sub: 'boer-oidc', role: 'farmer' }, { typ: 'JWT' }),
      accessToken({ sub: 'boer-oidc', role: 'farmer' }, { audience: 'asb-web' }),
      accessToken({ sub: 'boer-oidc' }),
    ]) {
      const res = await t.http().get('/farms').set('authorization', token).expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED', field: 'authorization' });
    }
  });
});
