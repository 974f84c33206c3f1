import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { pinoHttp } from 'pino-http';
import { accessLog, pinoHttpOptions } from './request-logging';

/** A server that logs with `middleware` and answers each path's status; the lines it logged. */
const logged = async (middleware: (req: IncomingMessage, res: ServerResponse, next: () => void) => void, calls: Array<{ path: string; status: number; key?: string }>) => {
  const server = createServer((req, res) =>
    middleware(req, res, () => {
      res.statusCode = Number(req.url!.split('/')[2] ?? 200);
      res.end('{}');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  for (const call of calls)
    await new Promise<void>((resolve, reject) =>
      request({ host: '127.0.0.1', port, path: call.path, headers: { authorization: 'Bearer secret', ...(call.key ? { 'idempotency-key': call.key } : {}) } }, (res) => {
        res.resume();
        res.on('end', resolve);
      })
        .on('error', reject)
        .end(),
    );
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise((resolve) => setImmediate(resolve));
};

const collector = () => {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
};

/** A line without what differs between any two (time, duration, host, process). */
const content = ({ time: _t, responseTime, pid: _p, hostname: _h, err, ...rest }: Record<string, unknown>) => ({
  ...rest,
  responseTime: typeof responseTime,
  ...(err ? { err: (err as { message?: unknown }).message } : {}),
});

const CALLS = [
  { path: '/status/200', status: 200, key: 'key-1' },
  { path: '/health', status: 200 },
  { path: '/status/422', status: 422 },
  { path: '/status/500', status: 500, key: 'key-2' },
];

describe('the access log (D73)', () => {
  it('writes the line pino-http wrote, without a per-request context: request, status, time; /health left out; no token', async () => {
    const ours = collector();
    await logged(accessLog(pino({ level: 'info' }, ours.stream), false), CALLS);
    const theirs = collector();
    const http = pinoHttp(pinoHttpOptions('info', false), theirs.stream);
    await logged((req, res, next) => http(req, res, next), CALLS);

    expect(ours.lines.map(content)).toEqual([
      { level: 30, req: { id: 1, method: 'GET', url: '/status/200', idempotencyKey: 'key-1' }, res: { statusCode: 200 }, responseTime: 'number', msg: 'request completed' },
      // /health is not logged, but it took an id, as under pino-http.
      { level: 30, req: { id: 3, method: 'GET', url: '/status/422' }, res: { statusCode: 422 }, responseTime: 'number', msg: 'request completed' },
      { level: 30, req: { id: 4, method: 'GET', url: '/status/500', idempotencyKey: 'key-2' }, res: { statusCode: 500 }, err: 'failed with status code 500', responseTime: 'number', msg: 'request errored' },
    ]);
    expect(ours.lines.map(content)).toEqual(theirs.lines.map(content));
    expect(JSON.stringify(ours.lines)).not.toContain('secret');
  });

  it('logs at the outcome\'s level when pretty: a success below the default level, a refusal a warning, a failure an error', async () => {
    const ours = collector();
    await logged(accessLog(pino({ level: 'debug' }, ours.stream), true), CALLS);
    expect(ours.lines.map((l) => [l.level, (l.res as { statusCode: number }).statusCode])).toEqual([
      [20, 200],
      [40, 422],
      [50, 500],
    ]);
  });

  it('says "request aborted", as pino-http does, when the client went away before the answer ended: not a completed 200', async () => {
    const abandoned = async (middleware: (req: IncomingMessage, res: ServerResponse, next: () => void) => void, lines: Array<Record<string, unknown>>) => {
      const server = createServer((req, res) => middleware(req, res, () => setTimeout(() => res.end('{}'), 200)));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const req = request({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: '/farms/nl-1/balance' });
      req.on('error', () => undefined);
      req.end();
      await new Promise((resolve) => setTimeout(resolve, 50));
      req.destroy();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return lines.map(content);
    };
    const theirs = collector();
    const http = pinoHttp(pinoHttpOptions('info', false), theirs.stream);
    const expected = await abandoned((req, res, next) => http(req, res, next), theirs.lines);
    expect(expected).toEqual([{ level: 30, req: { id: 1, method: 'GET', url: '/farms/nl-1/balance' }, res: { statusCode: 200 }, responseTime: 'number', msg: 'request aborted' }]);
    const ours = collector();
    expect(await abandoned(accessLog(pino({ level: 'info' }, ours.stream), false), ours.lines)).toEqual(expected);
  });
});
