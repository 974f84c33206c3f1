import { randomUUID } from 'node:crypto';
import { drenthe2025NormSet } from '@asb/domain';
import { startTestApp, type TestApp } from '../../../test/support/test-app';

/**
 * Issue 11, parts 2–3 (D31): no parameter path can step outside the record. Reserved segments,
 * unknown paths and inverted validity windows are refused with 400 naming the field, nothing is
 * appended, Object.prototype is untouched and the next write still goes through.
 */
describe('parameter paths over HTTP: amendments and what-if drafts stay inside the record', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ now: '2025-09-15T08:00:00.000Z' })));
  afterAll(async () => t.close());

  const authority = () => t.token('provincie-drenthe', 'norm_authority');
  const analyst = () => t.token('pbl', 'policy_analyst');
  const post = (url: string, token: string, body: object) => t.http().post(url).set('authorization', token).set('idempotency-key', randomUUID()).send(body);
  const amendment = (changes: Array<{ path: string; value: unknown }>, extra: object = {}) => ({
    baseVersion: 1,
    changes,
    reason: 'probe',
    authority: 'Gedeputeerde Staten van Drenthe',
    legalBasis: 'toelichting art. 7',
    effectiveFrom: '2025-01-01',
    ...extra,
  });
  const whatIf = (path: string) => ({ name: 'probe', years: { from: 2025, to: 2025 }, drafts: [{ normSetId: 'drenthe-2025', changes: [{ path, value: '1' }] }] });
  const latestVersion = async (): Promise<number> => (await t.http().get('/norm-sets/drenthe-2025').set('authorization', authority()).expect(200)).body.versions.at(-1).version;
  const prototypeUntouched = () => {
    const probe = {} as Record<string, unknown>;
    expect(probe.asOf).toBeUndefined();
    expect(probe.probeCanary).toBeUndefined();
    expect(probe.x).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toEqual(expect.arrayContaining(['asOf', 'probeCanary', 'x']));
  };

  it('refuses __proto__ in an amendment path with 400 naming the field, writes nothing, and keeps serving writes', async () => {
    const before = await t.eventCount();
    for (const path of ['__proto__.x', '__proto__.asOf', '__proto__.probeCanary']) {
      const res = await post('/norm-sets/drenthe-2025/amendments', authority(), amendment([{ path, value: '2030-01-01' }])).expect(400);
      expect(res.body).toMatchObject({ code: 'RESERVED_KEY', field: 'changes[0].path' });
    }
    prototypeUntouched();
    expect(await t.eventCount()).toBe(before);
    const versions = (await t.http().get('/norm-sets/drenthe-2025').set('authorization', authority()).expect(200)).body.versions;
    expect(versions).toHaveLength(1);

    // A refused change names its place in the list; the next valid amendment is recorded as usual.
    const second = await post('/norm-sets/drenthe-2025/amendments', authority(), amendment([{ path: 'kpis[nFarmSurplus].tiers[1].threshold', value: '100' }, { path: 'kpis.constructor.x', value: 1 }])).expect(400);
    expect(second.body).toMatchObject({ code: 'RESERVED_KEY', field: 'changes[1].path' });
    const ok = await post('/norm-sets/drenthe-2025/amendments', authority(), amendment([{ path: 'kpis[nFarmSurplus].tiers[1].threshold', value: '100' }])).expect(201);
    expect(ok.body.events[0].data).toMatchObject({ version: 2, changes: [{ path: 'kpis.0.tiers.0.threshold', name: 'kpis[nFarmSurplus].tiers[1].threshold', from: '110', to: '100' }] });
  });

  it('never records a reserved key inside a new value, nor lets it reach Object.prototype', async () => {
    // The HTTP edge refuses it before any DTO is built (docs/input-conventions.md); the domain would
    // too (RESERVED_KEY, changes[0].value.__proto__; see norm-set-aggregate.spec).
    const body = `{"baseVersion":2,"changes":[{"path":"kpis[nFarmSurplus].tiers[1]","value":{"threshold":"95","cents":25000,"__proto__":{"asOf":"x"}}}],"reason":"probe","authority":"GS","legalBasis":"art. 7","effectiveFrom":"2025-01-01"}`;
    const res = await t.http().post('/norm-sets/drenthe-2025/amendments').set('authorization', authority()).set('idempotency-key', randomUUID()).set('content-type', 'application/json').send(body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'RESERVED_KEY', field: 'changes.0.value.__proto__' });
    prototypeUntouched();
    const stream = await t.runtime.store.readStream('normset-drenthe-2025');
    for (const e of stream) expect(JSON.stringify(e.data)).not.toContain('__proto__');
  });

  it('refuses constructor.x and bogusParameter in a what-if draft with 400, queueing nothing', async () => {
    const before = await t.eventCount();
    const ctor = await post('/what-if/scenarios', analyst(), whatIf('constructor.x')).expect(400);
    expect(ctor.body).toMatchObject({ code: 'RESERVED_KEY', field: 'drafts[0].changes[0].path' });
    const bogus = await post('/what-if/scenarios', analyst(), whatIf('bogusParameter')).expect(400);
    expect(bogus.body).toMatchObject({ code: 'UNKNOWN_PARAMETER', field: 'drafts[0].changes[0].path' });
    prototypeUntouched();
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses bogusParameter in an amendment: a typo never becomes a new version', async () => {
    const before = await t.eventCount();
    const res = await post('/norm-sets/drenthe-2025/amendments', authority(), amendment([{ path: 'bogusParameter', value: 1 }], { baseVersion: await latestVersion() })).expect(400);
    expect(res.body).toMatchObject({ code: 'UNKNOWN_PARAMETER', field: 'changes[0].path' });
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses an array index in an amendment with 400 naming the field and the name to send, writing nothing (D61)', async () => {
    const before = await t.eventCount();
    const res = await post('/norm-sets/drenthe-2025/amendments', authority(), amendment([{ path: 'kpis.9.landUses.grassland.tiers.0.threshold', value: '90' }], { baseVersion: await latestVersion() })).expect(400);
    expect(res.body).toMatchObject({ code: 'INDEX_PATH', field: 'changes[0].path' });
    expect(res.body.message).toContain('kpis[nSoilSurplus].landUses.grassland.tiers[1].threshold');
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses a validity window whose effectiveTo is before its effectiveFrom, on publication and on amendment', async () => {
    const before = await t.eventCount();
    const published = await post('/norm-sets', authority(), { ...drenthe2025NormSet, normSetId: 'drenthe-probe', effectiveFrom: '2025-01-01', effectiveTo: '2024-12-31' }).expect(400);
    expect(published.body).toMatchObject({ code: 'EFFECTIVE_TO_BEFORE_FROM', field: 'effectiveTo' });
    // drenthe-2025 runs to 2027-12-31: a version effective from 2028 would record an inverted window.
    const amended = await post('/norm-sets/drenthe-2025/amendments', authority(), amendment([{ path: 'kpis[nFarmSurplus].tiers[1].threshold', value: '105' }], { baseVersion: await latestVersion(), effectiveFrom: '2028-01-01' })).expect(400);
    expect(amended.body).toMatchObject({ code: 'EFFECTIVE_TO_BEFORE_FROM', field: 'effectiveTo' });
    expect(await t.eventCount()).toBe(before);
  });
});
