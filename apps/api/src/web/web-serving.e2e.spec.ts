import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { ensureWebBuilt } from '../../../../test/support/browser';
import { authorisation, demoFarm } from '../demo/demo-fixtures';

/** The web application at `/` beside the API (D49), and the lists it starts from. */
describe('the web application served by the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    ensureWebBuilt();
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('serves the app at / and at its own deep links, without a token', async () => {
    const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
    for (const path of ['/', '/bedrijven/nl-drenthe-0001/jaren/2025', '/aanmelden?code=x&state=y']) {
      const res = await t.rawHttp().get(path).set('accept', browserAccept).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('<html lang="nl">');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    }
  });

  it('answers an API client at an unknown path with the API\'s JSON 404, and at / with the app', async () => {
    for (const accept of [undefined, '*/*', 'application/json']) {
      const request = t.rawHttp().get('/bedrijven/nl-drenthe-0001');
      const res = await (accept ? request.set('accept', accept) : request).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    }
    expect((await t.rawHttp().get('/').expect(200)).text).toContain('<div id="root">');
  });

  it('serves its assets, and a missing asset as a 404', async () => {
    const index = (await t.rawHttp().get('/').expect(200)).text;
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)![1]!;
    const res = await t.rawHttp().get(script).expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    await t.rawHttp().get('/assets/no-such-file.js').expect(404);
  });

  it('leaves every API path to the API: a token is still required, an unknown API path is a JSON 404', async () => {
    const refused = await t.rawHttp().get('/farms').set('accept', 'text/html').expect(401);
    expect(refused.body).toMatchObject({ code: 'UNAUTHENTICATED', field: 'authorization' });
    const unknown = await t.rawHttp().get('/audit/no-such-thing').set('authorization', t.token('nvwa', 'regulator')).expect(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/json/);
    await t.rawHttp().get('/health').expect(200);
    expect((await t.rawHttp().get('/docs-json').expect(200)).body.paths['/farms']).toBeDefined();
  });

  it('says where to sign in: nowhere, when no provider is configured', async () => {
    expect((await t.rawHttp().get('/auth/config').expect(200)).body).toEqual({ issuer: null, clientId: 'asb-web', scope: 'openid profile asb' });
  });

  it('lists to each caller the farms it may read, and refuses a cursor that is not one', async () => {
    const farmer = t.token('boer-a', 'farmer');
    for (const id of ['farm-c', 'farm-a', 'farm-b']) await t.http().post('/farms').set('authorization', farmer).send(demoFarm(id)).expect(201);
    await t.http().post('/farms').set('authorization', t.token('boer-z', 'farmer')).send(demoFarm('farm-z')).expect(201);
    await t.http().post('/farms/farm-b/authorisations').set('authorization', farmer).send(authorisation('m-wur', 'wur', 'calculator', ['klw'])).expect(201);

    const ids = async (token: string, query = '') => (await t.http().get(`/farms${query}`).set('authorization', token).expect(200)).body.items.map((f: { farmId: string }) => f.farmId);
    expect(await ids(farmer)).toEqual(['farm-a', 'farm-b', 'farm-c']);
    expect(await ids(t.token('wur', 'calculator'))).toEqual(['farm-b']);
    expect(await ids(t.token('other-lab', 'calculator'))).toEqual([]);
    expect(await ids(t.token('nvwa', 'regulator'))).toEqual(['farm-a', 'farm-b', 'farm-c', 'farm-z']);

    // Two at a time, in farm-id order, to the end.
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ farmId: string }>; nextCursor: string | null } } = await t.http().get(`/farms?limit=2${cursor ? `&cursor=${cursor}` : ''}`).set('authorization', farmer).expect(200);
      pages.push(page.body.items.map((f) => f.farmId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages).toEqual([['farm-a', 'farm-b'], ['farm-c']]);

    for (const query of ['?cursor=not%20a%20cursor', '?limit=101', '?limit=1e1', '?limit=-1']) {
      const res = await t.http().get(`/farms${query}`).set('authorization', farmer).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'INVALID_INPUT' });
      expect(['cursor', 'limit']).toContain(res.body.field);
    }
    await t.http().get('/farms').set('authorization', t.token('pbl', 'policy_analyst')).expect(403);
  });
});
