import { streams } from '@asb/domain';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { authorisation, demoFarm } from '../../../test/support/farm-fixtures';
import { REFUSAL_RECORDS_PER_ACTOR } from './access/farm-refusals';

type Refusal = { kind: string; actorId: string; actorRole: string; action: string; code?: string; resource?: string; year?: number; scheme?: string; at: string };

/** D69: every 403 on a farm-scoped route of an existing farm is in the farmer's access log, at a bounded cost. */
describe('every refusal of a farm on record', () => {
  let t: TestApp;
  const farmId = 'nl-drenthe-0001';
  const base = `/farms/${farmId}/years/2025`;
  let as: Record<'farmer' | 'neighbour' | 'payer' | 'analyst' | 'wur' | 'nvwa', string>;
  const denials = async (id = farmId) => (await t.runtime.store.readStream(streams.accessDenials(id))).map((e) => e.data as Refusal);
  const refusals = async () =>
    ((await t.http().get(`/farms/${farmId}/access-log?limit=100`).set('authorization', as.farmer).expect(200)).body.items as Refusal[]).filter((e) => e.kind === 'refusal');

  beforeAll(async () => {
    t = await startTestApp({ now: '2025-09-01T08:00:00.000Z' });
    as = {
      farmer: t.token('boer-jansen', 'farmer'),
      neighbour: t.token('boer-de-vries', 'farmer'),
      payer: t.token('rvo', 'payer'),
      analyst: t.token('pbl', 'policy_analyst'),
      wur: t.token('wur', 'calculator'),
      nvwa: t.token('nvwa-1', 'regulator'),
    };
    await t.http().post('/farms').set('authorization', as.farmer).send(demoFarm(farmId)).expect(201);
  });
  afterAll(async () => t.close());

  it("records another farmer's attempt (refused by the farm access check)", async () => {
    t.clock.set('2025-09-02T08:00:00.000Z');
    expect((await t.http().get(`${base}/balance`).set('authorization', as.neighbour).expect(403)).body.code).toBe('NOT_YOUR_FARM');
    expect((await refusals())[0]).toMatchObject({ actorId: 'boer-de-vries', actorRole: 'farmer', action: 'read', code: 'NOT_YOUR_FARM', resource: 'balance', year: 2025, at: '2025-09-02T08:00:00.000Z' });
  });

  it('records role refusals the route gives before any handler runs: a payer on a balance, an analyst on a farm, a calculator on the access log', async () => {
    t.clock.set('2025-09-03T08:00:00.000Z');
    expect((await t.http().get(`${base}/balance`).set('authorization', as.payer).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
    expect((await t.http().get(`/farms/${farmId}`).set('authorization', as.analyst).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
    expect((await t.http().get(`/farms/${farmId}/access-log`).set('authorization', as.wur).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
    expect(await refusals()).toEqual(expect.arrayContaining([
      expect.objectContaining({ actorId: 'rvo', actorRole: 'payer', action: 'read', code: 'ROLE_NOT_ALLOWED', resource: 'balance', year: 2025 }),
      expect.objectContaining({ actorId: 'pbl', actorRole: 'policy_analyst', action: 'read', code: 'ROLE_NOT_ALLOWED', resource: 'farm' }),
      expect.objectContaining({ actorId: 'wur', actorRole: 'calculator', action: 'read', code: 'ROLE_NOT_ALLOWED', resource: 'access-log' }),
    ]));
  });

  it("records a refused change: the regulator's attempt to write, a calculator without authorisation, an analyst's grant", async () => {
    t.clock.set('2025-09-04T08:00:00.000Z');
    const grant = authorisation('machtiging-x', 'wur', 'calculator', ['klw']);
    expect((await t.http().post(`/farms/${farmId}/authorisations`).set('authorization', as.nvwa).send(grant).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
    expect((await t.http().post(`/farms/${farmId}/authorisations`).set('authorization', as.analyst).send(grant).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
    expect((await t.http().get(`${base}/findings`).set('authorization', as.wur).expect(403)).body.code).toBe('NO_VALID_AUTHORISATION');
    const latest = (await refusals()).filter((r) => r.at === '2025-09-04T08:00:00.000Z');
    expect(latest).toEqual(expect.arrayContaining([
      expect.objectContaining({ actorId: 'nvwa-1', actorRole: 'regulator', action: 'manage', resource: 'authorisations' }),
      expect.objectContaining({ actorId: 'pbl', action: 'manage', resource: 'authorisations' }),
      expect.objectContaining({ actorId: 'wur', action: 'read', code: 'NO_VALID_AUTHORISATION', resource: 'findings', year: 2025 }),
    ]));
    expect(latest).toHaveLength(3);
  });

  it('records nothing for a farm that does not exist: no stream for a guessed id', async () => {
    const before = await t.eventCount();
    for (const token of [as.payer, as.analyst, as.neighbour, as.wur]) {
      await t.http().get('/farms/nl-guessed-0404/years/2025/balance').set('authorization', token).expect(403);
      await t.http().get('/farms/nl-guessed-0404').set('authorization', token).expect(403);
    }
    expect(await denials('nl-guessed-0404')).toEqual([]);
    expect(await t.eventCount()).toBe(before);
  });

  it('bounds a hostile client: the same refusal at most once a minute, a different one or a later minute recorded again', async () => {
    t.clock.set('2025-09-05T08:00:00.000Z');
    const before = (await denials()).length;
    for (let i = 0; i < 25; i++) await t.http().get(`${base}/balance`).set('authorization', as.payer).expect(403);
    for (let i = 0; i < 25; i++) await t.http().get(`${base}/balance`).set('authorization', as.neighbour).expect(403);
    expect((await denials()).length).toBe(before + 2);
    // Another resource is another attempt; another year of the same resource is not (years in the path are the client's to vary).
    await t.http().get(`${base}/findings`).set('authorization', as.payer).expect(403);
    for (const year of [2024, 2023, 2100, 9999]) await t.http().get(`/farms/${farmId}/years/${year}/balance`).set('authorization', as.payer).expect(403);
    expect((await denials()).length).toBe(before + 3);
    t.clock.set('2025-09-05T08:00:59.999Z');
    await t.http().get(`${base}/balance`).set('authorization', as.payer).expect(403);
    expect((await denials()).length).toBe(before + 3);
    t.clock.set('2025-09-05T08:01:00.000Z');
    await t.http().get(`${base}/balance`).set('authorization', as.payer).expect(403);
    expect((await denials()).slice(before + 3)).toEqual([expect.objectContaining({ actorId: 'rvo', resource: 'balance', year: 2025, attemptedAt: '2025-09-05T08:01:00.000Z' })]);
  });
  it('bounds one actor over many farms: at most a budget of refusal records a minute, and made-up ids take no place in it', async () => {
    t.clock.set('2025-09-06T08:00:00.000Z');
    const owner = t.token('boer-veel', 'farmer');
    const farms = Array.from({ length: REFUSAL_RECORDS_PER_ACTOR + 5 }, (_, i) => `nl-drenthe-${String(7000 + i).padStart(4, '0')}`);
    for (const id of farms) await t.http().post('/farms').set('authorization', owner).send(demoFarm(id)).expect(201);
    const prober = t.token('boer-nieuwsgierig', 'farmer');
    // Made-up ids first: refused alike, recorded nowhere, and they do not spend the budget.
    for (let i = 0; i < 10; i++) await t.http().get(`/farms/nl-verzonnen-${i}/years/2025/balance`).set('authorization', prober).expect(403);
    for (const id of farms) await t.http().get(`/farms/${id}/years/2025/balance`).set('authorization', prober).expect(403);
    const recorded = (await Promise.all(farms.map((id) => denials(id)))).flat().filter((d) => d.actorId === 'boer-nieuwsgierig');
    expect(recorded).toHaveLength(REFUSAL_RECORDS_PER_ACTOR);
    expect(await t.runtime.store.readStream(streams.accessDenials('nl-verzonnen-0'))).toEqual([]);
    // The next minute the budget is there again.
    t.clock.set('2025-09-06T08:01:00.000Z');
    await t.http().get(`/farms/${farms[farms.length - 1]}/years/2025/balance`).set('authorization', prober).expect(403);
    expect((await denials(farms[farms.length - 1])).filter((d) => d.actorId === 'boer-nieuwsgierig')).toHaveLength(1);
  });
});
