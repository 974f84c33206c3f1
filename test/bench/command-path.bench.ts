import Database from 'better-sqlite3';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BearerTokens, loadLedgerConfig } from '@asb/ledger';
import type { LoopDelay, ThreadCpu } from '@asb/ledger/composition';
import { freePort } from '../support/free-port';
import { klwSubmission } from '../support/farm-fixtures';
import { runLoad, type LoadRequest, type LoadResult } from './http/load';
import { CALCULATOR, farmerOf, farmIdOf, SEEDED_YEAR, seedFarms } from './http/seed-farms';
import { fmt, line } from './measure';

/**
 * Server CPU of one balance read before issue 18, measured by this bench on the build machine at
 * 7f4b3c5 (0.76 and 0.82 ms in two runs; the issue's own profile said 2.1 ms): the yardstick of "3× per core".
 */
const BALANCE_READ_CPU_MS_BEFORE = 0.8;

/** The raw engine's fsync'd single-row insert rate on this disk: the yardstick of the command path. */
const rawInsertRate = (dir: string, rows = 2000): number => {
  const file = join(dir, `raw-${randomUUID()}.db`);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE raw (position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE, stream TEXT, body TEXT)');
  const insert = db.prepare('INSERT INTO raw (id, stream, body) VALUES (?, ?, ?)');
  const body = JSON.stringify({ type: 'BalanceDataSubmitted', data: klwSubmission('x', 1_000_000, 300_000) });
  const started = performance.now();
  for (let i = 0; i < rows; i++) db.transaction(() => insert.run(randomUUID(), `farm-${i % 1000}`, body))();
  const perSecond = rows / ((performance.now() - started) / 1000);
  db.close();
  rmSync(file, { force: true });
  return perSecond;
};

/** The API in a child process, and the few questions the bench asks it over IPC. */
const startServer = async (dataDir: string, port: number) => {
  const child: ChildProcess = fork(join(__dirname, 'http', 'bench-server.js'), [], {
    // BENCH_SERVER_NODE_FLAGS: the API's own Node flags (e.g. its young generation), instead of the bench's.
    execArgv: process.env.BENCH_SERVER_NODE_FLAGS?.split(' ').filter(Boolean) ?? process.execArgv,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (value: unknown) => void>();
  let next = 1;
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.on('message', (m: { id: number; value: unknown }) => (m.id === 0 ? resolve() : waiting.get(m.id)?.(m.value)));
  });
  const ask = <T>(cmd: string) =>
    new Promise<T>((resolve) => {
      const id = next++;
      waiting.set(id, resolve as (v: unknown) => void);
      child.send({ id, cmd });
    });
  await ready;
  const cpuMs = async (): Promise<CpuSample> => {
    type Answer = { process: { user: number; system: number }; request: ThreadCpu | null; subscriber: ThreadCpu | null | undefined; threads: Record<string, number> };
    const u = await ask<Answer>('cpu');
    return { total: (u.process.user + u.process.system) / 1000, request: u.request, subscriber: u.subscriber ?? null, threads: u.threads };
  };
  return { cpuMs, loop: () => ask<Loop>('loop'), profileStart: () => ask('profile-start'), profileStop: () => ask<string>('profile-stop'), settle: () => ask('settle'), whatIfLoaded: () => ask<{ waitedMs: number; heapMb: number }>('what-if-loaded'), subscribersOff: () => ask('subscribers-off'), stop: () => ask('stop') };
};

/** The request thread's event-loop delay (ms), its garbage collector's pauses over a run, and its heap in use at the end (and what its stream folds weigh of it, D79). */
type Loop = { p99: number; max: number; subscribers: LoopDelay | null; gc: { pauses: number; totalMs: number; maxMs: number; majorPauses: number; majorMs: number }; heapMb: number; foldsMb: number; stages?: StageSummary };
/** STAGE_TIMINGS=1: where a write's latency went, per stage (ms), and the writer's batches (issue 18). */
type StageSummary = { stages: Record<string, { n: number; mean: number; p50: number; p90: number; p99: number }>; batchSize: { n: number; mean: number; p50: number; p90: number; max: number }; writerMs: { n: number; mean: number; p50: number; p90: number; p99: number } };
type CpuSample = { total: number; request: ThreadCpu | null; subscriber: ThreadCpu | null; threads: Record<string, number> };
/** CPU ms per request by thread (Linux): requests, subscribers, the busiest other thread (the store's writer), the rest (GC helpers, libuv). */
type ThreadShares = { request: number; subscribers: number; writer: number; rest: number };
type Measured = LoadResult & {
  cpuMsPerRequest: number;
  threads: ThreadShares | null;
  /** What the load generator (this process) spent per request: it shares the two cores with the server. */
  loadMsPerRequest: number;
  raw: number;
  loop: Loop;
};

const threadShares = (before: CpuSample, after: CpuSample, requests: number): ThreadShares | null => {
  if (!before.request || !after.request) return null;
  const delta = (tid: number | undefined) => (tid === undefined ? 0 : (after.threads[tid] ?? 0) - (before.threads[tid] ?? 0));
  const request = after.request.cpuMs - before.request.cpuMs;
  const subscribers = after.subscriber && before.subscriber ? after.subscriber.cpuMs - before.subscriber.cpuMs : 0;
  const known = new Set([String(after.request.tid), String(after.subscriber?.tid)]);
  const writer = Math.max(0, ...Object.keys(after.threads).filter((tid) => !known.has(tid)).map((tid) => delta(Number(tid))));
  const rest = after.total - before.total - request - subscribers - writer;
  const per = (ms: number) => ms / Math.max(1, requests);
  return { request: per(request), subscribers: per(subscribers), writer: per(writer), rest: per(rest) };
};

/**
 * One load run, with the raw engine's insert rate measured right before and right after it: the disk
 * of a shared machine moves by 10× within minutes, so the yardstick must be next to the figure.
 */
const measure = async (dir: string, server: Awaited<ReturnType<typeof startServer>>, run: () => Promise<LoadResult>): Promise<Measured> => {
  await server.settle();
  const rawBefore = rawInsertRate(dir, 1000);
  const before = await server.cpuMs();
  await server.loop();
  const load = process.cpuUsage();
  const result = await run();
  const loadUsage = process.cpuUsage(load);
  const loop = await server.loop();
  await server.settle(); // what the run left to its subscribers is part of its cost
  const after = await server.cpuMs();
  const rawAfter = rawInsertRate(dir, 1000);
  return {
    ...result,
    cpuMsPerRequest: (after.total - before.total) / Math.max(1, result.completed),
    threads: threadShares(before, after, result.completed),
    loadMsPerRequest: (loadUsage.user + loadUsage.system) / 1000 / Math.max(1, result.completed),
    raw: (rawBefore + rawAfter) / 2,
    loop,
  };
};

/** The subscriber thread's loop (D78): every read-your-writes answer waits on it; its own CPU is what contention does not inflate. */
const subscriberLoop = ({ loop: { subscribers: s } }: Measured) =>
  s ? `; subscriber thread's event-loop delay p99 ${s.p99.toFixed(0)} ms, max ${s.max.toFixed(0)} ms, its own CPU between two turns max ${s.cpuMax?.toFixed(0)} ms, ${s.cpuOver10} over 10 ms` : '';

const describe = (r: Measured) =>
  `${fmt(Math.round(r.perSecond))}/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(0)} ms, >1 s: ${r.overOneSecond}, ` +
  `server CPU ${r.cpuMsPerRequest.toFixed(2)} ms/req${r.threads ? ` (request thread ${r.threads.request.toFixed(2)}, subscribers ${r.threads.subscribers.toFixed(2)}, writer ${r.threads.writer.toFixed(2)}, other ${r.threads.rest.toFixed(2)})` : ''}, load generator ${r.loadMsPerRequest.toFixed(3)} ms/req, request thread's event-loop delay p99 ${r.loop.p99.toFixed(0)} ms, max ${r.loop.max.toFixed(0)} ms, GC ${r.loop.gc.totalMs.toFixed(0)} ms in ${r.loop.gc.pauses} pauses, max ${r.loop.gc.maxMs.toFixed(1)} ms (mark-compact ${r.loop.gc.majorPauses}, ${r.loop.gc.majorMs.toFixed(0)} ms), heap ${r.loop.heapMb.toFixed(0)} MB (folds ${r.loop.foldsMb.toFixed(0)} MB); raw ${fmt(Math.round(r.raw))}/s; bodies checked ${r.bodies.checked}${r.bodies.wrong ? `, WRONG: ${r.bodies.wrong} (${r.bodies.firstWrong})` : ''}${r.failed ? `, NOT 2xx: ${JSON.stringify(r.statuses)} ${JSON.stringify(r.refusals)}` : ''}` +
  (r.max > 1000 && r.slowest ? `; slowest sent at ${r.slowest.sentAtMs} ms, ${r.slowest.status}` : '') +
  subscriberLoop(r) +
  stageLine(r);

const stageLine = ({ loop: { stages: s } }: Measured) =>
  s
    ? `; stages (mean/p50/p90/p99 ms) ${Object.entries(s.stages)
        .map(([name, h]) => `${name} ${h.mean.toFixed(1)}/${h.p50.toFixed(1)}/${h.p90.toFixed(1)}/${h.p99.toFixed(1)}`)
        .join(', ')} (n ${Object.values(s.stages)[0]?.n ?? 0}); batches ${s.batchSize.n}, size mean ${s.batchSize.mean.toFixed(1)} p50 ${s.batchSize.p50} p90 ${s.batchSize.p90} max ${s.batchSize.max}; writer per batch ${s.writerMs.mean.toFixed(1)}/${s.writerMs.p50.toFixed(1)}/${s.writerMs.p90.toFixed(1)}/${s.writerMs.p99.toFixed(1)} ms`
    : '';

/** What a sampled answer must hold (the load generator checks one in 32): a submission's recorded event, a farm-year's balance, every bulk item accepted. */
const recordedSubmission = (body: unknown) => {
  const events = (body as { events?: Array<{ type?: unknown; position?: unknown }> }).events;
  return Array.isArray(events) && events.some((e) => e.type === 'BalanceDataSubmitted' && typeof e.position === 'number');
};
const balanceOf = (farmId: string) => (body: unknown) => {
  const balance = (body as { balance?: { farmId?: unknown; year?: unknown } }).balance;
  return balance?.farmId === farmId && balance.year === SEEDED_YEAR;
};
const everyItemAccepted = (count: number) => (body: unknown) => {
  const items = (body as { items?: Array<{ status?: unknown }> }).items;
  return Array.isArray(items) && items.length === count && items.every((i) => i.status === 'accepted');
};

const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

/**
 * Issue 18: the command path over HTTP against the disk's own limit, in the same run. A farmer's
 * KLW submission, round-robin over 2,000 farms, at 1, 16 and 64 connections; balance reads; a
 * starvation check under overload; the calculators' bulk intake of 15,000 farms; and the same
 * commands with projections and reactors stopped in the API process.
 */
export const benchCommandPath = async (options: { farms: number; roundRobin: number; seconds: number }) => {
  const dir = mkdtempSync(join(tmpdir(), 'asb-bench-http-'));
  console.log(`\nCommand path over HTTP (issue 18): ${fmt(options.farms)} farms seeded, submissions round-robin over ${fmt(options.roundRobin)}, ${options.seconds} s per run; load generator: ${process.env.BENCH_LOAD_CLIENT === 'http' ? "Node's http client" : 'raw sockets'}`);
  const tokens = new BearerTokens(loadLedgerConfig({}));
  const calculatorToken = `Bearer ${tokens.sign({ sub: CALCULATOR, role: 'calculator' }, 3600)}`;
  const farmerTokens = Array.from({ length: options.roundRobin }, (_, f) => `Bearer ${tokens.sign({ sub: farmerOf(f), role: 'farmer' }, 3600)}`);
  const runId = randomUUID().slice(0, 8);
  const submission = (i: number): LoadRequest => {
    const f = i % options.roundRobin;
    const id = `s-${runId}-${i}`;
    return {
      method: 'POST',
      path: `/farms/${farmIdOf(f)}/years/2025/submissions`,
      headers: { authorization: farmerTokens[f], 'idempotency-key': id },
      body: JSON.stringify(klwSubmission(id, 900_000 + (i % 1000), 300_000)),
      check: recordedSubmission,
    };
  };
  let issued = 0;
  const commands = (connections: number, seconds = options.seconds) => () =>
    runLoad({ port, connections, seconds, next: () => submission(issued++) });
  // CPU per submission grows with the submissions a farm-year already holds (the checks and the balance read
  // them all): each run says how many it started and ended with, so that runs in another order compare (D72, third step).
  const heldFrom = (before: number) => `; farm-years held ${(before / options.roundRobin).toFixed(1)}–${(issued / options.roundRobin).toFixed(1)} submissions each`;
  let read = 0;
  const balanceReads = () =>
    runLoad({ port, connections: 16, seconds: options.seconds, next: () => {
      const f = read++ % options.roundRobin;
      return { method: 'GET', path: `/farms/${farmIdOf(f)}/years/${SEEDED_YEAR}/balance`, headers: { authorization: farmerTokens[f] }, check: balanceOf(farmIdOf(f)) };
    } });
  let port = 0;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    await seedFarms(join(dir, 'events.db'), options.farms);
    port = await freePort();
    server = await startServer(dir, port);
    await commands(16, 2)(); // warm-up: JIT, caches, the first checkpoint
    // The what-if inputs' background load after a start runs on the request thread (D71): its garbage and pauses are not a request's.
    const whatIf = await server.whatIfLoaded();
    line('what-if inputs loaded on the request thread (after the warm-up run)', `waited ${(whatIf.waitedMs / 1000).toFixed(1)} s; the thread's heap then ${whatIf.heapMb.toFixed(0)} MB`);
    if (process.env.BENCH_CPU_PROF) {
      // A profile of the server under load (BENCH_CPU_PROF: the folder; BENCH_PROFILE_PHASE=balance for reads, BENCH_PROFILE_SUBSCRIBERS=off).
      if (process.env.BENCH_PROFILE_SUBSCRIBERS === 'off') await server.subscribersOff();
      const phase = process.env.BENCH_PROFILE_PHASE === 'balance' ? balanceReads : commands(64);
      const profiled = await measure(dir, server, async () => {
        await server!.profileStart();
        const result = await phase();
        line('profile written', await server!.profileStop());
        return result;
      });
      line(`profiled: ${process.env.BENCH_PROFILE_PHASE === 'balance' ? 'balance reads, 16' : 'submissions, 64'} connections`, describe(profiled));
      return;
    }
    // BENCH_HTTP_PHASES picks parts (commands, overload, balance, bulk, off); all by default.
    const phases = process.env.BENCH_HTTP_PHASES?.split(',');
    const phase = (name: string) => !phases || phases.includes(name);
    if (phase('commands')) {
      const byConnections: Array<[number, Measured, string]> = [];
      // BENCH_HTTP_CONNECTIONS picks the concurrencies (default 1,16,64).
      const concurrencies = (process.env.BENCH_HTTP_CONNECTIONS ?? '1,16,64').split(',').map(Number);
      for (const c of concurrencies) {
        const before = issued;
        const measured = await measure(dir, server, commands(c));
        byConnections.push([c, measured, heldFrom(before)]);
      }
      for (const [c, r, held] of byConnections) line(`submissions, ${c} connection${c > 1 ? 's' : ''}`, `${describe(r)}; ${(r.perSecond / r.raw).toFixed(3)}× raw${held}`);
      const best = Math.max(...byConnections.map(([, r]) => r.perSecond / r.raw));
      const at64 = byConnections.find(([c]) => c === 64)?.[1];
      line('  commands/s ÷ raw fsync\'d inserts/s, best run (target ≥ 0.25)', `${best.toFixed(3)} — ${verdict(best >= 0.25)}`);
      if (at64) line('  p99 at 64 connections (target < 100 ms, 0 over 1 s)', `${at64.p99.toFixed(1)} ms, ${at64.overOneSecond} over 1 s — ${verdict(at64.p99 < 100 && at64.overOneSecond === 0)}`);
    }

    if (phase('overload')) {
      const before = issued;
      const overload = await measure(dir, server, commands(256));
      line('overload: submissions, 256 connections', `${describe(overload)}${heldFrom(before)}`);
      const fair = overload.max <= 5 * overload.p99 && overload.perConnection.min > 0;
      line('  fairness (max ≤ 5 × p99, every connection answered)', `max ${overload.max.toFixed(0)} ms = ${(overload.max / overload.p99).toFixed(1)} × p99; per connection ${overload.perConnection.min}–${overload.perConnection.max} — ${verdict(fair)}`);
    }

    if (phase('balance')) {
      const balances = await measure(dir, server, balanceReads);
      line(`balance reads (${SEEDED_YEAR}: one KLW submission each), 16 connections`, describe(balances));
      const perCore = 1000 / balances.cpuMsPerRequest;
      const before = 1000 / BALANCE_READ_CPU_MS_BEFORE;
      line('  balance reads per CPU-second (target ≥ 3 × before)', `${fmt(Math.round(perCore))} vs ${fmt(Math.round(before))} before = ${(perCore / before).toFixed(1)}× — ${verdict(perCore >= 3 * before)}`);
    }

    if (phase('bulk')) {
      // The calculators' bulk intake: every seeded farm's KLW data, 200 farms a request, 4 requests at a time.
      const perRequest = 200;
      const requests = Math.ceil(options.farms / perRequest);
      let sent = 0;
      const bulk = await measure(dir, server, () =>
        runLoad({ port, connections: 4, requests, next: () => {
          const r = sent++;
          const items = Array.from({ length: Math.min(perRequest, options.farms - r * perRequest) }, (_, k) => {
            const f = r * perRequest + k;
            return { farmId: farmIdOf(f), year: 2025, ...klwSubmission(`bulk-${runId}-${f}`, 900_000, 300_000) };
          });
          return { method: 'POST', path: '/submissions/bulk', headers: { authorization: calculatorToken, 'idempotency-key': `bulk-${runId}-${r}` }, body: JSON.stringify({ items }), check: everyItemAccepted(items.length) };
        } }),
      );
      const bulkSeconds = bulk.seconds;
      line(`bulk intake: ${fmt(options.farms)} farms' KLW data, ${perRequest} a request, 4 at a time`, `${bulkSeconds.toFixed(1)} s = ${fmt(Math.round(options.farms / bulkSeconds))} farms/s; request p99 ${bulk.p99.toFixed(0)} ms; bodies checked ${bulk.bodies.checked}${bulk.bodies.wrong ? `, WRONG: ${bulk.bodies.wrong} (${bulk.bodies.firstWrong})` : ''}${bulk.failed ? `, NOT 2xx: ${JSON.stringify(bulk.statuses)}` : ''}`);
      line(`  ${fmt(options.farms)} farms in under 60 s (scaled: ${(options.farms / 15_000 * 60).toFixed(0)} s)`, verdict(bulkSeconds < (options.farms / 15_000) * 60 && bulk.failed === 0 && bulk.bodies.wrong === 0));
    }

    if (!phase('off')) return;
    await server.subscribersOff();
    const withoutSubscribers = await measure(dir, server, commands(64));
    line('submissions, 64 connections, projections and reactors stopped', `${describe(withoutSubscribers)}; ${(withoutSubscribers.perSecond / withoutSubscribers.raw).toFixed(3)}× raw`);
  } finally {
    await server?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
};
