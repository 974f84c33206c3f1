import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { demoFarm } from '../../../test/support/farm-fixtures';

/** Idempotency keys as payment APIs use them (docs/input-conventions.md). */
describe('Idempotency-Key', () => {
  let t: TestApp;
  let farmer: string;
  beforeAll(async () => {
    t = await startTestApp();
    farmer = t.token('boer-idem', 'farmer');
  });
  afterAll(async () => t.close());

  it('is required on every write: 400 naming the header, nothing written', async () => {
    const before = await t.eventCount();
    const res = await t.rawHttp().post('/farms').set('authorization', farmer).send(demoFarm('idem-none'));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED', field: 'idempotency-key' });
    const bad = await t.rawHttp().post('/farms').set('authorization', farmer).set('idempotency-key', 'spaces are not allowed').send(demoFarm('idem-none'));
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('idempotency-key');
    expect(await t.eventCount()).toBe(before);
  });

  it('answers the same request with the same key with the original result and writes nothing new', async () => {
    const first = await t.rawHttp().post('/farms').set('authorization', farmer).set('idempotency-key', 'reg-1').send(demoFarm('idem-a')).expect(201);
    const count = await t.eventCount();
    const again = await t.rawHttp().post('/farms').set('authorization', farmer).set('idempotency-key', 'reg-1').send(demoFarm('idem-a')).expect(201);
    expect(again.body).toEqual(first.body);
    expect(await t.eventCount()).toBe(count);
  });

  it('answers the same key with a different request with 422 naming the conflict, and records nothing', async () => {
    await t.rawHttp().post('/farms').set('authorization', farmer).set('idempotency-key', 'reg-2').send(demoFarm('idem-b')).expect(201);
    const count = await t.eventCount();
    // Same stream, different body.
    const other = await t.rawHttp().post('/farms').set('authorization', farmer).set('idempotency-key', 'reg-2').send({ ...demoFarm('idem-b'), livestockUnits: 999 });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotency-key' });
    // Another stream altogether.
    const elsewhere = await t.rawHttp().post('/farms').set('authorization', farmer).set('idempotency-key', 'reg-2').send(demoFarm('idem-c'));
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await t.eventCount()).toBe(count);
    await t.http().get('/farms/idem-c').set('authorization', t.token('nvwa', 'regulator')).expect(404);
  });

  it('keeps keys per actor: another farmer may use the same key', async () => {
    await t.rawHttp().post('/farms').set('authorization', t.token('boer-other', 'farmer')).set('idempotency-key', 'reg-1').send(demoFarm('idem-d')).expect(201);
  });

  it('is declared required in the OpenAPI document on every write', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; required?: boolean }> }>> };
    const writes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).filter(([m]) => m === 'post' || m === 'patch').map(([m, op]) => ({ op: `${m} ${path}`, op_: op })));
    const keyed = writes.filter(({ op_ }) => op_.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key' && p.required));
    // The only writes without a key record nothing on a farm's behalf: a checkpoint (POST /audit/checkpoints, or
    // /audit/seal by its old name): signing an unchanged log again returns the same one. A what-if scenario and its
    // runs are recorded facts in their own streams (D52), keyed like any other write.
    expect(writes.filter((w) => !keyed.includes(w)).map((w) => w.op).sort()).toEqual(['post /audit/checkpoints', 'post /audit/seal']);
    expect(keyed.length).toBeGreaterThan(25);
  });
});
