import { jest } from '@jest/globals';
import { Subscribers } from '@asb/ledger/composition';
import type { StoredEvent } from '@asb/event-store';
import { CheckRunner, describeParked } from '@asb/ledger';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { newEvent } from '../../../test/support/new-event';
import { demoFarm, klwSubmission } from '../../../test/support/farm-fixtures';
import { prepareFarm, type SchemeCase } from '../../../test/support/scheme-flow';
import { examplesDir } from '../../../test/support/shared-dir';
import { readFileSync } from 'node:fs';

/**
 * Issue 11, part 4: one event with content no subscriber expected (here a flow whose N content is
 * null, put straight into the log past every validation) must not stop the ledger.
 */
describe('a poison event in the log', () => {
  let t: TestApp;
  let n = 0;
  const key = () => `poison-test-${++n}`;
  beforeAll(async () => (t = await startTestApp({ env: { READ_YOUR_WRITES_TIMEOUT_MS: '1500' } })));
  afterAll(async () => t.close());

  const register = (farmId: string, farmer: string) =>
    t.http().post('/farms').set('authorization', t.token(farmer, 'farmer')).set('idempotency-key', key()).send(demoFarm(farmId));
  const submit = (farmId: string, farmer: string, submissionId: string) =>
    t.http().post(`/farms/${farmId}/years/2025/submissions`).set('authorization', t.token(farmer, 'farmer')).set('idempotency-key', key()).send(klwSubmission(submissionId, 1_000_000, 300_000));

  /** A stored submission's data with one flow's N content null: what validation at the edge now refuses. */
  const poisonAfter = async (farmId: string) => {
    const stream = `balance-${farmId}-2025`;
    const [submitted] = await t.runtime.store.readStream(stream);
    const data = submitted.data as { submissionId: string; flows: Array<Record<string, unknown>> };
    const flows = data.flows.map((f, i) => (i === 0 ? { ...f, nContentGPerKg: null } : f));
    const poison = newEvent('BalanceDataSubmitted', { ...data, submissionId: 'klw-poison', flows }, { metadata: { actor: { id: `boer-${farmId}`, role: 'farmer' } } });
    await t.runtime.store.append(stream, [poison], submitted.revision);
    return poison;
  };

  it('does not stop the ledger: other farms’ writes are answered at once, read models follow, nothing is down', async () => {
    await register('nl-poison-0001', 'boer-poison').expect(201);
    await submit('nl-poison-0001', 'boer-poison', 'klw-1').expect(201);
    await poisonAfter('nl-poison-0001');

    for (const [farmId, farmer] of [['nl-clean-0001', 'boer-clean-1'], ['nl-clean-0002', 'boer-clean-2']]) {
      const started = Date.now();
      const registered = await register(farmId, farmer).expect(201);
      const submitted = await submit(farmId, farmer, 'klw-1').expect(201);
      expect(Date.now() - started).toBeLessThan(1500);
      for (const res of [registered, submitted]) expect(res.headers['asb-read-models-lag']).toBeUndefined();
      const balance = await t.http().get(`/farms/${farmId}/years/2025/balance`).set('authorization', t.token(farmer, 'farmer')).expect(200);
      expect(balance.body).toBeDefined();
    }
    const health = await t.http().get('/health').expect(200);
    expect(health.body.details.subscribers.status).toBe('up');
    expect(Object.values(health.body.details.subscribers.subscribers).every((s) => (s as { state: string }).state === 'running')).toBe(true);
  });

  it('parks an event a check cannot handle, shows it on /health and to the regulator, and refuses the list to a farmer', async () => {
    await register('nl-poison-0002', 'boer-poison-2').expect(201);
    await submit('nl-poison-0002', 'boer-poison-2', 'klw-1').expect(201);
    // Whatever the checks make of a null today, this one fails the way the measured one did.
    const checks = t.get(CheckRunner);
    const onEvent = checks.onEvent.bind(checks);
    let poisonId = '';
    const logged: string[] = [];
    const log = t.runtime.onSubscriberFailure;
    t.runtime.onSubscriberFailure = (failure) => {
      logged.push(describeParked(failure));
      log(failure);
    };
    const spy = jest.spyOn(checks, 'onEvent').mockImplementation(async (e: StoredEvent) => {
      if (e.id === poisonId) throw new Error('DecimalError: [DecimalError] Invalid argument: null');
      return onEvent(e);
    });
    try {
      const poison = newEvent('BalanceDataSubmitted', {});
      poisonId = poison.id;
      const [first] = await t.runtime.store.readStream('balance-nl-poison-0002-2025');
      const data = first.data as { flows: Array<Record<string, unknown>> };
      const append = await t.runtime.store.append('balance-nl-poison-0002-2025', [{ ...poison, data: { ...data, submissionId: 'klw-poison', flows: data.flows.map((f) => ({ ...f, nContentGPerKg: null })) } }], first.revision);

      const after = await register('nl-clean-0003', 'boer-clean-3').expect(201);
      expect(after.headers['asb-read-models-lag']).toBeUndefined();
      // The process logs it (Nest's logger at error level in the api): who, what, where, why.
      expect(logged).toEqual([expect.stringMatching(new RegExp(`^reactor:checks parked BalanceDataSubmitted balance-nl-poison-0002-2025@1 \\(position \\d+, event ${poison.id}\\) after 1 attempt\\(s\\): Error: DecimalError`))]);

      const health = await t.http().get('/health').expect(200);
      expect(health.body.details.subscribers).toMatchObject({ status: 'up', state: 'degraded' });
      expect(health.body.details.subscribers.parked).toBeGreaterThanOrEqual(1);
      const reactor = health.body.details.subscribers.subscribers['reactor:checks'];
      expect(reactor).toMatchObject({ state: 'running', parked: expect.any(Number) });
      expect(reactor.parked).toBeGreaterThanOrEqual(1);
      expect(reactor.lag).toBe(0);

      const list = await t.http().get('/audit/subscriber-failures').set('authorization', t.token('nvwa-1', 'regulator')).expect(200);
      expect(list.body.failures).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            subscriber: 'reactor:checks', eventId: poison.id, eventType: 'BalanceDataSubmitted', streamId: 'balance-nl-poison-0002-2025',
            position: append.positions[0], revision: first.revision + 1, attempts: 1, resolvedAt: null, error: expect.stringContaining('Invalid argument: null'),
          }),
        ]),
      );
      const page = await t.http().get('/audit/subscriber-failures?limit=1').set('authorization', t.token('nvwa-1', 'regulator')).expect(200);
      expect(page.body.failures).toHaveLength(1);
      expect(page.body.next).toBe(page.body.failures[0].id);
      await t.http().get('/audit/subscriber-failures?limit=100000').set('authorization', t.token('nvwa-1', 'regulator')).expect(400);
      const refused = await t.http().get('/audit/subscriber-failures').set('authorization', t.token('boer-poison-2', 'farmer')).expect(403);
      expect(refused.text).not.toContain(poison.id);
    } finally {
      spy.mockRestore();
      t.runtime.onSubscriberFailure = log;
    }
  });

  it('answers a write within the bound, with its body and lag headers, when a subscriber cannot keep up', async () => {
    const checks = t.get(CheckRunner);
    const onEvent = checks.onEvent.bind(checks);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const spy = jest.spyOn(checks, 'onEvent').mockImplementation(async (e: StoredEvent) => {
      if (e.type === 'FarmRegistered' && (e.data as { farmId: string }).farmId === 'nl-slow-0001') await held;
      return onEvent(e);
    });
    try {
      const started = Date.now();
      const res = await register('nl-slow-0001', 'boer-slow').expect(201);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(res.body).toMatchObject({ farmId: 'nl-slow-0001', events: [expect.objectContaining({ type: 'FarmRegistered' })] });
      expect(res.headers['asb-read-models-lag']).toBe('true');
      expect(Number(res.headers['asb-log-position'])).toBe(res.body.events[0].position);
    } finally {
      release();
      spy.mockRestore();
    }
    await t.get(Subscribers).caughtUp();
  });

  it('a restart on the same data directory does not wedge: the parked event is tried once more, then the ledger serves', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'asb-poison-restart-'));
    const env = { DATA_DIR: dataDir, READ_YOUR_WRITES_TIMEOUT_MS: '1500' };
    const onEvent = CheckRunner.prototype.onEvent;
    const tried: string[] = [];
    let poisonId = '';
    const spy = jest.spyOn(CheckRunner.prototype, 'onEvent').mockImplementation(async function (this: CheckRunner, e: StoredEvent) {
      if (e.id !== poisonId) return onEvent.call(this, e);
      tried.push(e.id);
      throw new Error('DecimalError: [DecimalError] Invalid argument: null');
    });
    try {
      let app = await startTestApp({ env });
      const farmer = app.token('boer-restart', 'farmer');
      await app.http().post('/farms').set('authorization', farmer).send(demoFarm('nl-restart-0001')).expect(201);
      const poison = newEvent('BalanceDataSubmitted', { farmId: 'nl-restart-0001', year: 2025, submissionId: 'klw-poison', flows: [{ kind: 'concentrates', kgProduct: 1, nContentGPerKg: null }] });
      poisonId = poison.id;
      await app.runtime.store.append('balance-nl-restart-0001-2025', [poison], 'no_stream');
      await app.get(Subscribers).caughtUp();
      expect(tried).toEqual([poison.id]);
      await app.close();

      const started = Date.now();
      app = await startTestApp({ env });
      expect(tried).toEqual([poison.id, poison.id]); // once more on start, not forever
      const res = await app.http().post('/farms').set('authorization', app.token('boer-restart-2', 'farmer')).send(demoFarm('nl-restart-0002')).expect(201);
      expect(res.headers['asb-read-models-lag']).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(10_000);
      const list = await app.http().get('/audit/subscriber-failures').set('authorization', app.token('nvwa-1', 'regulator')).expect(200);
      expect(list.body.failures).toEqual([expect.objectContaining({ eventId: poison.id, subscriber: 'reactor:checks', attempts: 2, resolvedAt: null })]);
      await app.close();
    } finally {
      spy.mockRestore();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a score whose data the checks could not check', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ now: '2025-12-01T08:00:00.000Z', env: { READ_YOUR_WRITES_TIMEOUT_MS: '1500' } })));
  afterAll(async () => t.close());

  it('is not forwarded unchecked: a parked submission of the farm-year holds forwarding up (CHECKS_FAILED)', async () => {
    const best: SchemeCase = { ...JSON.parse(readFileSync(join(examplesDir(), 'example-edge-best.json'), 'utf8')), farmId: 'nl-unchecked-0001', year: 2025 };
    const farmer = await prepareFarm(t, best);
    const checks = t.get(CheckRunner);
    const onEvent = checks.onEvent.bind(checks);
    const stream = 'balance-nl-unchecked-0001-2025';
    const poison = newEvent('BalanceDataSubmitted', {});
    const spy = jest.spyOn(checks, 'onEvent').mockImplementation(async (e: StoredEvent) => {
      if (e.id === poison.id) throw new Error('DecimalError: [DecimalError] Invalid argument: null');
      return onEvent(e);
    });
    try {
      const [first] = await t.runtime.store.readStream(stream);
      await t.runtime.store.append(stream, [{ ...poison, data: { ...(first.data as object), submissionId: 'klw-poison' } }], first.revision);
      await t.get(Subscribers).caughtUp();
      expect((await t.runtime.projectionStore.parked('reactor:checks')).map((f) => f.streamId)).toContain(stream);

      const wur = t.token('wur', 'calculator');
      const base = '/farms/nl-unchecked-0001/years/2025/scores/drenthe-2025';
      const { scoreVersion } = (await t.http().post(`${base}/calculation`).set('authorization', wur).send({}).expect(200)).body.score;
      await t.http().post(`${base}/presentation`).set('authorization', wur).send({ scoreVersion }).expect(200);
      await t.http().post(`${base}/approval`).set('authorization', farmer).send({ scoreVersion }).expect(200);
      const before = await t.eventCount();
      const refused = await t.http().post(`${base}/forwarding`).set('authorization', wur).send({ scoreVersion }).expect(409);
      expect(refused.body.code).toBe('CHECKS_FAILED');
      expect(await t.eventCount()).toBe(before);
    } finally {
      spy.mockRestore();
    }
  });
});
