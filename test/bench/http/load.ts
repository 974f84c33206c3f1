import { Agent, request } from 'node:http';

/** One request of a load run: everything the generator sends, decided per request. */
export type LoadRequest = Readonly<{ method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string }>;

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
}>;

const percentile = (sorted: Float64Array, p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : 0);

/**
 * A closed-loop load generator on Node's own http client (no autocannon here): `connections`
 * keep-alive connections, each sending its next request when the previous one was answered, for
 * `seconds` or until `requests` were sent. Latency is measured per request from send to the last byte of the answer.
 */
export const runLoad = async (options: { port: number; connections: number; seconds?: number; requests?: number; next: (i: number) => LoadRequest }): Promise<LoadResult> => {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const perConnection = new Array<number>(options.connections).fill(0);
  const refusals: Record<number, string> = {};
  let slowest: LoadResult['slowest'] = null;
  const send = (r: LoadRequest) =>
    new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: options.port, method: r.method, path: r.path, agent, headers: { ...(r.body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(r.body) } : {}), ...r.headers } }, (res) => {
        const status = res.statusCode ?? 0;
        const keep = (status < 200 || status >= 300) && refusals[status] === undefined;
        let text = '';
        res.on('data', (chunk: Buffer) => {
          if (keep) text += chunk.toString('utf8');
        });
        res.on('end', () => {
          if (keep) refusals[status] = text.slice(0, 300);
          resolve(status);
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(r.body);
    });
  let issued = 0;
  // Every connection is opened (one untimed GET /health each) before the clock starts: a storm of
  // simultaneous connects on these VMs loses SYNs and retries them after 1, 3, 7 s — a figure of the
  // kernel's handshake, not of the server's fairness (a bare Node server shows it too).
  await Promise.all(Array.from({ length: options.connections }, () => send({ method: 'GET', path: '/health' })));
  const started = performance.now();
  // For a time, or until a number of requests was sent.
  const deadline = options.seconds === undefined ? Infinity : started + options.seconds * 1000;
  const limit = options.requests ?? Infinity;
  const connection = async (c: number) => {
    while (performance.now() < deadline && issued < limit) {
      const r = options.next(issued++);
      const t0 = performance.now();
      const status = await send(r);
      const ms = performance.now() - t0;
      latencies.push(ms);
      if (!slowest || ms > slowest.ms) slowest = { sentAtMs: Math.round(t0 - started), ms: Math.round(ms), status, path: r.path };
      statuses[status] = (statuses[status] ?? 0) + 1;
      perConnection[c]++;
    }
  };
  await Promise.all(perConnection.map((_, c) => connection(c)));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
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
  };
};
