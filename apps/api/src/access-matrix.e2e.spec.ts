import jwt from 'jsonwebtoken';
import type { ActorRole } from '@asb/event-store';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { authorisation, demoFarm, klwSubmission } from '../../../test/support/farm-fixtures';

type Cell = { actor: string; role: ActorRole };
const ACTORS: Record<string, Cell> = {
  farmerOwn: { actor: 'boer-own', role: 'farmer' },
  farmerOther: { actor: 'boer-other', role: 'farmer' },
  calculatorAuthorised: { actor: 'wur', role: 'calculator' },
  calculatorUnauthorised: { actor: 'other-lab', role: 'calculator' },
  sourceAuthorised: { actor: 'klw-feed', role: 'data_source' },
  sourceUnauthorised: { actor: 'rogue-feed', role: 'data_source' },
  payer: { actor: 'snn', role: 'payer' },
  normAuthority: { actor: 'provincie-drenthe', role: 'norm_authority' },
  regulator: { actor: 'nvwa', role: 'regulator' },
  analyst: { actor: 'pbl', role: 'policy_analyst' },
};
type Name = keyof typeof ACTORS;

const FARM = 'matrix-farm';
let n = 0;
const unique = () => `m${++n}`;

/** Every endpoint with the actors allowed to use it; everyone else must get 403 and see nothing. */
const ENDPOINTS: Array<{ name: string; allowed: Name[]; call: (t: TestApp, token: string) => Promise<{ status: number; text: string }> }> = [
  { name: 'GET farm', allowed: ['farmerOwn', 'calculatorAuthorised', 'sourceAuthorised', 'regulator'], call: (t, a) => t.http().get(`/farms/${FARM}`).set('authorization', a) },
  { name: 'GET farm years', allowed: ['farmerOwn', 'calculatorAuthorised', 'sourceAuthorised', 'regulator'], call: (t, a) => t.http().get(`/farms/${FARM}/years`).set('authorization', a) },
  { name: 'PATCH farm', allowed: ['farmerOwn'], call: (t, a) => t.http().patch(`/farms/${FARM}`).set('authorization', a).send({ livestockUnits: 100 + n, reason: `census ${unique()}` }) },
  { name: 'POST authorisation', allowed: ['farmerOwn'], call: (t, a) => t.http().post(`/farms/${FARM}/authorisations`).set('authorization', a).send(authorisation(unique(), 'someone', 'calculator', ['klw'])) },
  { name: 'GET authorisations', allowed: ['farmerOwn', 'regulator'], call: (t, a) => t.http().get(`/farms/${FARM}/authorisations`).set('authorization', a) },
  { name: 'POST submission', allowed: ['farmerOwn', 'calculatorAuthorised', 'sourceAuthorised'], call: (t, a) => t.http().post(`/farms/${FARM}/years/2025/submissions`).set('authorization', a).send(klwSubmission(unique(), 1000, 10)) },
  { name: 'GET submissions', allowed: ['farmerOwn', 'calculatorAuthorised', 'sourceAuthorised', 'regulator'], call: (t, a) => t.http().get(`/farms/${FARM}/years/2025/submissions`).set('authorization', a) },
  { name: 'GET balance', allowed: ['farmerOwn', 'calculatorAuthorised', 'sourceAuthorised', 'regulator'], call: (t, a) => t.http().get(`/farms/${FARM}/years/2025/balance`).set('authorization', a) },
  { name: 'GET findings', allowed: ['farmerOwn', 'calculatorAuthorised', 'sourceAuthorised', 'regulator'], call: (t, a) => t.http().get(`/farms/${FARM}/years/2025/findings`).set('authorization', a) },
  { name: 'GET analytics', allowed: ['analyst', 'regulator'], call: (t, a) => t.http().get('/analytics/balances?year=2025').set('authorization', a) },
  { name: 'GET audit verify', allowed: ['regulator'], call: (t, a) => t.http().get('/audit/verify').set('authorization', a) },
  { name: 'GET audit subscriber failures', allowed: ['regulator'], call: (t, a) => t.http().get('/audit/subscriber-failures').set('authorization', a) },
];

describe('roles × endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    // One farm: with a minimum group size of 1 its row is shown, under a pseudonym (D54 suppresses it by default).
    t = await startTestApp({ env: { ANALYTICS_MIN_GROUP_SIZE: '1' } });
    const farmer = t.token('boer-own', 'farmer');
    await t.http().post('/farms').set('authorization', farmer).send({ ...demoFarm(FARM), province: 'Friesland' }).expect(201);
    await t.http().post(`/farms/${FARM}/authorisations`).set('authorization', farmer).send(authorisation('a-wur', 'wur', 'calculator', ['klw'])).expect(201);
    await t.http().post(`/farms/${FARM}/authorisations`).set('authorization', farmer).send(authorisation('a-feed', 'klw-feed', 'data_source', ['klw'])).expect(201);
  });
  afterAll(async () => t.close());

  const cells = ENDPOINTS.flatMap((e) => (Object.keys(ACTORS) as Name[]).map((who) => [e.name, who, e.allowed.includes(who)] as const));

  it.each(cells)('%s as %s → allowed: %s', async (endpoint, who, allowed) => {
    const e = ENDPOINTS.find((x) => x.name === endpoint)!;
    const before = await t.eventCount();
    const res = await e.call(t, t.token(ACTORS[who].actor, ACTORS[who].role));
    if (allowed) {
      expect(res.status).toBeLessThan(300);
      if (endpoint === 'GET analytics') {
        // The analyst sees the farm under a pseudonym only.
        expect(res.text).not.toContain(FARM);
        expect(JSON.parse(res.text).rows[0].farm).toMatch(/^p-[0-9a-f]{16}$/);
      }
    } else {
      expect(res.status).toBe(403);
      // Nothing of the farm leaks into a refusal: not its owner, its province or its figures.
      expect(res.text).not.toMatch(/boer-own|Friesland|grasslandHa|livestockUnits/);
      const written = (await t.runtime.store.readAll({ after: before > 0 ? (await t.runtime.store.readAll()).at(before - 1)!.position : 0 })).map((ev) => ev.type);
      // A refused third party leaves only the record of its attempt.
      expect(written.every((type) => type === 'AccessDenied')).toBe(true);
    }
  });

  /** Tokens a careless or hostile issuer might hand out: signed with the right secret, yet refused everywhere. */
  const FORGED: Array<[string, (role: ActorRole, sub: string) => string]> = [
    ['without a subject', (role) => forge({ role })],
    ['with an empty subject', (role) => forge({ sub: '', role })],
    ['living a year', (role, sub) => forge({ sub, role }, { expiresIn: 365 * 24 * 3600 })],
    ['without an expiry', (role, sub) => forge({ sub, role }, { expiresIn: undefined })],
    ['for another audience', (role, sub) => forge({ sub, role }, { audience: 'another-api' })],
    ['from another issuer', (role, sub) => forge({ sub, role }, { issuer: 'another-issuer' })],
  ];
  const forge = (claims: Record<string, unknown>, options: { expiresIn?: number; audience?: string; issuer?: string } = {}) => {
    const { jwtSecret, jwtIssuer, jwtAudience } = t.runtime.config;
    const merged = { issuer: jwtIssuer, audience: jwtAudience, expiresIn: 600 as number | undefined, ...options };
    const { expiresIn, ...rest } = merged;
    return `Bearer ${jwt.sign(claims, jwtSecret, { algorithm: 'HS256', ...rest, ...(expiresIn === undefined ? {} : { expiresIn }) })}`;
  };
  const forgedCells = ENDPOINTS.flatMap((e) => FORGED.flatMap(([kind]) => (Object.keys(ACTORS) as Name[]).filter((who) => e.allowed.includes(who)).map((who) => [e.name, kind, who] as const)));

  it.each(forgedCells)('%s with a token %s as %s → 401, nothing leaked or written', async (endpoint, kind, who) => {
    const e = ENDPOINTS.find((x) => x.name === endpoint)!;
    const token = FORGED.find(([k]) => k === kind)![1](ACTORS[who].role, ACTORS[who].actor);
    const before = await t.eventCount();
    const res = await e.call(t, token);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED', field: 'authorization' });
    expect(res.text).not.toMatch(/boer-own|Friesland|grasslandHa|livestockUnits/);
    expect(await t.eventCount()).toBe(before);
  });

  it('answers a farm that does not exist exactly as a farm that is not yours: no farm ids to enumerate', async () => {
    const before = await t.eventCount();
    for (const who of ['farmerOther', 'calculatorUnauthorised', 'sourceUnauthorised'] as Name[]) {
      const token = t.token(ACTORS[who].actor, ACTORS[who].role);
      const someoneElses = await t.http().get(`/farms/${FARM}/years/2025/balance`).set('authorization', token);
      const nobodys = await t.http().get('/farms/no-such-farm-anywhere/years/2025/balance').set('authorization', token);
      expect([nobodys.status, nobodys.body.code]).toEqual([someoneElses.status, someoneElses.body.code]);
      expect(nobodys.status).toBe(403);
    }
    // Only the regulator, who may read every farm, is told that it does not exist.
    const regulator = await t.http().get('/farms/no-such-farm-anywhere').set('authorization', t.token(ACTORS.regulator.actor, 'regulator'));
    expect([regulator.status, regulator.body.code]).toEqual([404, 'FARM_NOT_FOUND']);
    // Guessing ids writes nothing: only the refused attempts on the existing farm are on record.
    const written = (await t.runtime.store.readAll()).slice(before).map((e) => [e.type, e.streamId]);
    expect(written.every(([type, stream]) => type === 'AccessDenied' && stream === `access-denials-${FARM}`)).toBe(true);
  });
});
