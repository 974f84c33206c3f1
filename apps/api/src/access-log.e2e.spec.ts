import { streams } from '@asb/domain';
import { verifyBundle } from '@asb/event-store';
import { FarmDataReadRecorder } from '@asb/ledger';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { authorisation, demoFarm, klwSubmission } from '../../../test/support/farm-fixtures';

type Entry = { kind: 'read' | 'refusal'; actorId: string; actorRole: string; resource?: string; year?: number; basis?: string; authorisationId?: string; action?: string; at: string };

/** D64: who read a farm's data or was refused it, on record before the answer, for the farmer to inspect. */
describe("a farm's access log: reads by others and refusals, newest first, for its farmer", () => {
  let t: TestApp;
  const farmId = 'nl-access-0001';
  const base = `/farms/${farmId}/years/2025`;
  let as: Record<'farmer' | 'neighbour' | 'wur' | 'otherLab' | 'nvwa', string>;
  const reads = async () => (await t.runtime.store.readStream(streams.dataReads(farmId))).map((e) => e.data as Entry);
  const log = async (query = '') => (await t.http().get(`/farms/${farmId}/access-log${query}`).set('authorization', as.farmer).expect(200)).body as { items: Entry[]; nextCursor: string | null };

  beforeAll(async () => {
    t = await startTestApp({ now: '2025-09-01T08:00:00.000Z' });
    as = {
      farmer: t.token('boer-toegang', 'farmer'),
      neighbour: t.token('boer-buur', 'farmer'),
      wur: t.token('wur', 'calculator'),
      otherLab: t.token('ander-lab', 'calculator'),
      nvwa: t.token('nvwa-auditor', 'regulator'),
    };
    await t.http().post('/farms').set('authorization', as.farmer).send({ ...demoFarm(farmId) }).expect(201);
    await t.http().post(`/farms/${farmId}/authorisations`).set('authorization', as.farmer).send(authorisation('machtiging-wur', 'wur', 'calculator', ['klw'])).expect(201);
    t.clock.set('2025-09-02T08:00:00.000Z');
    await t.http().post(`${base}/submissions`).set('authorization', as.wur).send(klwSubmission('klw-1', 1_000_000, 300_000)).expect(201);
  });
  afterAll(async () => t.close());

  it("records the farmer's own reads nowhere", async () => {
    await t.http().get(`${base}/balance`).set('authorization', as.farmer).expect(200);
    await t.http().get(`/farms/${farmId}`).set('authorization', as.farmer).expect(200);
    expect(await reads()).toEqual([]);
    expect((await log()).items).toEqual([]);
  });

  it("puts a calculator's read on record before the answer, naming the authorisation it relied on", async () => {
    t.clock.set('2025-09-03T08:00:00.000Z');
    await t.http().get(`${base}/balance`).set('authorization', as.wur).expect(200);
    // Already on the read stream when the answer has come: written before it, not batched after.
    expect(await reads()).toEqual([expect.objectContaining({ actorId: 'wur', actorRole: 'calculator', resource: 'balance', year: 2025, basis: 'authorisation', authorisationId: 'machtiging-wur', readAt: '2025-09-03T08:00:00.000Z' })]);
    const [read] = await t.runtime.store.readStream(streams.dataReads(farmId));
    expect(read!.metadata).toMatchObject({ actor: { id: 'wur', role: 'calculator' }, authorisationId: 'machtiging-wur' });
  });

  it("records the regulator's reads on its statutory task, a refusal beside them, and lists both newest first, a page at a time", async () => {
    t.clock.set('2025-09-04T08:00:00.000Z');
    await t.http().get(`/audit/farms/${farmId}/history`).set('authorization', as.nvwa).expect(200);
    t.clock.set('2025-09-05T08:00:00.000Z');
    await t.http().get(`${base}/balance`).set('authorization', as.otherLab).expect(403);
    const { items, nextCursor } = await log();
    expect(nextCursor).toBeNull();
    expect(items).toEqual([
      expect.objectContaining({ kind: 'refusal', actorId: 'ander-lab', actorRole: 'calculator', action: 'read', resource: 'balance', year: 2025, at: '2025-09-05T08:00:00.000Z' }),
      expect.objectContaining({ kind: 'read', actorId: 'nvwa-auditor', actorRole: 'regulator', resource: 'history', basis: 'statutory-task', at: '2025-09-04T08:00:00.000Z' }),
      expect.objectContaining({ kind: 'read', actorId: 'wur', resource: 'balance', year: 2025, basis: 'authorisation', at: '2025-09-03T08:00:00.000Z' }),
    ]);
    const first = await log('?limit=2');
    expect(first.items).toEqual(items.slice(0, 2));
    const rest = await log(`?limit=2&cursor=${first.nextCursor}`);
    expect(rest).toEqual({ items: items.slice(2), nextCursor: null });
    // A cursor from elsewhere names no place in this log.
    const foreign = Buffer.from('nl-other-0001|000000000000001').toString('base64url');
    expect((await t.http().get(`/farms/${farmId}/access-log?cursor=${foreign}`).set('authorization', as.farmer).expect(400)).body).toMatchObject({ code: 'INVALID_INPUT', field: 'cursor' });
  });

  it('is the farmer\'s and the regulator\'s to read (the regulator\'s read recorded too); a neighbour and a calculator are refused, no token is 401', async () => {
    expect((await t.http().get(`/farms/${farmId}/access-log`).set('authorization', as.neighbour).expect(403)).body.code).toBe('NOT_YOUR_FARM');
    expect((await t.http().get(`/farms/${farmId}/access-log`).set('authorization', as.wur).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
    expect((await t.http().get(`/farms/${farmId}/access-log`).expect(401)).body.code).toBe('UNAUTHENTICATED');
    const byRegulator = (await t.http().get(`/farms/${farmId}/access-log`).set('authorization', as.nvwa).expect(200)).body as { items: Entry[] };
    expect(byRegulator.items[0]).toMatchObject({ kind: 'read', actorId: 'nvwa-auditor', resource: 'access-log' });
  });

  it('fails closed: when the read cannot be recorded, nothing is shown', async () => {
    const recorder = t.get(FarmDataReadRecorder);
    const execute = recorder.execute;
    recorder.execute = async () => {
      throw new Error('the log refused the append');
    };
    try {
      const res = await t.http().get(`${base}/balance`).set('authorization', as.wur);
      expect(res.status).toBe(500);
      expect(JSON.stringify(res.body)).not.toContain('klw-1');
    } finally {
      recorder.execute = execute;
    }
  });

  it("keeps the reads in the farm's audit bundle, where they verify like any stream", async () => {
    const bundle = await t.http().get('/audit/export').query({ farmId }).set('authorization', as.nvwa).expect(200);
    expect(bundle.body.scope.streams).toContain(streams.dataReads(farmId));
    // The bundle holds the regulator's own read of it: recorded before it was made.
    const events = (bundle.body.events as Array<{ raw: string }>).map((e) => JSON.parse(e.raw) as { type: string; data: { resource?: string } });
    expect(events.some((e) => e.type === 'FarmDataRead' && e.data.resource === 'bundle')).toBe(true);
    expect(await verifyBundle(bundle.body)).toMatchObject({ ok: true });
  });

  it("holds its own read when the bundle is the farm's first read by anyone (the read stream is new)", async () => {
    const fresh = 'nl-drenthe-0456';
    await t.http().post('/farms').set('authorization', t.token('boer-nieuw', 'farmer')).send(demoFarm(fresh)).expect(201);
    const bundle = await t.http().get('/audit/export').query({ farmId: fresh }).set('authorization', as.nvwa).expect(200);
    expect(bundle.body.scope.streams).toContain(streams.dataReads(fresh));
    const events = (bundle.body.events as Array<{ raw: string }>).map((e) => JSON.parse(e.raw) as { type: string; data: { resource?: string } });
    expect(events.filter((e) => e.type === 'FarmDataRead').map((e) => e.data.resource)).toEqual(['bundle']);
  });
});
