import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { streams } from '@asb/domain';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { authorisation, demoFarm, klwSubmission, processorSubmission } from '../../../../test/support/farm-fixtures';
import { prepareFarm, type SchemeCase } from '../../../../test/support/scheme-flow';
import { examplesDir } from '../../../../test/support/shared-dir';

type Item = { kind: string; task: string; farmId: string; year: number; since: string; scheme?: string; scoreVersion?: number; disputeReason?: string; decision?: { outcome: string }; findingId?: string; checkId?: string };
type Page = { items: Item[]; nextCursor: string | null };

const example: SchemeCase = JSON.parse(readFileSync(join(examplesDir(), 'example-edge-best.json'), 'utf8'));

/** Issue 16: the calculator's work queue — scores to present, disputes, blocking findings — over the farms that authorise it. */
describe("the calculator's work queue", () => {
  let t: TestApp;
  let wur: string;
  const score = (farmId: string) => `/farms/${farmId}/years/2025/scores/drenthe-2025`;
  const queue = async (query: string, token = wur) => (await t.http().get(`/calculator/work-queue?${query}`).set('authorization', token).expect(200)).body as Page;
  const scored = async (farmId: string) => {
    const farmer = await prepareFarm(t, { ...example, farmId });
    await t.http().post(`${score(farmId)}/calculation`).set('authorization', wur).send({}).expect(200);
    return farmer;
  };
  const disputed = async (farmId: string, reason: string) => {
    const farmer = await scored(farmId);
    await t.http().post(`${score(farmId)}/presentation`).set('authorization', wur).send({ scoreVersion: 1 }).expect(200);
    await t.http().post(`${score(farmId)}/dispute`).set('authorization', farmer).send({ scoreVersion: 1, reason }).expect(200);
  };
  const decided = (farmId: string, outcome: 'upheld' | 'rejected') =>
    t.http().post(`${score(farmId)}/dispute/decision`).set('authorization', wur).send({ scoreVersion: 1, outcome, reason: `decided: ${outcome}` }).expect(200);

  beforeAll(async () => {
    t = await startTestApp({ now: '2025-12-01T09:00:00.000Z' });
    wur = t.token('wur', 'calculator');
    await scored('farm-a-calculated');
    await disputed('farm-b-disputed', 'the cows grazed 1,600 hours');
    await disputed('farm-c-upheld', 'grazing hours are missing');
    await decided('farm-c-upheld', 'upheld');
    await disputed('farm-d-rejected', 'I expected more');
    await decided('farm-d-rejected', 'rejected');
    // Presented and waiting on the farmer: no work for the calculator.
    await scored('farm-e-presented');
    await t.http().post(`${score('farm-e-presented')}/presentation`).set('authorization', wur).send({ scoreVersion: 1 }).expect(200);
    // Two sources disagree on milk by 5 %: a blocking finding.
    const farmer = t.token('boer-f', 'farmer');
    await t.http().post('/farms').set('authorization', farmer).send(demoFarm('farm-f-blocking')).expect(201);
    await t.http().post('/farms/farm-f-blocking/authorisations').set('authorization', farmer).send(authorisation('machtiging-wur', 'wur', 'calculator', ['klw'])).expect(201);
    await t.http().post('/farms/farm-f-blocking/authorisations').set('authorization', farmer).send(authorisation('machtiging-zuivel', 'zuivelnl', 'data_source', ['dairy-processor'])).expect(201);
    await t.http().post('/farms/farm-f-blocking/years/2025/submissions').set('authorization', wur).send(klwSubmission('klw-1', 1_000_000, 300_000)).expect(201);
    await t.http().post('/farms/farm-f-blocking/years/2025/submissions').set('authorization', t.token('zuivelnl', 'data_source')).send(processorSubmission('zuivel-1', 952_000)).expect(201);
  });
  afterAll(async () => t.close());

  it('lists the scores to present, the disputes and the blocking findings, each with what is to be done and since when', async () => {
    expect(await queue('kind=to-present')).toEqual({
      items: [
        expect.objectContaining({ kind: 'to-present', task: 'present', farmId: 'farm-a-calculated', year: 2025, scheme: 'drenthe-2025', scoreVersion: 1, since: '2025-12-01T09:00:00.000Z' }),
        expect.objectContaining({ kind: 'to-present', task: 'present-again', farmId: 'farm-d-rejected', decision: { outcome: 'rejected', reason: 'decided: rejected' } }),
      ],
      nextCursor: null,
    });
    expect(await queue('kind=disputed')).toEqual({
      items: [
        expect.objectContaining({ task: 'decide-dispute', farmId: 'farm-b-disputed', scoreVersion: 1, disputeReason: 'the cows grazed 1,600 hours', decideBy: '2026-01-12T09:00:00.000Z' }),
        expect.objectContaining({ task: 'recalculate', farmId: 'farm-c-upheld', disputeReason: 'grazing hours are missing', decision: { outcome: 'upheld', reason: 'decided: upheld' } }),
      ],
      nextCursor: null,
    });
    const blocking = await queue('kind=blocking');
    expect(blocking.items).toEqual([expect.objectContaining({ kind: 'blocking', task: 'decide-finding', farmId: 'farm-f-blocking', year: 2025, checkId: 'milk-delivered', findingId: expect.any(String) })]);
    expect(blocking.items[0]).not.toHaveProperty('scheme');
  });

  it('takes an item off once its work is done: a decided finding, a presented score', async () => {
    const [finding] = (await queue('kind=blocking')).items;
    await t.http().post(`/farms/farm-f-blocking/years/2025/findings/${finding!.findingId}/decision`).set('authorization', wur).send({ note: 'processor statement shows a meter fault; KLW is right' }).expect(201);
    expect((await queue('kind=blocking')).items).toEqual([]);
    await t.http().post(`${score('farm-d-rejected')}/presentation`).set('authorization', wur).send({ scoreVersion: 1 }).expect(200);
    expect((await queue('kind=to-present')).items.map((i) => i.farmId)).toEqual(['farm-a-calculated']);
  });

  it('pages by farm and year; a cursor of another kind is refused', async () => {
    const first = await queue('kind=disputed&limit=1');
    expect(first.items.map((i) => i.farmId)).toEqual(['farm-b-disputed']);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(await queue(`kind=disputed&limit=1&cursor=${first.nextCursor}`)).toEqual({ items: [expect.objectContaining({ farmId: 'farm-c-upheld' })], nextCursor: null });
    const wrong = await t.http().get(`/calculator/work-queue?kind=to-present&cursor=${first.nextCursor}`).set('authorization', wur).expect(400);
    expect(wrong.body).toMatchObject({ code: 'INVALID_INPUT', field: 'cursor' });
  });

  it('puts one read on record per farm on the page, on the authorisation it relies on, and none for a farm off the page', async () => {
    const before = async (farmId: string) => (await t.runtime.store.readStream(streams.dataReads(farmId))).filter((e) => (e.data as { resource: string }).resource === 'work-queue').length;
    const [b, c] = [await before('farm-b-disputed'), await before('farm-c-upheld')];
    await queue('kind=disputed&limit=1');
    expect(await before('farm-b-disputed')).toBe(b + 1);
    expect(await before('farm-c-upheld')).toBe(c);
    const [read] = (await t.runtime.store.readStream(streams.dataReads('farm-b-disputed'))).slice(-1);
    expect(read!.data).toMatchObject({ actorId: 'wur', actorRole: 'calculator', resource: 'work-queue', basis: 'authorisation', authorisationId: 'machtiging-wur' });
  });

  it('shows a calculator only the farms that authorise it now', async () => {
    // Another calculator's farm, with a score of its own to present.
    const farmer = t.token('boer-g', 'farmer');
    await t.http().post('/farms').set('authorization', farmer).send(demoFarm('farm-g-other-lab')).expect(201);
    await t.http().post('/farms/farm-g-other-lab/authorisations').set('authorization', farmer).send(authorisation('machtiging-lab', 'ander-lab', 'calculator', ['klw'])).expect(201);
    await t.http().post('/farms/farm-g-other-lab/years/2025/submissions').set('authorization', t.token('ander-lab', 'calculator')).send(klwSubmission('klw-g', 1_000_000, 300_000)).expect(201);
    await t.http().post(`${score('farm-g-other-lab')}/calculation`).set('authorization', t.token('ander-lab', 'calculator')).send({}).expect(200);
    expect((await queue('kind=to-present', t.token('ander-lab', 'calculator'))).items.map((i) => i.farmId)).toEqual(['farm-g-other-lab']);
    expect((await queue('kind=to-present')).items.map((i) => i.farmId)).toEqual(['farm-a-calculated']);
    // Revoked: the farm's work leaves that calculator's queue at once.
    await t.http().post('/farms/farm-g-other-lab/authorisations/machtiging-lab/revoke').set('authorization', farmer).send({ reason: 'changed calculator' }).expect(200);
    expect((await queue('kind=to-present', t.token('ander-lab', 'calculator'))).items).toEqual([]);
  });

  it('is the calculator\'s: another role is refused, a kind must be named and known, no token is 401', async () => {
    for (const role of ['farmer', 'regulator', 'payer'] as const) {
      expect((await t.http().get('/calculator/work-queue?kind=to-present').set('authorization', t.token(`someone-${role}`, role)).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
    }
    expect((await t.http().get('/calculator/work-queue?kind=everything').set('authorization', wur).expect(400)).body).toMatchObject({ field: 'kind' });
    expect((await t.http().get('/calculator/work-queue').set('authorization', wur).expect(400)).body).toMatchObject({ field: 'kind' });
    expect((await t.http().get('/calculator/work-queue?kind=to-present&limit=0').set('authorization', wur).expect(400)).body).toMatchObject({ field: 'limit' });
    expect((await t.http().get('/calculator/work-queue?kind=to-present').expect(401)).body.code).toBe('UNAUTHENTICATED');
  });
});
