import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drenthe2025NormSet, minas2003, streams } from '@asb/domain';
import { WhatIfService } from '@asb/ledger';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { prepareFarm, type SchemeCase } from '../../../test/support/scheme-flow';
import { examplesDir } from '../../../test/support/shared-dir';
import { renderInChromium } from '../../../test/support/chromium';
import { RedisServer } from '../../../test/support/redis-server';
import { newEvent } from '../../../test/support/new-event';

/** A scenario touching a scheme, a levy and the balance parameters, by named paths, over one year. */
const scenario = (extra: object = {}) => ({
  name: 'grassland thresholds +10, MINAS grassland +10, milk protein factor 6.25',
  years: { from: 2025, to: 2025 },
  drafts: [
    { normSetId: 'drenthe-2025', changes: ['90', '115', '140', '165'].map((value, i) => ({ path: `kpis[nSoilSurplus].landUses.grassland.tiers[${i + 1}].threshold`, value })) },
    { normSetId: 'minas-2003', changes: [{ path: 'components[n-surplus].levyFreeLevelByLandUse.grassland', value: '190' }] },
    { normSetId: 'balance-parameters', changes: [{ path: 'milkProteinToNitrogenFactor', value: '6.25' }] },
  ],
  ...extra,
});

/**
 * Every shipped example becomes a farm with a calculated 2025 score; half of them also deliver milk
 * and concentrates (so the balance has flows) and get a MINAS assessment: the official record.
 */
const seedRecord = async (t: TestApp) => {
  const cases = readdirSync(examplesDir()).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json')).sort();
  const wur = t.token('wur', 'calculator');
  for (const [i, file] of cases.entries()) {
    const c: SchemeCase = JSON.parse(readFileSync(join(examplesDir(), file), 'utf8'));
    await prepareFarm(t, c);
    await t.http().post(`/farms/${c.farmId}/years/2025/scores/drenthe-2025/calculation`).set('authorization', wur).send({}).expect(200);
    if (i % 2 === 0) {
      await t.http()
        .post(`/farms/${c.farmId}/years/2025/submissions`)
        .set('authorization', wur)
        .send({ submissionId: 'klw-flows-2025', source: 'klw', model: 'KringloopWijzer', modelVersion: '2025.01', sourceDocumentId: `KLW-FLOWS-${c.farmId}`, flows: [{ kind: 'concentrates', kgProduct: 280_000, nContentGPerKg: 28, p2o5ContentGPerKg: 9, quality: 'registered' }, { kind: 'milk', kgProduct: 900_000 + i * 10_000, proteinPct: 3.4, fatPct: 4.4, quality: 'measured' }] })
        .expect(201);
      await t.http().post(`/farms/${c.farmId}/years/2025/levies/minas-2003/assessment`).set('authorization', t.token('lnv', 'norm_authority')).expect(200);
    }
  }
  return cases.length;
};

const waitForRun = async (t: TestApp, runId: string, token: string) => {
  for (let i = 0; i < 400; i++) {
    const s = await t.http().get(`/what-if/runs/${runId}`).set('authorization', token).expect(200);
    if (s.body.state === 'completed' || s.body.state === 'failed') return s.body;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('what-if did not finish');
};

const post = (t: TestApp, url: string, token: string, body?: object) => t.http().post(url).set('authorization', token).set('idempotency-key', randomUUID()).send(body);

describe('policy what-if over HTTP (embedded store, in-process jobs)', () => {
  let t: TestApp;
  let farms: number;
  let analyst: string;
  beforeAll(async () => {
    // The evaluation's figures are what this suite checks: groups of one are shown. Suppression on small
    // populations has its own tests (what-if-report-small-populations.spec.ts, and the API surface's run over 2 farm-years).
    t = await startTestApp({ now: '2025-09-15T08:00:00.000Z', env: { ANALYTICS_MIN_GROUP_SIZE: '1' } });
    farms = await seedRecord(t);
    analyst = t.token('pbl', 'policy_analyst');
  });
  afterAll(async () => t.close());

  const saveAndRun = async (body: object) => {
    const saved = await post(t, '/what-if/scenarios', analyst, body).expect(201);
    const run = await post(t, `/what-if/scenarios/${saved.body.scenarioId}/runs`, analyst).expect(202);
    const done = await waitForRun(t, run.body.runId, analyst);
    expect(done.state).toBe('completed');
    return { scenarioId: saved.body.scenarioId as string, runId: run.body.runId as string, status: done };
  };

  it('saves a scenario over three kinds, runs it with progress, and writes only to its own stream', async () => {
    const before = await t.runtime.store.readAll();
    await t.http().post('/what-if/scenarios').set('idempotency-key', randomUUID()).send(scenario()).expect(401);
    await post(t, '/what-if/scenarios', t.token('boer', 'farmer'), scenario()).expect(403);
    const { runId, status } = await saveAndRun(scenario());
    expect(status.progress).toMatchObject({ done: farms, total: farms, message: 'farm-years computed' });

    const report = (await t.http().get(`/what-if/runs/${runId}/report`).set('authorization', analyst).expect(200)).body;
    expect(report.counts).toMatchObject({ farmYears: farms, withOfficialResult: farms, withoutOfficialResult: 0 });
    const total = (m: string) => report.totals.find((x: { measure: string }) => x.measure === m);
    expect(total('subsidyCents').delta).toBeGreaterThan(0); // easier grassland targets pay more
    expect(total('levyCents').delta).toBeLessThan(0); // a higher levy-free level charges less
    // A lower protein factor takes more N off the farm with the milk: the surplus falls, in kg N.
    expect(total('nSurplusKg')).toMatchObject({ unit: 'kg N' });
    expect(total('nSurplusKg').delta).toBeLessThan(0);
    expect(total('nh3Kg').official).toBeGreaterThan(0);
    expect(total('co2eKg').unit).toBe('kg CO2-eq');
    expect(report.changes).toEqual(expect.arrayContaining([expect.objectContaining({ normSetId: 'drenthe-2025', year: 2025, baseVersion: 1, path: 'kpis[nSoilSurplus].landUses.grassland.tiers[1].threshold', from: '80', to: '90' })]));
    expect(report.parts.find((p: { part: string }) => p.part === 'drenthe-2025/nSoilSurplus').farmYearsChanged).toBeGreaterThan(0);
    // Easier grassland targets move farm-years to a better tier, never a worse one; the counts per tier add up.
    const grassland = report.tiers.find((x: { part: string }) => x.part === 'drenthe-2025/nSoilSurplus.grassland');
    expect(grassland).toMatchObject({ farmYearsWorse: 0 });
    expect(grassland.farmYearsBetter).toBeGreaterThan(0);
    const sumOf = (k: 'official' | 'hypothetical') => grassland.byTier.reduce((a: number, b: Record<string, number>) => a + b[k], 0);
    expect(sumOf('hypothetical')).toBe(sumOf('official'));
    expect(report.budget).toEqual([expect.objectContaining({ scheme: 'drenthe-2025', year: 2025, ceilingCents: 780_000_000, reservedCents: expect.any(Number), reservedSharePct: expect.any(String) })]);
    // Farms appear under pseudonyms only; groups below the minimum size show no figures.
    const text = JSON.stringify(report);
    expect(text).not.toMatch(/example-\d\d/);
    expect(report.farms[0].farm).toMatch(/^p-[0-9a-f]{16}$/);
    for (const cells of Object.values(report.groups) as Array<Array<{ farmYears: number | null; figures: unknown; suppressed: boolean }>>) {
      for (const c of cells) if (c.farmYears !== null) expect(c.farmYears).toBeGreaterThanOrEqual(report.minGroupSize);
      expect(cells.filter((c) => c.suppressed).length).not.toBe(1);
    }

    // Nothing of the official record was touched: every new event is in a what-if stream.
    const after = await t.runtime.store.readAll();
    expect(after.slice(0, before.length).map((e) => e.hash)).toEqual(before.map((e) => e.hash));
    expect(after.slice(before.length).map((e) => e.streamId.split('-sc-')[0])).toEqual(['what-if-scenario', 'what-if-scenario', 'what-if-scenario']);
    expect(after.slice(before.length).map((e) => e.type)).toEqual(['WhatIfScenarioDrafted', 'WhatIfRunRequested', 'WhatIfRunCompleted']);
  });

  it('gives the same scenario on the same record the same report, byte for byte, with seeded samples', async () => {
    const sampled = scenario({ name: 'sampled within the margins', uncertainty: { samples: 8, seed: 7 } });
    // The first run reads the whole log (no snapshot, no inputs held); the second resumes the inputs the
    // first saved (D60); the third those the second held in memory (D65); the fourth those warmed (D71).
    const snapshot = join(t.runtime.config.dataDir, 'what-if', 'inputs.v8');
    rmSync(snapshot, { force: true });
    t.get(WhatIfService).releaseInputs();
    const one = await saveAndRun(sampled);
    expect(existsSync(snapshot)).toBe(true);
    t.get(WhatIfService).releaseInputs();
    const two = await saveAndRun(sampled);
    const three = await saveAndRun(sampled);
    // The fourth in a process that warmed its inputs and evaluated the official side in advance (D71).
    t.get(WhatIfService).releaseInputs();
    await t.get(WhatIfService).warmInputs();
    const four = await saveAndRun(sampled);
    expect(two.runId).not.toBe(one.runId); // another run: the log has the first one's events since
    const a = (await t.http().get(`/what-if/runs/${one.runId}/report`).set('authorization', analyst).expect(200)).text;
    const b = (await t.http().get(`/what-if/runs/${two.runId}/report`).set('authorization', analyst).expect(200)).text;
    const c = (await t.http().get(`/what-if/runs/${three.runId}/report`).set('authorization', analyst).expect(200)).text;
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect((await t.http().get(`/what-if/runs/${four.runId}/report`).set('authorization', analyst).expect(200)).text).toBe(a);
    const report = JSON.parse(a);
    expect(report.counts.samples).toBe(8);
    const subsidy = report.totals.find((x: { measure: string }) => x.measure === 'subsidyCents');
    expect(subsidy.interval.low).toBeLessThanOrEqual(subsidy.interval.high);
    expect(report.counts.farmYearsChangingWithinMargin).toBeGreaterThan(0);
    // The recorded digests agree too.
    const reopened = (await t.http().get(`/what-if/scenarios/${two.scenarioId}`).set('authorization', analyst).expect(200)).body;
    expect(reopened.runs).toEqual([expect.objectContaining({ runId: two.runId, reportSha256: expect.stringMatching(/^[0-9a-f]{64}$/), summary: expect.objectContaining({ farmYears: farms }) })]);
    // A seed a double cannot hold exactly would be another seed: refused naming it, nothing saved.
    const tooLarge = await post(t, '/what-if/scenarios', analyst, scenario({ uncertainty: { samples: 8, seed: 2 ** 53 + 2 } })).expect(400);
    expect(tooLarge.body.field).toBe('uncertainty.seed');
    // Another seed draws other samples.
    const other = await saveAndRun(scenario({ name: 'sampled within the margins', uncertainty: { samples: 8, seed: 8 } }));
    expect((await t.http().get(`/what-if/runs/${other.runId}/report`).set('authorization', analyst).expect(200)).text).not.toBe(a);
  });

  it('lists scenarios a page at a time, compares runs and the official record, and serves CSV and HTML', async () => {
    const { runId: a } = await saveAndRun(scenario({ name: 'scheme only', drafts: [scenario().drafts[0]] }));
    const { runId: b } = await saveAndRun(scenario({ name: 'levy only', drafts: [scenario().drafts[1]] }));
    const first = await t.http().get('/what-if/scenarios?limit=1').set('authorization', analyst).expect(200);
    expect(first.body.items).toHaveLength(1);
    const second = await t.http().get(`/what-if/scenarios?limit=1&cursor=${first.body.nextCursor}`).set('authorization', analyst).expect(200);
    expect(second.body.items[0].scenarioId > first.body.items[0].scenarioId).toBe(true);
    await t.http().get('/what-if/scenarios?cursor=not%20a%20cursor').set('authorization', analyst).expect(400);
    await t.http().get('/what-if/scenarios/sc-00000000000000000000').set('authorization', analyst).expect(404);

    const pair = (await t.http().get(`/what-if/comparison?a=${a}&b=${b}`).set('authorization', analyst).expect(200)).body;
    expect(pair.b.name).toBe('levy only');
    expect(pair.measures.find((m: { measure: string }) => m.measure === 'subsidyCents').difference).toBeGreaterThan(0);
    const official = (await t.http().get(`/what-if/comparison?a=${b}`).set('authorization', analyst).expect(200)).body;
    expect(official.b.name).toBe('official record');
    expect(official.measures.find((m: { measure: string }) => m.measure === 'subsidyCents').difference).toBe(0);
    await t.http().get(`/what-if/comparison?a=run-000000000000000000000000`).set('authorization', analyst).expect(404);

    const csv = await t.http().get(`/what-if/runs/${a}/report.csv`).set('authorization', analyst).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\n')[0]).toBe('section,key,unit,official,scenario,change,interval_low,interval_high,farm_years');
    expect(csv.text).toMatch(/^total,nSurplusKg,kg N,/m);

    const html = await t.http().get(`/what-if/runs/${a}/report.html`).set('authorization', t.token('nvwa', 'regulator')).expect(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    const file = join(t.dataDir, 'report.html');
    writeFileSync(file, html.text);
    const dom = renderInChromium(file);
    expect(dom).toContain('<title>What-if: scheme only</title>');
    expect(dom).toMatch(/<svg id="histogram"[^>]*aria-label="Number of farm-years by change in subsidy minus levy, in euro"/);
    expect(dom).toContain('change per farm-year in subsidy minus levy (euro)');
    expect(dom).toMatch(/<svg id="totals"[^>]*>.*axis: kg N, from 0/s);
  });

  it('refuses drafts it cannot compute honestly, naming the field, and writes nothing', async () => {
    const before = await t.eventCount();
    const refused = async (body: object, status: number, expected: object) => expect((await post(t, '/what-if/scenarios', analyst, body).expect(status)).body).toMatchObject(expected);
    await refused(scenario({ drafts: [{ normSetId: 'no-such-scheme', changes: [{ path: 'x', value: '1' }] }] }), 404, { code: 'NORM_SET_NOT_FOUND', field: 'drafts[0].normSetId' });
    await refused(scenario({ drafts: [{ normSetId: 'drenthe-2025', changes: [{ path: 'kpis.9.direction', value: 'atLeast' }] }] }), 400, { code: 'INDEX_PATH', field: 'drafts[0].changes[0].path' });
    await refused(scenario({ drafts: [{ normSetId: 'drenthe-2025', changes: [{ path: 'kpis[nSoilSurplus].landUses.grassland.tiers[2].threshold', value: '10' }] }] }), 400, { code: 'NON_MONOTONE_TIERS', field: 'drafts[0].kpis[nSoilSurplus].landUses.grassland.tiers[2].threshold' });
    // D46: a what-if recomputes the recorded values; another source would change nothing it computes.
    await refused(scenario({ drafts: [{ normSetId: 'drenthe-2025', changes: [{ path: 'kpis[cropRotation].sources', value: ['klw'] }] }] }), 400, { code: 'NOT_RECOMPUTABLE', field: 'drafts[0].changes' });
    await refused(scenario({ drafts: [{ normSetId: 'balance-parameters', changes: [{ path: 'landUseSourcePrecedence', value: ['gecombineerde-opgave'] }] }] }), 400, { code: 'NOT_RECOMPUTABLE', field: 'drafts[0].changes' });
    await refused(scenario({ drafts: [{ normSetId: 'equivalente-maatregelen-2017', changes: [{ path: 'monitoringFeeCents', value: 1 }] }] }), 400, { code: 'NOT_RECOMPUTABLE', field: 'drafts[0].normSetId' });
    await refused(scenario({ years: { from: 2025, to: 2024 } }), 400, { field: 'years.to' });
    expect(await t.eventCount()).toBe(before);
    await post(t, '/what-if/scenarios/sc-00000000000000000000/runs', analyst).expect(404);
    await t.http().get('/what-if/runs/run-000000000000000000000000').set('authorization', analyst).expect(404);
  });

  it("replaces weak figures by a default (action 12's simplification) as a scenario of its own", async () => {
    const { runId } = await saveAndRun({ name: 'NH3 of calculated quality replaced by 40 kg/ha', years: { from: 2025, to: 2025 }, drafts: [], simplifications: [{ indicator: 'nh3KgHa', qualities: ['calculated', 'self-declared'], value: 40 }] });
    const report = (await t.http().get(`/what-if/runs/${runId}/report`).set('authorization', analyst).expect(200)).body;
    const nh3 = report.totals.find((x: { measure: string }) => x.measure === 'nh3Kg');
    expect(nh3.hypothetical).not.toBe(nh3.official);
    expect(report.changes).toEqual([]);
  });

  it('includes farm-years without an official result, computed under the governing versions and counted separately', async () => {
    const c: SchemeCase = JSON.parse(readFileSync(join(examplesDir(), 'example-00.json'), 'utf8'));
    await prepareFarm(t, { ...c, farmId: 'no-score-yet' });
    const { runId } = await saveAndRun(scenario({ name: 'with a farm-year not yet scored' }));
    const report = (await t.http().get(`/what-if/runs/${runId}/report`).set('authorization', analyst).expect(200)).body;
    expect(report.counts).toMatchObject({ farmYears: farms + 1, withOfficialResult: farms, withoutOfficialResult: 1 });
    const unscored = report.farms.filter((f: { recorded: boolean }) => !f.recorded);
    expect(unscored).toHaveLength(1);
    expect(unscored[0].officialSubsidyCents).toBeGreaterThan(0); // computed under the governing version from its submitted indicators
    expect(unscored[0].farm).toMatch(/^p-[0-9a-f]{16}$/);
  });
});

describe('a what-if over a norm set published before norm sets had to name themselves (D82)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ now: '2025-09-15T08:00:00.000Z' })));
  afterAll(async () => t.close());

  it.each([
    ['a scheme', { ...drenthe2025NormSet, normSetId: 'drenthe-copy' }, 'kpis[nSoilSurplus].landUses.grassland.tiers[2].threshold', '120', 'scheme', 'drenthe-2025'],
    ['a levy', { ...minas2003, normSetId: 'minas-copy' }, 'components[n-surplus].levyFreeLevelByLandUse.grassland', '190', 'levyId', 'minas-2003'],
  ])('over %s that names another inside is refused at drafts[i].normSetId, saying why, and writes nothing', async (_, document, path, value, parameter, names) => {
    // As recorded before D82: publishing it now is refused, so it is appended as the log holds it.
    await t.runtime.store.append(streams.normSet(document.normSetId), [newEvent('NormSetPublished', { document, publishedAt: '2025-01-02T00:00:00.000Z', publishedBy: 'provincie-drenthe' })], 'no_stream');
    const before = await t.eventCount();
    const body = { name: 'misnamed', years: { from: 2025, to: 2025 }, drafts: [{ normSetId: 'drenthe-2025', changes: [{ path: 'kpis[nSoilSurplus].landUses.grassland.tiers[2].threshold', value: '120' }] }, { normSetId: document.normSetId, changes: [{ path, value }] }] };
    const refused = await post(t, '/what-if/scenarios', t.token('pbl', 'policy_analyst'), body).expect(400);
    expect(refused.body).toMatchObject({ statusCode: 400, code: 'MISNAMED_NORM_SET', field: 'drafts[1].normSetId' });
    expect(refused.body.message).toContain(`norm set ${document.normSetId} (version 1) names ${names} inside (parameters.${parameter}): published before a norm set had to name itself`);
    expect(await t.eventCount()).toBe(before);
  });
});

describe('policy what-if on BullMQ with a real Redis', () => {
  const redis = new RedisServer();
  let t: TestApp;
  beforeAll(async () => {
    await redis.start();
    t = await startTestApp({ now: '2025-09-15T08:00:00.000Z', env: { REDIS_URL: redis.url }, processJobs: true });
    await seedRecord(t);
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('runs the recomputation as a BullMQ job with progress and serves its report', async () => {
    expect(t.runtime.jobs.kind).toBe('bullmq');
    const analyst = t.token('pbl', 'policy_analyst');
    const saved = await post(t, '/what-if/scenarios', analyst, scenario()).expect(201);
    const { runId } = (await post(t, `/what-if/scenarios/${saved.body.scenarioId}/runs`, analyst).expect(202)).body;
    const done = await waitForRun(t, runId, analyst);
    expect(done.state).toBe('completed');
    const report = (await t.http().get(`/what-if/runs/${runId}/report`).set('authorization', analyst).expect(200)).body;
    expect(report.counts.farmYears).toBe(20);
  });
});

describe('the process that runs what-if jobs loads their inputs when it starts (D71)', () => {
  const snapshotOf = (t: TestApp) => join(t.dataDir, 'what-if', 'inputs.v8');
  const appears = async (path: string) => {
    for (let i = 0; i < 400 && !existsSync(path); i++) await new Promise((r) => setTimeout(r, 25));
    return existsSync(path);
  };

  it('warm (the default): the inputs are folded in the background at start, so the snapshot is written before any run', async () => {
    const t = await startTestApp({ now: '2025-09-15T08:00:00.000Z' });
    try {
      expect(t.runtime.config.whatIfInputs).toBe('warm');
      // The shipped norm sets are on the log: the warm-up folded them and saved the fold.
      expect(await appears(snapshotOf(t))).toBe(true);
      // The process that warms evaluates on WHAT_IF_THREADS (D74; from TypeScript sources no worker is started).
      expect(t.get(WhatIfService).shards.threads).toBe(t.runtime.config.whatIfThreads);
    } finally {
      await t.close();
    }
  });

  it('on demand: nothing is loaded until a run asks for it', async () => {
    const t = await startTestApp({ now: '2025-09-15T08:00:00.000Z', env: { WHAT_IF_INPUTS: 'on-demand' } });
    try {
      // Well past the time the warm-up above takes on this log: no process loaded anything.
      await new Promise((r) => setTimeout(r, 1000));
      expect(existsSync(snapshotOf(t))).toBe(false);
      expect(t.get(WhatIfService).shards.threads).toBe(1);
    } finally {
      await t.close();
    }
  });
});
