import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { demoFarm } from '../../../test/support/farm-fixtures';
import { openApiDocumentOffline } from '../../../test/support/web-api-types';
import { errorShapeProblems } from '../../../test/support/api-surface';
import type { OpenApiDocument } from '../../../test/support/fuzz/openapi';
import { documentationProblems, everyOperation, impliedErrors, isExempt, NOT_YET_DOCUMENTED } from '../../../test/support/openapi-rules';

/**
 * The OpenAPI document as its readers need it (issue 16, D59): every operation with a summary, a
 * success with a real schema, and every refusal it can answer in the one error shape; and the API
 * answering every refusal in that shape, whichever layer refuses. That the statuses the e2e and fuzz
 * suites actually see are all declared is checked where they are seen (api-surface, openapi-fuzz).
 */
describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http().get('/docs-json').expect(200)).body;
  });
  afterAll(async () => t.close());

  it('is the document `npm run api-types` builds without a server, so the web app’s generated types are what clients are served (D80)', async () => {
    expect(JSON.parse(JSON.stringify(await openApiDocumentOffline()))).toEqual(doc);
  });

  it('gives every operation a summary, a 2xx with a real schema, and the refusals its guard, parameters, body and key imply', () => {
    const operations = everyOperation(doc).filter(({ name }) => !isExempt(name));
    expect(operations.length).toBeGreaterThan(60);
    const problems = operations.flatMap(({ name, method, op }) => documentationProblems(doc, method, op).map((p) => `${name}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('exempts only operations that exist and still lack their documentation (remove an entry once it is documented)', () => {
    const byName = new Map(everyOperation(doc).map((o) => [o.name, o]));
    const stale = NOT_YET_DOCUMENTED.filter(({ operation }) => !byName.has(operation) || documentationProblems(doc, byName.get(operation)!.method, byName.get(operation)!.op).length === 0);
    expect(stale).toEqual([]);
  });

  it('derives the refusals from what an operation takes: an authenticated write with a path, a body and a key', () => {
    const [, register] = Object.entries(doc.paths['/farms/{farmId}/authorisations']).find(([m]) => m === 'post')!;
    expect(impliedErrors('post', register)).toEqual([400, 401, 403, 404, 409, 413, 415, 422, 503]);
    // Even a public read without parameters refuses a body (D76).
    expect(impliedErrors('get', doc.paths['/health'].get)).toEqual([400]);
    // A write without a body still has its body read (and refused when it is one).
    expect(impliedErrors('post', doc.paths['/schemes/{scheme}/allocation'].post)).toEqual([400, 401, 403, 404, 409, 413, 415, 422, 503]);
    // A document that forgot them is told so.
    const bare = { ...register, summary: '', responses: { 201: { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } } };
    expect(documentationProblems(doc, 'post', bare)).toEqual(['no summary', '201 without a real schema', 'error responses missing: 400, 401, 403, 404, 409, 413, 415, 422, 503']);
  });

  it('has one error schema, with the fields every refusal carries', () => {
    const schema = (doc.components.schemas as Record<string, { required?: string[]; properties?: Record<string, unknown> }>).ErrorBodyDto;
    expect(schema.required).toEqual(expect.arrayContaining(['statusCode', 'code', 'message']));
    expect(Object.keys(schema.properties ?? {})).toEqual(expect.arrayContaining(['field', 'fields']));
  });

  it('types a norm-set change value as the JSON a parameter holds, not as object', () => {
    const change = (doc.components.schemas as Record<string, { properties: Record<string, { type?: string; oneOf?: Array<{ type: string }> }> }>).ParameterChangeDto;
    expect(change.properties.value.type).toBeUndefined();
    expect(change.properties.value.oneOf?.map((o) => o.type)).toEqual(['string', 'number', 'boolean', 'array', 'object']);
  });
});

describe('one error shape for every status, whichever layer refuses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ listen: true });
  });
  afterAll(async () => t.close());

  type Answer = { status: number; headers: Record<string, string>; body: Record<string, unknown> };
  const judged = (status: number, res: Answer) => [
    ...(res.status === status ? [] : [`status ${res.status}, expected ${status}`]),
    ...errorShapeProblems(status, res.body),
    ...(/^application\/json/.test(res.headers['content-type'] ?? '') ? [] : [`served as ${res.headers['content-type']}`]),
  ];

  it('answers 400, 401, 403, 404, 409, 413, 415 and 422 with statusCode, code and message (and field where the input is at fault)', async () => {
    const farmer = t.token('boer-shape', 'farmer');
    const payer = t.token('snn', 'payer');
    await t.http().post('/farms').set('authorization', farmer).send(demoFarm('nl-shape-0001')).expect(201);
    const raw = (method: string, path: string, headers: Record<string, string>, body: string) =>
      fetch(`${t.baseUrl}${path}`, { method, headers, body }).then(async (r): Promise<Answer> => ({ status: r.status, headers: { 'content-type': r.headers.get('content-type') ?? '' }, body: (await r.json()) as Record<string, unknown> }));
    const cases: Array<[string, number, () => PromiseLike<Answer>]> = [
      ['no token', 401, () => t.http().get('/farms/nl-shape-0001')],
      ['a forged token', 401, () => t.http().get('/farms/nl-shape-0001').set('authorization', 'Bearer not.a.token')],
      ['a role the operation does not allow', 403, () => t.http().get('/farms').set('authorization', payer)],
      ['another farmer\'s farm', 403, () => t.http().get('/farms/nl-shape-0001').set('authorization', t.token('boer-other', 'farmer'))],
      ['an unknown route under an API path', 404, () => t.http().get('/audit/no-such-route').set('authorization', farmer)],
      ['a method the path does not have', 404, () => t.http().delete('/farms').set('authorization', farmer)],
      ['a farm that does not exist', 404, () => t.http().get('/farms/nl-shape-9999/years').set('authorization', t.token('nvwa', 'regulator'))],
      ['a path value off its pattern', 400, () => t.http().get('/farms/NOT_A_FARM').set('authorization', farmer)],
      ['a write without its Idempotency-Key', 400, () => t.rawHttp().post('/farms').set('authorization', farmer).send(demoFarm('nl-shape-0002'))],
      ['the same farm twice', 409, () => t.http().post('/farms').set('authorization', farmer).send(demoFarm('nl-shape-0001'))],
      ['a key reused for another request', 422, async () => {
        await t.http().post('/farms').set('authorization', farmer).set('idempotency-key', 'shape-key-1').send(demoFarm('nl-shape-0003')).expect(201);
        return t.http().post('/farms').set('authorization', farmer).set('idempotency-key', 'shape-key-1').send(demoFarm('nl-shape-0004'));
      }],
      ['malformed JSON', 400, () => raw('POST', '/farms', { authorization: farmer, 'content-type': 'application/json', 'idempotency-key': 'shape-key-2' }, '{"farmId": ')],
      ['a body that is not JSON', 415, () => raw('POST', '/farms', { authorization: farmer, 'content-type': 'text/plain', 'idempotency-key': 'shape-key-3' }, '{}')],
      ['a body too large', 413, () => raw('POST', '/farms', { authorization: farmer, 'content-type': 'application/json', 'idempotency-key': 'shape-key-4' }, JSON.stringify({ padding: 'x'.repeat(300 * 1024) }))],
    ];
    const problems: string[] = [];
    // One after another: the 422 case writes before it refuses.
    for (const [name, status, send] of cases) {
      const res = (await send()) as Answer;
      problems.push(...judged(status, res).map((p) => `${name}: ${p} ${JSON.stringify(res.body).slice(0, 160)}`));
    }
    expect(problems).toEqual([]);
  });
});

describe('the classes the document names', () => {
  it('are each declared once: the document keeps one schema per class name, so a second class of that name would replace the first', () => {
    // Found so: the application's and the norm set's WithdrawDto, and the norm set's and the what-if's ChangeDto.
    const sources = readdirSync(join(__dirname), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
    const declaredIn = new Map<string, string[]>();
    const named = new Set<string>();
    for (const file of sources) {
      const text = readFileSync(join(__dirname, file), 'utf8');
      for (const [, name] of text.matchAll(/^(?:export )?class (\w+)/gm)) declaredIn.set(name, [...(declaredIn.get(name) ?? []), file]);
      // A body, a response or a nested type becomes a named schema; path and query classes are inlined.
      for (const m of text.matchAll(/@Body\(\) \w+: (\w+)|type: \[?(\w+)\]?[,\s}]|response: (\w+)[,\s}]/g)) named.add(m[1] ?? m[2] ?? m[3]);
    }
    const twice = [...named].filter((name) => (declaredIn.get(name)?.length ?? 0) > 1).map((name) => `${name}: ${declaredIn.get(name)!.join(', ')}`);
    expect(named.size).toBeGreaterThan(20);
    expect(twice).toEqual([]);
  });
});
