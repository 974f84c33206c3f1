import { prettyLine, prettyLogStream, prettyRequestLevel, resolveLogFormat } from './pretty-logs';

describe('logs at a terminal: one short human line each, JSON elsewhere', () => {
  const at = Date.parse('2027-02-01T10:00:05.000Z');

  it('is pretty on a terminal unless told otherwise, JSON in a pipe or a file', () => {
    expect(resolveLogFormat('auto', true)).toBe('pretty');
    expect(resolveLogFormat('auto', false)).toBe('json');
    expect(resolveLogFormat('auto', undefined)).toBe('json');
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
  });

  it('writes a request as method, path, status and time, with the error when there is one', () => {
    expect(prettyLine(JSON.stringify({ level: 40, time: at, req: { method: 'POST', url: '/schemes/drenthe-2025/farms/nl-drenthe-0001/closure' }, res: { statusCode: 409 }, responseTime: 12 }))).toBe(
      '10:00:05 WARN  POST /schemes/drenthe-2025/farms/nl-drenthe-0001/closure → 409 (12 ms)',
    );
    expect(prettyLine(JSON.stringify({ level: 50, time: at, req: { method: 'GET', url: '/x' }, res: { statusCode: 500 }, err: { message: 'boom' } }))).toBe('10:00:05 ERROR GET /x → 500: boom');
  });

  it('writes an application log with its context, and drops Nest\'s start-up chatter', () => {
    expect(prettyLine(JSON.stringify({ level: 30, time: at, context: 'Ledger', msg: 'projections caught up' }))).toBe('10:00:05 INFO  [Ledger] projections caught up');
    expect(prettyLine(JSON.stringify({ level: 30, time: at, context: 'RouterExplorer', msg: 'Mapped {/farms, POST} route' }))).toBeNull();
    expect(prettyLine(JSON.stringify({ level: 40, time: at, context: 'InstanceLoader', msg: 'something odd' }))).toBe('10:00:05 WARN  [InstanceLoader] something odd');
    expect(prettyLine('not json')).toBe('not json');
  });

  it('keeps successful requests below the default level, refusals and failures above it', () => {
    expect(prettyRequestLevel({}, { statusCode: 201 })).toBe('debug');
    expect(prettyRequestLevel({}, { statusCode: 403 })).toBe('warn');
    expect(prettyRequestLevel({}, { statusCode: 503 })).toBe('error');
    expect(prettyRequestLevel({}, { statusCode: 200 }, new Error('x'))).toBe('error');
  });

  it('splits what pino writes into lines, however it arrives', async () => {
    const written: string[] = [];
    const stream = prettyLogStream({ write: (s: string) => written.push(s) });
    const line = JSON.stringify({ level: 30, time: at, msg: 'hello' });
    await new Promise<void>((done) => stream.write(line.slice(0, 10), () => done()));
    await new Promise<void>((done) => stream.write(`${line.slice(10)}\n${JSON.stringify({ level: 30, time: at, context: 'RoutesResolver', msg: 'x' })}\n`, () => done()));
    expect(written).toEqual(['10:00:05 INFO  hello\n']);
  });
});
