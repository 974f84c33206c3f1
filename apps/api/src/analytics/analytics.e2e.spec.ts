import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { authorisation, demoFarm, klwSubmission } from '../demo/demo-fixtures';

/**
 * Small-count suppression in /analytics (D54): with a minimum group size of 2, the two Drenthe farms
 * are a group, the one Groningen farm and the one Friesland farm are not — their provinces are
 * withheld from their rows and from the groups (together they are two: no count by subtraction);
 * below the minimum overall nothing is shown, not even the count.
 */
describe('GET /analytics/balances: no group smaller than the minimum is shown', () => {
  let t: TestApp;
  let small: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2025-09-01T08:00:00.000Z', env: { ANALYTICS_MIN_GROUP_SIZE: '2' } });
    small = await startTestApp({ now: '2025-09-01T08:00:00.000Z' });
    const seed = async (app: TestApp, farmId: string, province: string) => {
      const farmer = app.token(`boer-${farmId}`, 'farmer');
      await app.http().post('/farms').set('authorization', farmer).send({ ...demoFarm(farmId), province }).expect(201);
      await app.http().post(`/farms/${farmId}/authorisations`).set('authorization', farmer).send(authorisation('machtiging-wur', 'wur', 'calculator', ['klw'])).expect(201);
      await app.http().post(`/farms/${farmId}/years/2025/submissions`).set('authorization', app.token('wur', 'calculator')).send(klwSubmission(`klw-${farmId}`, 952_000, 250_000)).expect(201);
    };
    await seed(t, 'nl-drenthe-0001', 'Drenthe');
    await seed(t, 'nl-drenthe-0002', 'Drenthe');
    await seed(t, 'nl-groningen-0001', 'Groningen');
    await seed(t, 'nl-friesland-0001', 'Friesland');
    await seed(small, 'nl-drenthe-0001', 'Drenthe');
  });
  afterAll(async () => {
    await t?.close();
    await small?.close();
  });

  it('shows the group that reaches the minimum and withholds the smaller one, province and all', async () => {
    const res = await t.http().get('/analytics/balances?year=2025').set('authorization', t.token('pbl', 'policy_analyst')).expect(200);
    expect(res.body).toMatchObject({ year: 2025, minimumGroupSize: 2, farms: 4, suppressedGroups: 2 });
    expect(res.body.groups).toEqual([expect.objectContaining({ province: 'Drenthe', farms: 2 })]);
    expect(res.body.rows.map((r: { province: string | null }) => r.province).sort()).toEqual(['Drenthe', 'Drenthe', null, null]);
    expect(res.text).not.toMatch(/Groningen|Friesland/);
    expect(res.text).not.toContain('nl-drenthe-0001');
  });

  it('shows nothing, not even the count, below the default minimum of 10', async () => {
    const res = await small.http().get('/analytics/balances?year=2025').set('authorization', small.token('nvwa-auditor', 'regulator')).expect(200);
    expect(res.body).toEqual({ year: 2025, minimumGroupSize: 10, farms: null, rows: [], groups: [], suppressedGroups: 1 });
  });

  it('refuses a farmer (403) and a caller without a token (401)', async () => {
    await t.http().get('/analytics/balances?year=2025').set('authorization', t.token('boer-nl-drenthe-0001', 'farmer')).expect(403);
    const anonymous = await t.http().get('/analytics/balances?year=2025').expect(401);
    expect(anonymous.body.code).toBeDefined();
  });
});
