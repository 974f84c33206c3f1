import jwt from 'jsonwebtoken';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { authorisation, demoFarm } from '../../../../test/support/farm-fixtures';

/**
 * The read endpoints added for issue 16 (the farmer's access log, the calculator's work queue, the
 * budget's ranking, the farmer's own explanation and history) met as an adversary would: hostile
 * query values, a foreign farm, tokens that should not pass. Every refusal in the one error shape,
 * and a refused read writes no FarmDataRead (a refused 403 may write its one AccessDenied, D69).
 */
describe('the new read endpoints against hostile requests', () => {
  let t: TestApp;
  const farmId = 'nl-drenthe-0001';
  let as: Record<'farmer' | 'neighbour' | 'wur' | 'otherLab' | 'payer', string>;
  const reads = async () => (await t.runtime.store.readAll()).filter((e) => e.type === 'FarmDataRead').length;

  beforeAll(async () => {
    t = await startTestApp({ now: '2025-09-01T08:00:00.000Z' });
    as = {
      farmer: t.token('boer-jansen', 'farmer'),
      neighbour: t.token('boer-de-vries', 'farmer'),
      wur: t.token('wur', 'calculator'),
      otherLab: t.token('ander-lab', 'calculator'),
      payer: t.token('snn', 'payer'),
    };
    await t.http().post('/farms').set('authorization', as.farmer).send(demoFarm(farmId)).expect(201);
    await t.http().post(`/farms/${farmId}/authorisations`).set('authorization', as.farmer).send(authorisation('machtiging-wur', 'wur', 'calculator', ['klw'])).expect(201);
  });
  afterAll(async () => t.close());

  const routes = () => [
    { path: `/farms/${farmId}/access-log`, token: as.farmer },
    { path: '/calculator/work-queue?kind=to-present', token: as.wur },
    { path: '/schemes/drenthe-2025/budget/ranking', token: as.payer },
  ];
  const withQuery = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;

  it.each([
    ['limit=0', 'limit'],
    ['limit=-1', 'limit'],
    ['limit=101', 'limit'],
    ['limit=1e2', 'limit'],
    ['limit=0x10', 'limit'],
    ['limit=1.5', 'limit'],
    ['limit=99999999999999999999999', 'limit'],
    ['cursor=__proto__%24', 'cursor'],
    [`cursor=${'A'.repeat(401)}`, 'cursor'],
    ['cursor=a%20b', 'cursor'],
    ['__proto__=1', '__proto__'],
    ['constructor=x', 'constructor'],
  ])('refuses %s with 400 naming %s, and records no read', async (query, field) => {
    for (const { path, token } of routes()) {
      const before = await reads();
      const res = await t.http().get(withQuery(path, query)).set('authorization', token);
      expect({ path, status: res.status, code: res.body.code, field: res.body.field }).toEqual({ path, status: 400, code: expect.any(String), field });
      expect(await reads()).toBe(before);
    }
  });

  it('refuses a repeated query parameter (an array where one value is meant) with 400', async () => {
    for (const { path, token } of routes()) {
      const res = await t.http().get(withQuery(path, 'limit=1&limit=2')).set('authorization', token);
      expect({ path, status: res.status, field: res.body.field }).toEqual({ path, status: 400, field: 'limit' });
    }
  });

  it('refuses the work queue an unknown, reserved or repeated kind', async () => {
    for (const kind of ['__proto__', 'constructor', 'TO-PRESENT', '', 'to-present&kind=disputed']) {
      const res = await t.http().get(`/calculator/work-queue?kind=${kind}`).set('authorization', as.wur);
      expect({ kind, status: res.status, field: res.body.field }).toEqual({ kind, status: 400, field: 'kind' });
    }
  });

  it("refuses another farm's access log, explanation and history to a farmer, and the access log to a calculator it authorises", async () => {
    for (const path of [`/farms/${farmId}/access-log`, `/audit/farms/${farmId}/history`, `/audit/explain/scores/drenthe-2025/${farmId}/2025`]) {
      const res = await t.http().get(path).set('authorization', as.neighbour);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 403, code: 'NOT_YOUR_FARM' });
    }
    const lab = await t.http().get(`/farms/${farmId}/access-log`).set('authorization', as.wur);
    expect(lab.status).toBe(403);
    // Each refused attempt names what it was after in the farmer's log (D64, D69).
    const log = await t.http().get(`/farms/${farmId}/access-log?limit=100`).set('authorization', as.farmer).expect(200);
    const refused = log.body.items.filter((e: { kind: string; actorId: string }) => e.kind === 'refusal' && e.actorId === 'boer-de-vries').map((e: { resource?: string }) => e.resource);
    expect(refused).toEqual(expect.arrayContaining(['access-log', 'history']));
  });

  it("shows a calculator no work of a farm that does not authorise it, and refuses a farmer the queue", async () => {
    const page = await t.http().get('/calculator/work-queue?kind=to-present').set('authorization', as.otherLab).expect(200);
    expect(page.body.items.filter((i: { farmId: string }) => i.farmId === farmId)).toEqual([]);
    const farmer = await t.http().get('/calculator/work-queue?kind=to-present').set('authorization', as.farmer);
    expect({ status: farmer.status, code: farmer.body.code }).toEqual({ status: 403, code: 'ROLE_NOT_ALLOWED' });
  });

  it('refuses a token without sub, an expired one and a forged one with 401 naming the header', async () => {
    const { jwtSecret, jwtIssuer, jwtAudience } = t.runtime.config;
    const sign = (claims: object, expiresIn = 600) => `Bearer ${jwt.sign(claims, jwtSecret, { algorithm: 'HS256', issuer: jwtIssuer, audience: jwtAudience, expiresIn })}`;
    const tokens = [
      sign({ role: 'farmer' }),
      sign({ sub: 'boer-jansen', role: 'farmer', iat: Math.floor(Date.now() / 1000) - 7200 }, 3600),
      `${as.farmer.slice(0, -4)}AAAA`,
    ];
    for (const token of tokens) {
      for (const { path } of routes()) {
        const res = await t.http().get(path).set('authorization', token);
        expect({ path, status: res.status, code: res.body.code, field: res.body.field }).toEqual({ path, status: 401, code: 'UNAUTHENTICATED', field: 'authorization' });
      }
    }
  });

  it('ignores nothing in silence: a reserved key as a bracket segment is refused too, on any route', async () => {
    for (const query of ['a[__proto__]=1', 'x[constructor][prototype]=1', 'prototype=1']) {
      const res = await t.http().get(`/farms/${farmId}/access-log?${query}`).set('authorization', as.farmer);
      expect({ query, status: res.status, code: res.body.code }).toEqual({ query, status: 400, code: 'RESERVED_KEY' });
    }
    const older = await t.http().get(`/farms/${farmId}?__proto__=1`).set('authorization', as.farmer);
    expect({ status: older.status, code: older.body.code }).toEqual({ status: 400, code: 'RESERVED_KEY' });
  });
});
