import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { authorisation, demoFarm, klwSubmission } from '../../../../test/support/farm-fixtures';

/**
 * The edge's conventions (docs/input-conventions.md): every malformed request is a 4xx in the one
 * error shape, naming the field, and nothing is written.
 */
describe('input at the edge', () => {
  let t: TestApp;
  let farmer: string;
  let wur: string;
  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    farmer = t.token('boer-edge', 'farmer');
    wur = t.token('wur', 'calculator');
    await t.http().post('/farms').set('authorization', farmer).send(demoFarm('edge-farm')).expect(201);
    await t.http().post('/farms/edge-farm/authorisations').set('authorization', farmer).send(authorisation('a-wur', 'wur', 'calculator', ['klw'])).expect(201);
  });
  afterAll(async () => t.close());

  const expectRefused = async (res: { status: number; body: Record<string, unknown> }, status: number, code: string, field?: string) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.body).toMatchObject({ statusCode: status, message: expect.any(String) });
    if (field) expect(res.body.field).toBe(field);
  };
  const unchanged = async (write: () => Promise<void>) => {
    const before = await t.eventCount();
    await write();
    expect(await t.eventCount()).toBe(before);
  };
  const submit = () => t.http().post('/farms/edge-farm/years/2025/submissions').set('authorization', wur);

  it('refuses null in an optional field, naming it (the value that once wedged the check reactor)', async () => {
    await unchanged(async () => {
      const body = klwSubmission('k-null', 1000, 10);
      (body.flows[0] as Record<string, unknown>).nContentGPerKg = null;
      await expectRefused(await submit().send(body), 400, 'NULL_NOT_ALLOWED', 'flows.0.nContentGPerKg');
      await expectRefused(await t.http().patch('/farms/edge-farm').set('authorization', farmer).send({ landUse: null, reason: 'census' }), 400, 'NULL_NOT_ALLOWED', 'landUse');
      await expectRefused(await t.http().patch('/farms/edge-farm').set('authorization', farmer).send({ livestockUnits: null, reason: 'census' }), 400, 'NULL_NOT_ALLOWED', 'livestockUnits');
    });
    // The ledger still answers writes.
    await submit().send(klwSubmission('k-after-null', 1000, 10)).expect(201);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the reserved key %s anywhere in a body', async (key) => {
    await unchanged(async () => {
      const top = `{"farmId":"edge-x","${key}":{"polluted":true},"province":"Drenthe"}`;
      await expectRefused(await t.http().post('/farms').set('authorization', farmer).set('content-type', 'application/json').send(top), 400, 'RESERVED_KEY', key);
      const nested = JSON.stringify(klwSubmission('k-res', 1000, 10)).replace('"kind":"milk"', `"kind":"milk","${key}":{"x":1}`);
      const res = await submit().set('content-type', 'application/json').send(nested);
      await expectRefused(res, 400, 'RESERVED_KEY', `flows.3.${key}`);
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses arrays nested in arrays instead of storing them as objects', async () => {
    await unchanged(async () => {
      await expectRefused(await submit().send({ ...klwSubmission('k-nest', 1000, 10), flows: [[[[]]]] }), 400, 'NESTED_ARRAY', 'flows.0');
    });
  });

  it('refuses nesting 3,000 levels deep with a 400, not a stack overflow', async () => {
    const deep = `{"farmId":"edge-deep","landUse":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`;
    await unchanged(async () => {
      await expectRefused(await t.http().post('/farms').set('authorization', farmer).set('content-type', 'application/json').send(deep), 400, 'TOO_DEEP');
    });
  });

  it('refuses a key given twice in one object, naming it, instead of keeping the last one in silence', async () => {
    const json = (body: string) => t.http().post('/farms').set('authorization', farmer).set('content-type', 'application/json').send(body);
    await unchanged(async () => {
      // JSON.parse keeps the last, another reader (a signer, a log, a proxy) the first: the ledger recorded edge-dup-b.
      await expectRefused(await json(JSON.stringify(demoFarm('edge-dup-b')).replace('{', '{"farmId":"edge-dup-a",')), 400, 'DUPLICATE_KEY', 'farmId');
      await expectRefused(await json(JSON.stringify(demoFarm('edge-dup-c')).replace('"farmId"', '"f\\u0061rmId":"edge-dup-d","farmId"')), 400, 'DUPLICATE_KEY', 'farmId');
      const nested = JSON.stringify(klwSubmission('k-dup', 1000, 10)).replace('"kind":"milk"', '"kind":"milk","kind":"feed"');
      await expectRefused(await submit().set('content-type', 'application/json').send(nested), 400, 'DUPLICATE_KEY', 'flows.3.kind');
      // Over a real socket, compressed: the check reads the bytes as they were decompressed.
      const zipped = gzipSync(Buffer.from('{"farmId":"edge-dup-e","farmId":"edge-dup-f"}'));
      const res = await fetch(`${t.baseUrl}/farms`, { method: 'POST', body: zipped, headers: { authorization: farmer, 'content-type': 'application/json', 'content-encoding': 'gzip', 'idempotency-key': 'dup-gzip' } });
      await expectRefused({ status: res.status, body: (await res.json()) as Record<string, unknown> }, 400, 'DUPLICATE_KEY', 'farmId');
    });
    await t.http().get('/farms/edge-dup-a').set('authorization', t.token('nvwa', 'regulator')).expect(404);
    await t.http().get('/farms/edge-dup-b').set('authorization', t.token('nvwa', 'regulator')).expect(404);
  });

  it('refuses a number beyond a double (1e400 reads as Infinity) naming the field, in a declared field and in a free document, never a 500', async () => {
    const json = (path: string, token: string, body: string) => t.http().post(path).set('authorization', token).set('content-type', 'application/json').send(body);
    await unchanged(async () => {
      const farm = JSON.stringify(demoFarm('edge-inf')).replace(/"livestockUnits":[0-9.]+/, '"livestockUnits":1e400');
      await expectRefused(await json('/farms', farmer, farm), 400, 'NUMBER_OUT_OF_RANGE', 'livestockUnits');
      await expectRefused(await json('/farms', farmer, farm.replace('1e400', '-1e400')), 400, 'NUMBER_OUT_OF_RANGE', 'livestockUnits');
      const norms = t.token('provincie-drenthe', 'norm_authority');
      const publish = '{"normSetId":"edge-inf","kind":"levy","version":1,"title":"x","legalBasis":"x","effectiveFrom":"2026-01-01","parameters":{"components":[{"rate":1e999}]}}';
      await expectRefused(await json('/norm-sets', norms, publish), 400, 'NUMBER_OUT_OF_RANGE', 'parameters.components.0.rate');
    });
  });

  it('answers a body over the limit with 413', async () => {
    const huge = { ...demoFarm('edge-huge'), padding: 'x'.repeat(300 * 1024) };
    await unchanged(async () => {
      await expectRefused(await t.http().post('/farms').set('authorization', farmer).send(huge), 413, 'PAYLOAD_TOO_LARGE', 'body');
    });
  });

  it('answers another charset or media type with 415', async () => {
    await unchanged(async () => {
      const latin1 = await t.http().post('/farms').set('authorization', farmer).set('content-type', 'application/json; charset=latin1').send(JSON.stringify(demoFarm('edge-latin')));
      await expectRefused(latin1, 415, 'UNSUPPORTED_CHARSET');
      const form = await t.http().post('/farms').set('authorization', farmer).set('content-type', 'application/x-www-form-urlencoded').send('farmId=edge-form');
      await expectRefused(form, 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type');
      const text = await t.http().post('/farms').set('authorization', farmer).set('content-type', 'text/plain').send(JSON.stringify(demoFarm('edge-text')));
      await expectRefused(text, 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type');
    });
  });

  it('answers a UTF-16 or UTF-32 body with 415 as any charset but UTF-8, also with a key given twice the byte scan cannot see in it', async () => {
    // Over a real socket: supertest re-encodes bodies. The parser itself takes every charset named utf-….
    const send = async (body: Buffer, charset: string, key: string) => {
      const res = await fetch(`${t.baseUrl}/farms`, { method: 'POST', body, headers: { authorization: farmer, 'content-type': `application/json; charset=${charset}`, 'idempotency-key': `charset-${key}` } });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    await unchanged(async () => {
      await expectRefused(await send(Buffer.from(JSON.stringify(demoFarm('edge-utf16')), 'utf16le'), 'utf-16le', 'plain'), 415, 'UNSUPPORTED_CHARSET');
      // In UTF-16 'Ģ' (U+0122) and '∀' (U+2200) each hold a byte 0x22, a quote to a scan of UTF-8: between them it takes
      // text for structure and structure for text, misses two colons, and the key counts agree with two keys given twice.
      const twice = `{"farmId":"Ģ","farmId":"edge-utf16-kept","province":"∀",${JSON.stringify(demoFarm('edge-utf16-kept')).slice(1).replace(/"farmId":"[^"]*",/, '')}`;
      await expectRefused(await send(Buffer.from(twice, 'utf16le'), 'utf-16le', 'twice'), 415, 'UNSUPPORTED_CHARSET');
      await expectRefused(await send(Buffer.from(JSON.stringify(demoFarm('edge-utf16be')), 'utf16le').swap16(), 'utf-16be', 'be'), 415, 'UNSUPPORTED_CHARSET');
    });
    // UTF-8, named in any case, stays the body's one charset.
    const upper = await send(Buffer.from(JSON.stringify(demoFarm('edge-utf8-named'))), 'UTF-8', 'utf8');
    expect(upper.status).toBe(201);
  });

  it('takes a gzip body, and refuses a broken one or an unknown encoding with a 4xx', async () => {
    // Over a real socket: supertest re-encodes binary bodies.
    const send = async (body: Buffer, encoding: string, farmId: string) => {
      const res = await fetch(`${t.baseUrl}/farms`, { method: 'POST', body, headers: { authorization: farmer, 'content-type': 'application/json', 'content-encoding': encoding, 'idempotency-key': `gz-${farmId}-${encoding}-${body.length}` } });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const zipped = gzipSync(Buffer.from(JSON.stringify(demoFarm('edge-gzip'))));
    expect((await send(zipped, 'gzip', 'edge-gzip')).status).toBe(201);
    await unchanged(async () => {
      const broken = await send(gzipSync(Buffer.from(JSON.stringify(demoFarm('edge-gzip-2')))).subarray(0, zipped.length - 9), 'gzip', 'edge-gzip-2');
      await expectRefused(broken, 400, 'MALFORMED_BODY', 'body');
      await expectRefused(await send(Buffer.from('not gzip at all'), 'gzip', 'garbage'), 400, 'MALFORMED_BODY', 'body');
      await expectRefused(await send(Buffer.from('{}'), 'compress', 'compress'), 415, 'UNSUPPORTED_CONTENT_ENCODING');
    });
  });

  it('refuses a body on a GET or HEAD instead of reading as if it had none: after the token and the role, nothing recorded (D76)', async () => {
    const nvwa = t.token('nvwa-auditor', 'regulator');
    const balance = '/farms/edge-farm/years/2025/balance';
    await unchanged(async () => {
      // A regulator's read is recorded (D64): a refused one records nothing.
      const refused = await t.http().get(balance).set('authorization', nvwa).send({ asOf: '2020-01-01T00:00:00.000Z' });
      await expectRefused(refused, 400, 'UNEXPECTED_BODY', 'body');
      await expectRefused(await t.http().get('/farms/edge-farm').set('authorization', nvwa).set('content-type', 'text/plain').send('anything'), 400, 'UNEXPECTED_BODY', 'body');
      expect((await t.http().head(balance).set('authorization', farmer).set('content-type', 'application/json').send('{}')).status).toBe(400);
      // Over a real socket: a chunked body announces itself by Transfer-Encoding alone.
      const chunked = await new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
        const req = request(`${t.baseUrl}${balance}`, { method: 'GET', headers: { authorization: farmer, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
        });
        req.on('error', reject).end('{"asOf":"2020"}');
      });
      await expectRefused(chunked, 400, 'UNEXPECTED_BODY', 'body');
      // The order of refusals (D70): the token, the role, then the body.
      await expectRefused(await t.http().get(balance).send({ asOf: '2020' }), 401, 'UNAUTHENTICATED');
      await expectRefused(await t.http().get('/calculator/work-queue?kind=blocking').set('authorization', farmer).send({ x: 1 }), 403, 'ROLE_NOT_ALLOWED');
    });
    // Without a body, or with an empty one, the read answers.
    await t.http().get(balance).set('authorization', farmer).expect(200);
    await t.http().get(balance).set('authorization', farmer).set('content-length', '0').expect(200);
  });

  it('refuses a cursor edited to name no position, size or year, instead of starting the list again or ending it', async () => {
    const nvwa = t.token('nvwa-auditor', 'regulator');
    await submit().send(klwSubmission('k-cursor', 1000, 10)).expect(201);
    expect((await t.http().post('/audit/checkpoints').set('authorization', nvwa)).status).toBeLessThan(300);
    const lists = [
      { path: '/audit/events', token: nvwa }, // log positions (it began again at the start)
      { path: '/audit/checkpoints', token: nvwa }, // tree sizes
      { path: '/audit/farms/edge-farm/history', token: farmer }, // positions in a list held whole (it answered an empty page: the end)
      { path: '/farms/edge-farm/years', token: farmer }, // years
    ];
    const cursorOf = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
    for (const { path, token } of lists) {
      const first = await t.http().get(`${path}?limit=1`).set('authorization', token).expect(200);
      // The cursor it gave still pages on.
      if (first.body.nextCursor) await t.http().get(`${path}?limit=1&cursor=${first.body.nextCursor}`).set('authorization', token).expect(200);
      await unchanged(async () => {
        for (const text of ['{}', 'x', '-1', '1.5', '1e3', '0x10', ' 7', '99999999999999999999']) {
          const res = await t.http().get(`${path}?limit=1&cursor=${cursorOf(text)}`).set('authorization', token);
          await expectRefused(res, 400, 'INVALID_INPUT', 'cursor');
        }
      });
    }
  });

  it.each(['null', '2025', '"a farm"', 'true'])('refuses the JSON value %s as a body: not an object, not "invalid JSON"', async (text) => {
    const res = await t.http().post('/farms').set('authorization', farmer).set('content-type', 'application/json').send(text);
    await expectRefused(res, 400, 'NOT_AN_OBJECT', 'body');
  });

  it('refuses malformed JSON with 400', async () => {
    await expectRefused(await t.http().post('/farms').set('authorization', farmer).set('content-type', 'application/json').send('{"farmId": '), 400, 'MALFORMED_JSON', 'body');
  });

  it.each(['0x7e9', '2025.0', '+2025', ' 2025', '2025abc', '1e3', '02025'])('refuses the year %j in a path, where Number() would have read a year', async (year) => {
    await unchanged(async () => {
      const res = await t.http().post(`/farms/edge-farm/years/${encodeURIComponent(year)}/submissions`).set('authorization', wur).send(klwSubmission(`k-${Math.random().toString(36).slice(2, 8)}`, 1000, 10));
      await expectRefused(res, 400, 'INVALID_INPUT', 'year');
    });
  });

  it('refuses a hexadecimal year in a query too', async () => {
    const res = await t.http().get('/analytics/balances?year=0x7e9').set('authorization', t.token('pbl', 'policy_analyst'));
    await expectRefused(res, 400, 'INVALID_INPUT', 'year');
  });

  it('answers an unknown route with 404 in the one error shape', async () => {
    const res = await t.http().get('/no/such/route').set('authorization', farmer);
    await expectRefused(res, 404, 'NOT_FOUND');
  });
});
