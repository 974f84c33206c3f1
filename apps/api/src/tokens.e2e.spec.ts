import jwt from 'jsonwebtoken';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { demoFarm } from '../../../test/support/farm-fixtures';

/** Bearer tokens: subject, expiry within the maximum lifetime, issuer and audience are all required. */
describe('bearer tokens', () => {
  let t: TestApp;
  const sign = (claims: Record<string, unknown>, options: jwt.SignOptions = {}) =>
    `Bearer ${jwt.sign(claims, t.runtime.config.jwtSecret, { algorithm: 'HS256', issuer: t.runtime.config.jwtIssuer, audience: t.runtime.config.jwtAudience, expiresIn: 600, ...options })}`;
  beforeAll(async () => {
    t = await startTestApp();
    await t.http().post('/farms').set('authorization', t.token('boer-tok', 'farmer')).send(demoFarm('tok-farm')).expect(201);
  });
  afterAll(async () => t.close());

  it('accepts a well-formed token', async () => {
    await t.http().get('/farms/tok-farm').set('authorization', sign({ sub: 'boer-tok', role: 'farmer' })).expect(200);
  });

  const refused: Array<[string, () => string]> = [
    ['no subject', () => sign({ role: 'farmer' })],
    ['the ledger\'s own actor as subject', () => sign({ sub: 'checks', role: 'regulator' })],
    ['an empty subject', () => sign({ sub: '', role: 'farmer' })],
    ['a subject that is not a string', () => sign({ sub: 42, role: 'farmer' })],
    ['no expiry', () => `Bearer ${jwt.sign({ sub: 'boer-tok', role: 'farmer' }, t.runtime.config.jwtSecret, { algorithm: 'HS256', issuer: t.runtime.config.jwtIssuer, audience: t.runtime.config.jwtAudience })}`],
    ['a lifetime of a year', () => sign({ sub: 'boer-tok', role: 'farmer' }, { expiresIn: 365 * 24 * 3600 })],
    ['an expired token', () => sign({ sub: 'boer-tok', role: 'farmer', iat: Math.floor(Date.now() / 1000) - 7200 }, { expiresIn: 3600 })],
    ['another audience', () => sign({ sub: 'boer-tok', role: 'farmer' }, { audience: 'some-other-api' })],
    ['another issuer', () => sign({ sub: 'boer-tok', role: 'farmer' }, { issuer: 'someone-else' })],
    ['an unknown role', () => sign({ sub: 'boer-tok', role: 'admin' })],
    ['another secret', () => `Bearer ${jwt.sign({ sub: 'boer-tok', role: 'farmer' }, 'not-the-secret', { issuer: t.runtime.config.jwtIssuer, audience: t.runtime.config.jwtAudience, expiresIn: 600 })}`],
    ['alg none', () => `Bearer ${jwt.sign({ sub: 'boer-tok', role: 'farmer', iss: t.runtime.config.jwtIssuer, aud: t.runtime.config.jwtAudience, exp: Math.floor(Date.now() / 1000) + 600 }, '', { algorithm: 'none' })}`],
  ];

  it.each(refused)('refuses %s with 401 in the one error shape, on reads and writes, writing nothing', async (_, token) => {
    const before = await t.eventCount();
    const read = await t.http().get('/farms/tok-farm').set('authorization', token());
    expect(read.status).toBe(401);
    expect(read.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: expect.any(String), field: 'authorization' });
    const write = await t.http().post('/farms').set('authorization', token()).send(demoFarm('tok-new'));
    expect(write.status).toBe(401);
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses a request without a bearer token', async () => {
    const res = await t.http().get('/farms/tok-farm');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', field: 'authorization' });
  });
});
