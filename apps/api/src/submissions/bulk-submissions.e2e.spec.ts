import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { authorisation, demoFarm, klwSubmission } from '../../../../test/support/farm-fixtures';

describe('bulk intake: many farms’ data in one request, each item recorded or refused on its own (issue 18, D58)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2025-09-01T08:00:00.000Z' });
    for (const [farmId, farmer] of [['nl-bulk-0001', 'boer-a'], ['nl-bulk-0002', 'boer-b'], ['nl-bulk-0003', 'boer-c']]) {
      await t.http().post('/farms').set('authorization', t.token(farmer, 'farmer')).send(demoFarm(farmId)).expect(201);
      // The third farm authorises nobody.
      if (farmId !== 'nl-bulk-0003') await t.http().post(`/farms/${farmId}/authorisations`).set('authorization', t.token(farmer, 'farmer')).send(authorisation(`m-wur-${farmId}`, 'wur', 'calculator', ['klw'])).expect(201);
    }
  });
  afterAll(async () => t.close());

  const item = (farmId: string, submissionId: string, extra: object = {}) => ({ farmId, year: 2025, ...klwSubmission(submissionId, 900_000, 300_000), ...extra });

  it('records each valid item as its own command and event, refuses the others naming the field, and answers a retry identically', async () => {
    const wur = t.token('wur', 'calculator');
    const before = await t.eventCount();
    const items = [
      item('nl-bulk-0001', 'klw-a'),
      item('nl-bulk-0002', 'klw-b', { flows: [{ kind: 'milk', kgProduct: -1, quality: 'measured' }] }),
      item('nl-bulk-0003', 'klw-c'),
      item('nl-bulk-0002', 'klw-b2'),
      item('nl-bulk-0001', 'klw-a2', { sourceDocumentId: 'KLW-2025-klw-a' }),
    ];
    const res = await t.http().post('/submissions/bulk').set('authorization', wur).set('idempotency-key', 'bulk-1').send({ items }).expect(200);
    expect(res.body).toMatchObject({ accepted: 2, refused: 3 });
    expect(res.body.items.map((i: { status: string }) => i.status)).toEqual(['accepted', 'refused', 'refused', 'accepted', 'refused']);
    expect(res.body.items[0]).toMatchObject({ index: 0, farmId: 'nl-bulk-0001', year: 2025, submissionId: 'klw-a', replayed: false, events: [{ type: 'BalanceDataSubmitted', position: expect.any(Number) }] });
    expect(res.body.items[1]).toMatchObject({ statusCode: 400, code: 'INVALID_INPUT', field: 'items.1.flows.0.kgProduct' });
    expect(res.body.items[2]).toMatchObject({ statusCode: 403, code: 'NO_VALID_AUTHORISATION', farmId: 'nl-bulk-0003' });
    // The second item of a farm-year is decided after the first, on what the first recorded.
    expect(res.body.items[4]).toMatchObject({ statusCode: 409, code: 'DUPLICATE_SOURCE_DOCUMENT', field: 'items.4.sourceDocumentId' });
    // Two submissions and the denial of the third farm are on record; nothing for the refused items.
    expect((await t.runtime.store.readStream('balance-nl-bulk-0001-2025')).map((e) => e.data)).toEqual([expect.objectContaining({ submissionId: 'klw-a' })]);
    expect((await t.runtime.store.readStream('access-denials-nl-bulk-0003')).map((e) => e.type)).toEqual(['AccessDenied']);
    const written = (await t.eventCount()) - before;

    const retry = await t.http().post('/submissions/bulk').set('authorization', wur).set('idempotency-key', 'bulk-1').send({ items }).expect(200);
    expect(retry.body.items[0]).toEqual({ ...res.body.items[0], replayed: true });
    expect(retry.body.items[3]).toEqual({ ...res.body.items[3], replayed: true });
    // The same key with another item at a recorded place: that item is refused, the others answer as before.
    const changed = [{ ...items[0], sourceDocumentId: 'KLW-2025-other' }, ...items.slice(1)];
    const reused = await t.http().post('/submissions/bulk').set('authorization', wur).set('idempotency-key', 'bulk-1').send({ items: changed }).expect(200);
    expect(reused.body.items[0]).toMatchObject({ status: 'refused', statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotency-key' });
    expect(reused.body.items[3]).toMatchObject({ status: 'accepted', replayed: true });
    // The retries wrote nothing: the third farm's denial is the same attempt within the minute, on record once (D69).
    expect((await t.eventCount()) - before).toBe(written);
  });

  it('refuses a request of which no item is recorded as a whole, with the first refusal and every item’s result', async () => {
    const wur = t.token('wur', 'calculator');
    const before = await t.eventCount();
    const items = [item('nl-bulk-0001', 'klw-z', { landUse: { grasslandHa: 'forty' } }), item('nl-bulk-0002', 'klw-b2')];
    const res = await t.http().post('/submissions/bulk').set('authorization', wur).send({ items }).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'INVALID_INPUT', field: 'items.0.landUse.grasslandHa', accepted: 0, refused: 2 });
    expect(res.body.items[1]).toMatchObject({ statusCode: 409, code: 'SUBMISSION_EXISTS', field: 'items.1.submissionId' });
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses the request as a whole for a role that may not submit, a list out of shape, a missing key or no token', async () => {
    const body = { items: [item('nl-bulk-0001', 'klw-x')] };
    const regulator = await t.http().post('/submissions/bulk').set('authorization', t.token('nvwa', 'regulator')).send(body).expect(403);
    expect(regulator.body.code).toBe('ROLE_NOT_ALLOWED');
    const wur = t.token('wur', 'calculator');
    expect((await t.http().post('/submissions/bulk').set('authorization', wur).send({ items: [] }).expect(400)).body.field).toBe('items');
    expect((await t.http().post('/submissions/bulk').set('authorization', wur).send({ items: Array.from({ length: 201 }, () => ({})) }).expect(400)).body.field).toBe('items');
    expect((await t.http().post('/submissions/bulk').set('authorization', wur).send({ items: [1] }).expect(400)).body.field).toBe('items');
    expect((await t.rawHttp().post('/submissions/bulk').set('authorization', wur).send(body).expect(400)).body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    await t.http().post('/submissions/bulk').send(body).expect(401);
  });
});
