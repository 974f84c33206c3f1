import { Agent, request } from 'node:http';
import { RawConnection, requestBytes, type KeepBody } from './raw-connection';

/**
 * One request of a load run: everything the generator sends, decided per request. `check` says whether
 * a successful answer's body is what it should be; a sample of the answers is checked with it.
 */
export type LoadRequest = Readonly<{ method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string; check?: (body: unknown) => boolean }>;

/** Every how many answers a successful one's body is read and checked. */
const BODY_SAMPLE = 32;

export type LoadResult = Readonly<{
  connections: number;
  seconds: number;
  completed: number;
  /** Answers outside 2xx (a refused or failed request still counts as answered, with its latency). */
  failed: number;
  statuses: Record<number, number>;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Requests that took longer than one second. */
  overOneSecond: number;
  /** Requests answered per connection: the fewest and the most (a starved connection shows here). */
  perConnection: { min: number; max: number };
  /** The slowest request: when it was sent (ms after the start), its status and what it asked. */
  slowest: { sentAtMs: number; ms: number; status: number; path: string } | null;
  /** The first answer of each status outside 2xx, to say what was refused. */
  refusals: Record<number, string>;
  /** Successful answers whose body was checked (a sample), and those that failed the check. */
  bodies: { checked: number; wrong: number; firstWrong?: string };
  /** Which client sent the requests: raw sockets (default) or Node's http client (BENCH_LOAD_CLIENT=http). */
  client: 'raw' | 'http';
}>;

const percentile = (sorted: Float64Array, p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : 0);

type Answer = Readonly<{ status: number; body?: string }>;
/** Sends one request on connection `c` and resolves with its answer, the body when `keepBody`. */
type Sender = Readonly<{ send: (c: number, r: LoadRequest, keepBody: KeepBody) => Promise<Answer>; close: () => void }>;

/** Keep-alive raw sockets, one per connection of the loop (D73): the bench's own CPU per request is a fraction of Node's client's. */
const rawSender = (port: number, connections: number): Sender => {
  const sockets = Array.from({ length: connections }, () => new RawConnection(port));
  return {
    send: (c, r, keepBody) => sockets[c].send(requestBytes(port, r.method, r.path, r.headers, r.body), keepBody),
    close: () => sockets.forEach((s) => s.close()),
  };
};

/** Node's own http client with a keep-alive agent: the generator before D73, kept to compare (BENCH_LOAD_CLIENT=http). */
const httpSender = (port: number, connections: number): Sender => {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const send = (_c: number, r: LoadRequest, keepBodyOf: KeepBody) =>
    new Promise<Answer>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: r.method, path: r.path, agent, headers: { ...(r.body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(r.body) } : {}), ...r.headers } }, (res) => {
        const status = res.statusCode ?? 0;
        const keepBody = keepBodyOf(status);
        let text = '';
        res.on('data', (chunk: Buffer) => {
          if (keepBody) text += chunk.toString('utf8');
        });
        res.on('end', () => resolve({ status, body: keepBody ? text : undefined }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(r.body);
    });
  return { send, close: () => agent.destroy() };
};

/** A body that fails its request's check, or does not parse: what to say of it; null when it is right. */
const wrongBody = (r: LoadRequest, body: string): string | null => {
  try {
    return r.check!(JSON.parse(body)) ? null : body.slice(0, 300);
  } catch {
    return `not JSON: ${body.slice(0, 300)}`;
  }
};

/**
 * A closed-loop load generator (no autocannon here): `connections` keep-alive connections, each
 * sending its next request when the previous one was answered, for `seconds` or until `requests`
 * were sent. Latency is measured per request from send to the last byte of the answer. Every answer's
 * status is counted; the body of the first refusal of each status is kept, and every BODY_SAMPLE-th
 * successful answer is checked with its request's `check`.
 */
export const runLoad = async (options: { port: number; connections: number; seconds?: number; requests?: number; next: (i: number) => LoadRequest }): Promise<LoadResult> => {
  const client = process.env.BENCH_LOAD_CLIENT === 'http' ? 'http' : 'raw';
  const sender = (client === 'http' ? httpSender : rawSender)(options.port, options.connections);
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const perConnection = new Array<number>(options.connections).fill(0);
  const refusals: Record<number, string> = {};
  const bodies: { checked: number; wrong: number; firstWrong?: string } = { checked: 0, wrong: 0 };
  let slowest: LoadResult['slowest'] = null;
  let answered = 0;
  const send = async (c: number, r: LoadRequest): Promise<number> => {
    const sample = r.check !== undefined && answered++ % BODY_SAMPLE === 0;
    const keepBody = (status: number) => (status >= 200 && status < 300 ? sample : refusals[status] === undefined);
    const { status, body } = await sender.send(c, r, keepBody);
    const ok = status >= 200 && status < 300;
    if (!ok && refusals[status] === undefined) refusals[status] = (body ?? '').slice(0, 300);
    if (ok && sample && body !== undefined) {
      bodies.checked++;
      const wrong = wrongBody(r, body);
      if (wrong !== null) {
        bodies.wrong++;
        bodies.firstWrong ??= wrong;
      }
    }
    return status;
  };
  let issued = 0;
  // Every connection is opened (one untimed GET /health each) before the clock starts: a storm of
  // simultaneous connects on these VMs loses SYNs and retries them after 1, 3, 7 s — a figure of the
  // kernel's handshake, not of the server's fairness (a bare Node server shows it too).
  await Promise.all(perConnection.map((_, c) => send(c, { method: 'GET', path: '/health' })));
  const started = performance.now();
  // For a time, or until a number of requests was sent.
  const deadline = options.seconds === undefined ? Infinity : started + options.seconds * 1000;
  const limit = options.requests ?? Infinity;
  const connection = async (c: number) => {
    while (performance.now() < deadline && issued < limit) {
      const r = options.next(issued++);
      const t0 = performance.now();
      const status = await send(c, r);
      const ms = performance.now() - t0;
      latencies.push(ms);
      if (!slowest || ms > slowest.ms) slowest = { sentAtMs: Math.round(t0 - started), ms: Math.round(ms), status, path: r.path };
      statuses[status] = (statuses[status] ?? 0) + 1;
      perConnection[c]++;
    }
  };
  await Promise.all(perConnection.map((_, c) => connection(c)));
  const elapsed = (performance.now() - started) / 1000;
  sender.close();
  const sorted = Float64Array.from(latencies).sort();
  const failed = Object.entries(statuses).filter(([s]) => Number(s) < 200 || Number(s) >= 300).reduce((n, [, k]) => n + k, 0);
  return {
    connections: options.connections,
    seconds: elapsed,
    completed: latencies.length,
    failed,
    statuses,
    perSecond: latencies.length / elapsed,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1] : 0,
    overOneSecond: latencies.filter((l) => l > 1000).length,
    perConnection: { min: Math.min(...perConnection), max: Math.max(...perConnection) },
    slowest,
    refusals,
    bodies,
    client,
  };
};
