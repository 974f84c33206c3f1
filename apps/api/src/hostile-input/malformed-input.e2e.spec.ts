import fc from 'fast-check';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { authorisation, demoFarm, klwSubmission } from '../../../../test/support/farm-fixtures';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Paths into a body and values that are wrong there whatever else the body holds. */
const FARM_MUTATIONS: Array<[string, Json[]]> = [
  ['farmId', [null, 42, '', 'UPPER', 'a b', 'x'.repeat(80), '../etc', ['x'], {}]],
  ['province', [null, 3, 'Atlantis', '', []]],
  ['landUse', [null, 'big', 7, []]],
  ['landUse.grasslandHa', [-1, '40', null, 1e12, true, {}]],
  ['landUse.maizeHa', [-0.01, 'NaN', null, []]],
  ['soilTypes', ['sand', [1], ['lava'], null, {}]],
  ['peatSharePct', [-1, 100.01, '30', null, 1e9]],
  ['livestockUnits', [-5, 'many', null, 1e12]],
  ['colour', ['red', 1, null]],
  ['landUse.forestHa', [1]],
];
const SUBMISSION_MUTATIONS: Array<[string, Json[]]> = [
  ['submissionId', [null, '', 'a', 'x y', 5]],
  ['source', ['nasa', null, 1, '']],
  ['sourceDocumentId', ['', null, 'a b c', 'x'.repeat(200)]],
  ['scheme', ['drenthe-1999', 'BAD SCHEME', 5]],
  ['flows', ['milk', 3, {}]],
  ['flows.0.kind', ['petrol', null, 1]],
  ['flows.0.kgProduct', [-1, '1000', null, 1e11]],
  ['flows.3.proteinPct', [-1, 21, 'high']],
  ['flows.0.quality', ['guessed', null]],
  ['flows.0.extra', [1]],
  ['indicators', ['all good', 5]],
  ['indicators.0.key', ['happiness', null, 3]],
  ['indicators.0.value', ['18', null, true, 1e7]],
  ['indicators.0.quality', ['vibes']],
  ['landUse.arableHa', [-3, 'none']],
  ['stockChange', ['up']],
  ['unknownTopLevel', [true]],
];

const setPath = (body: Json, path: string, value: Json): Json => {
  const copy = JSON.parse(JSON.stringify(body)) as Record<string, Json>;
  const parts = path.split('.');
  let node: Record<string, Json> = copy;
  for (const part of parts.slice(0, -1)) {
    if (node[part] === null || typeof node[part] !== 'object') node[part] = {};
    node = node[part] as Record<string, Json>;
  }
  node[parts.at(-1)!] = value;
  return copy;
};
const deletePath = (body: Json, path: string): Json => {
  const copy = JSON.parse(JSON.stringify(body)) as Record<string, Json>;
  const parts = path.split('.');
  let node = copy as Record<string, Json>;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, Json>;
  delete node[parts.at(-1)!];
  return copy;
};

/** One to three wrong values, or a required field removed: never a valid body. */
const malformed = (valid: Json, mutations: Array<[string, Json[]]>, required: string[]) =>
  fc.oneof(
    fc
      .array(fc.constantFrom(...mutations).chain(([path, values]) => fc.constantFrom(...values).map((v) => [path, v] as const)), { minLength: 1, maxLength: 3 })
      .map((changes) => changes.reduce((body, [path, v]) => setPath(body, path, v), valid)),
    fc.constantFrom(...required).map((path) => deletePath(valid, path)),
  );

describe('malformed input (property test)', () => {
  let t: TestApp;
  let farmer: string;
  let wur: string;
  beforeAll(async () => {
    t = await startTestApp();
    farmer = t.token('boer-fuzz', 'farmer');
    wur = t.token('wur', 'calculator');
    await t.http().post('/farms').set('authorization', farmer).send(demoFarm('fuzz-farm')).expect(201);
    await t.http().post('/farms/fuzz-farm/authorisations').set('authorization', farmer).send(authorisation('a1', 'wur', 'calculator', ['klw'])).expect(201);
  });
  afterAll(async () => t.close());

  it('answers thousands of malformed farm registrations with 4xx only and writes nothing', async () => {
    const before = await t.eventCount();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(malformed(demoFarm("fuzz-farm-2") as unknown as Json, FARM_MUTATIONS, ['farmId', 'province', 'landUse', 'soilTypes', 'peatSharePct', 'livestockUnits', 'landUse.grasslandHa']), async (body) => {
        const res = await t.http().post('/farms').set('authorization', farmer).send(body as object);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        return res.status >= 400 && res.status < 500;
      }),
      { numRuns: 1500, seed: 20251124 },
    );
    expect(await t.eventCount()).toBe(before);
    expect([...statuses.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
  });

  it('answers thousands of malformed submissions with 4xx only and writes nothing', async () => {
    const before = await t.eventCount();
    await fc.assert(
      fc.asyncProperty(malformed(klwSubmission("fz-1", 1000, 10) as unknown as Json, SUBMISSION_MUTATIONS, ['submissionId', 'source', 'sourceDocumentId', 'flows.0.kind', 'flows.0.quality']), async (body) => {
        const res = await t.http().post('/farms/fuzz-farm/years/2025/submissions').set('authorization', wur).send(body as object);
        return res.status >= 400 && res.status < 500;
      }),
      { numRuns: 1500, seed: 424242 },
    );
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses a body that is not JSON at all', async () => {
    const res = await t.http().post('/farms').set('authorization', farmer).set('content-type', 'application/json').send('{"farmId": ');
    expect(res.status).toBe(400);
  });
});
