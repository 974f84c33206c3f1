import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drenthe2025NormSet } from '@asb/domain';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { prepareFarm, type SchemeCase } from '../../../test/support/scheme-flow';
import { examplesDir } from '../../../test/support/shared-dir';
import { renderInChromium } from '../../../test/support/chromium';
import { RedisServer } from '../../../test/support/redis-server';

const soil = drenthe2025NormSet.parameters.kpis.findIndex((k) => k.id === 'nSoilSurplus');
const scenario = {
  name: 'grassland soil-surplus thresholds +10',
  normSetId: 'drenthe-2025',
  year: 2025,
  changes: ['90', '115', '140', '165'].map((value, i) => ({ path: `kpis.${soil}.landUses.grassland.tiers.${i}.threshold`, value })),
};

/** Every shipped example becomes a farm with a calculated 2025 score: the official record to compare against. */
const seedScores = async (t: TestApp) => {
  const cases = readdirSync(examplesDir()).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'));
  for (const file of cases) {
    const c: SchemeCase = JSON.parse(readFileSync(join(examplesDir(), file), 'utf8'));
    await prepareFarm(t, c);
    await t.http().post(`/farms/${c.farmId}/years/2025/scores/drenthe-2025/calculation`).set('authorization', t.token('wur', 'calculator')).send({}).expect(200);
  }
  return cases.length;
};

const waitForJob = async (t: TestApp, jobId: string, token: string) => {
  for (let i = 0; i < 200; i++) {
    const s = await t.http().get(`/what-if/${jobId}`).set('authorization', token).expect(200);
    if (s.body.state === 'completed' || s.body.state === 'failed') return s.body;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('what-if did not finish');
};

const logFingerprint = async (t: TestApp) => {
  const all = await t.runtime.store.readAll();
  return { count: all.length, last: all.at(-1)?.hash };
};

describe('policy what-if over HTTP (embedded store, in-process jobs)', () => {
  let t: TestApp;
  let farms: number;
  beforeAll(async () => {
    t = await startTestApp({ now: '2025-09-15T08:00:00.000Z' });
    farms = await seedScores(t);
  });
  afterAll(async () => t.close());

  it('recomputes every farm-year in a background job with progress, never touching the official record', async () => {
    const analyst = t.token('pbl', 'policy_analyst');
    const before = await logFingerprint(t);
    await t.http().post('/what-if').set('authorization', t.token('boer', 'farmer')).send(scenario).expect(403);
    const started = await t.http().post('/what-if').set('authorization', analyst).send(scenario).expect(201);
    const done = await waitForJob(t, started.body.jobId, analyst);
    expect(done).toMatchObject({ state: 'completed', progress: { done: farms, total: farms } });

    const report = (await t.http().get(`/what-if/${started.body.jobId}/report`).set('authorization', analyst).expect(200)).body;
    expect(report.totals.farms).toBe(farms);
    expect(report.totals.farmsChangingTier).toBeGreaterThan(0);
    expect(report.totals.deltaCents).toBeGreaterThan(0); // easier targets pay more
    expect(report.parts.find((p: { part: string }) => p.part === 'nSoilSurplus').deltaCents).toBe(report.totals.deltaCents - report.parts.filter((p: { part: string }) => p.part !== 'nSoilSurplus').reduce((a: number, p: { deltaCents: number }) => a + p.deltaCents, 0));
    expect(report.budget).toMatchObject({ ceilingCents: 780_000_000 });
    // Farms appear under pseudonyms only.
    const text = JSON.stringify(report);
    expect(text).not.toMatch(/example-\d\d/);
    expect(report.farms[0].farm).toMatch(/^p-[0-9a-f]{16}$/);

    expect(await logFingerprint(t)).toEqual(before);

    // The same scenario on the same log: the same job, and a byte-identical report when computed again.
    const again = await t.http().post('/what-if').set('authorization', analyst).send(scenario).expect(201);
    expect(again.body).toEqual({ jobId: started.body.jobId, created: false });
    const one = JSON.stringify(await t.runtime.whatIf.run(scenario, 'repeat-1'));
    const two = JSON.stringify(await t.runtime.whatIf.run(scenario, 'repeat-2'));
    expect(one).toBe(two);
    expect(one).toBe(JSON.stringify(report));
  });

  it('refuses a scenario that makes the norm set invalid', async () => {
    const res = await t.http()
      .post('/what-if')
      .set('authorization', t.token('pbl', 'policy_analyst'))
      .send({ ...scenario, changes: [{ path: `kpis.${soil}.landUses.grassland.tiers.1.threshold`, value: '10' }] })
      .expect(400);
    expect(res.body.code).toBe('NON_MONOTONE_TIERS');
  });

  it('refuses an unknown norm set, and one that has nothing to recompute, naming the field', async () => {
    const analyst = t.token('pbl', 'policy_analyst');
    const unknown = await t.http().post('/what-if').set('authorization', analyst).send({ ...scenario, normSetId: 'no-such-scheme' }).expect(404);
    expect(unknown.body).toMatchObject({ code: 'NORM_SET_NOT_FOUND', field: 'normSetId' });
    const tolerances = await t.http().post('/what-if').set('authorization', analyst).send({ ...scenario, normSetId: 'check-tolerances', changes: [{ path: 'farmNSurplus.absoluteKgHa.warnAbove', value: '6' }] }).expect(400);
    expect(tolerances.body).toMatchObject({ code: 'NOT_RECOMPUTABLE', field: 'normSetId' });
    // D46: a what-if recomputes the recorded values; another source for a KPI would change nothing it computes.
    const sources = await t.http().post('/what-if').set('authorization', analyst).send({ ...scenario, changes: [{ path: 'kpis.7.sources', value: ['gecombineerde-opgave'] }] }).expect(400);
    expect(sources.body).toMatchObject({ code: 'NOT_RECOMPUTABLE', field: 'changes[0].path' });
  });

  it('renders the HTML report in headless Chromium with its charts', async () => {
    const analyst = t.token('pbl', 'policy_analyst');
    const { jobId } = (await t.http().post('/what-if').set('authorization', analyst).send(scenario).expect(201)).body;
    await waitForJob(t, jobId, analyst);
    const html = await t.http().get(`/what-if/${jobId}/report.html`).set('authorization', analyst).expect(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    const file = join(t.dataDir, 'report.html');
    writeFileSync(file, html.text);
    const dom = renderInChromium(file);
    expect(dom).toContain('<title>What-if: grassland soil-surplus thresholds +10</title>');
    expect(dom).toMatch(/<svg id="histogram"[^>]*>.*<rect/s);
    expect(dom).toMatch(/<svg id="budget"/);
  });
});

describe('policy what-if on BullMQ with a real Redis', () => {
  const redis = new RedisServer();
  let t: TestApp;
  beforeAll(async () => {
    await redis.start();
    t = await startTestApp({ now: '2025-09-15T08:00:00.000Z', env: { REDIS_URL: redis.url }, processJobs: true });
    await seedScores(t);
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('runs the recomputation as a BullMQ job with progress and serves its report', async () => {
    expect(t.runtime.jobs.kind).toBe('bullmq');
    const analyst = t.token('pbl', 'policy_analyst');
    const before = await logFingerprint(t);
    const { jobId } = (await t.http().post('/what-if').set('authorization', analyst).send(scenario).expect(201)).body;
    const done = await waitForJob(t, jobId, analyst);
    expect(done.state).toBe('completed');
    const report = (await t.http().get(`/what-if/${jobId}/report`).set('authorization', analyst).expect(200)).body;
    expect(report.totals.farms).toBe(20);
    expect(await logFingerprint(t)).toEqual(before);
  });
});
