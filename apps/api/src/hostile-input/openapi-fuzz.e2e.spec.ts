import fc from 'fast-check';
import type { ActorRole } from '@asb/event-store';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { authorisation, demoFarm, klwSubmission } from '../../../../test/support/farm-fixtures';
import { writeOperations, type OpenApiDocument, type WriteOperation } from '../../../../test/support/fuzz/openapi';
import { declares, isExempt } from '../../../../test/support/openapi-rules';
import { HOSTILE_PATH_VALUES, hostileBody, plausible } from '../../../../test/support/fuzz/hostile-bodies';

/**
 * Every POST and PATCH of the OpenAPI document, fed hostile bodies, encodings and path values by an
 * actor whose role the operation allows: never a 5xx, never a write, always the one error shape with
 * the field named. Bounded: about 2,500 requests in-process.
 */
const ACTOR: Record<ActorRole, string> = {
  farmer: 'boer-fuzz',
  calculator: 'wur',
  data_source: 'feed',
  payer: 'snn',
  norm_authority: 'lnv',
  regulator: 'nvwa',
  policy_analyst: 'pbl',
  system: 'asb-ledger',
};
const FARM = 'fuzz-farm';
const GOOD_PARAMS: Record<string, string> = { farmId: FARM, year: '2025', scheme: 'drenthe-2025', submissionId: 'klw-1', findingId: 'fuzz-finding', levyId: 'minas-2003', normSetId: 'drenthe-2025', authorisationId: 'a-wur', registrationId: 'em-1' };
const RUNS_PER_OPERATION = 45;

describe('hostile input over every write operation of the OpenAPI document', () => {
  let t: TestApp;
  let operations: WriteOperation[];
  let doc: OpenApiDocument;
  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    const farmer = t.token(ACTOR.farmer, 'farmer');
    await t.http().post('/farms').set('authorization', farmer).send(demoFarm(FARM)).expect(201);
    await t.http().post(`/farms/${FARM}/authorisations`).set('authorization', farmer).send(authorisation('a-wur', ACTOR.calculator, 'calculator', ['klw', 'gecombineerde-opgave', 'scan-ict', 'clm-milieumeetlat', 'dairy-processor', 'manure-transport-registry'])).expect(201);
    await t.http().post(`/farms/${FARM}/authorisations`).set('authorization', farmer).send(authorisation('a-feed', ACTOR.data_source, 'data_source', ['klw'])).expect(201);
    await t.http().post(`/farms/${FARM}/years/2025/submissions`).set('authorization', t.token(ACTOR.calculator, 'calculator')).send(klwSubmission('klw-1', 1000, 10)).expect(201);
    doc = (await t.http().get('/docs-json').expect(200)).body;
    operations = writeOperations(doc);
  });
  afterAll(async () => t.close());

  const tokenFor = (op: WriteOperation) => {
    const role = (op.roles[0] ?? 'regulator') as ActorRole;
    return t.token(ACTOR[role], role);
  };
  const urlOf = (op: WriteOperation, override: Record<string, string> = {}) => op.path.replace(/\{(\w+)\}/g, (_, name: string) => override[name] ?? GOOD_PARAMS[name] ?? 'fuzz-1');
  const send = (op: WriteOperation, url: string, body: unknown) =>
    t.http()[op.method](url).set('authorization', tokenFor(op)).set('content-type', 'application/json').send(JSON.stringify(body));

  /** A status the document does not declare for the operation is a finding too (D59). */
  const undeclared = (op: WriteOperation, status: number) => {
    const name = `${op.method.toUpperCase()} ${op.path}`;
    return !isExempt(name) && !declares(doc, name, status);
  };

  /** The one error shape; a 400/413/415/422 names the field. */
  const refusedProperly = (res: { status: number; body: Record<string, unknown> }) =>
    res.status >= 400 &&
    res.status < 500 &&
    res.body.statusCode === res.status &&
    typeof res.body.code === 'string' &&
    typeof res.body.message === 'string' &&
    (![400, 413, 415, 422].includes(res.status) || (typeof res.body.field === 'string' && res.body.field.length > 0));

  it('covers every write operation of the document, each with the roles it allows', () => {
    expect(operations.length).toBeGreaterThanOrEqual(30);
    for (const op of operations.filter((o) => !['/audit/seal'].includes(o.path))) expect(op.roles.length).toBeGreaterThan(0);
  });

  it('refuses hostile bodies on every operation: no 5xx, nothing written, the field named', async () => {
    const before = await t.eventCount();
    const failures: string[] = [];
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(hostileBody(doc, op.body), async ({ kind, body }) => {
          const res = await send(op, urlOf(op), body);
          if (!refusedProperly(res) || undeclared(op, res.status)) failures.push(`${op.method.toUpperCase()} ${op.path} [${kind}] → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          return true;
        }),
        { numRuns: RUNS_PER_OPERATION, seed: 20261130 },
      );
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses hostile path values on every operation: a 4xx, never a 5xx, nothing written', async () => {
    const before = await t.eventCount();
    const failures: string[] = [];
    for (const op of operations) {
      const body = op.body ? plausible(doc, op.body) : undefined;
      for (const param of op.pathParams) {
        for (const value of HOSTILE_PATH_VALUES) {
          const res = await t.http()[op.method](urlOf(op, { [param]: value })).set('authorization', tokenFor(op)).send(body as object);
          if (res.status < 400 || res.status >= 500 || typeof res.body.code !== 'string' || undeclared(op, res.status)) failures.push(`${op.method.toUpperCase()} ${op.path} ${param}=${value.slice(0, 20)} → ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
        }
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses bad encodings on every operation: malformed JSON, other charsets and media types, broken gzip, too large, a key twice, a number beyond a double', async () => {
    const before = await t.eventCount();
    const failures: string[] = [];
    for (const op of operations) {
      const url = `${t.baseUrl}${urlOf(op)}`;
      const cases: Array<{ name: string; status: number; headers: Record<string, string>; body: string | Buffer }> = [
        { name: 'malformed JSON', status: 400, headers: { 'content-type': 'application/json' }, body: '{"a": ' },
        { name: 'latin1', status: 415, headers: { 'content-type': 'application/json; charset=latin1' }, body: '{}' },
        { name: 'text/plain', status: 415, headers: { 'content-type': 'text/plain' }, body: '{}' },
        { name: 'broken gzip', status: 400, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]) },
        { name: 'too large', status: 413, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ padding: 'x'.repeat(300 * 1024) }) },
        { name: 'a key twice', status: 400, headers: { 'content-type': 'application/json' }, body: '{"reason":"first","reason":"second"}' },
        { name: 'a number beyond a double', status: 400, headers: { 'content-type': 'application/json' }, body: '{"value":1e400}' },
      ];
      for (const c of cases) {
        const res = await fetch(url, { method: op.method.toUpperCase(), body: c.body, headers: { authorization: tokenFor(op), 'idempotency-key': `enc-${Math.random().toString(36).slice(2)}`, ...c.headers } });
        const body = (await res.json()) as Record<string, unknown>;
        if (res.status !== c.status || !refusedProperly({ status: res.status, body }) || undeclared(op, res.status)) failures.push(`${op.method.toUpperCase()} ${op.path} [${c.name}] → ${res.status} ${JSON.stringify(body).slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await t.eventCount()).toBe(before);
  });

  it('leaves the ledger answering and Object.prototype untouched afterwards', async () => {
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await t.http().post(`/farms/${FARM}/years/2025/submissions`).set('authorization', t.token(ACTOR.calculator, 'calculator')).send(klwSubmission('klw-after-fuzz', 1000, 10)).expect(201);
  });
});
