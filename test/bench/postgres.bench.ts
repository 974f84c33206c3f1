import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { allProjections, PostgresReadModelStore, ProjectionRunner, ReadModelStore } from '@asb/projections';
import { BearerTokens, FarmHistory, FixedClock, loadLedgerConfig, NormSetService } from '@asb/ledger';
import { createLedgerContext } from '@asb/ledger/composition';
import { PostgresServer } from '../support/postgres-server';
import { freePort } from '../support/free-port';
import { generateNationalDataSet, prng } from './national-data-set';
import { fmt, line, rate, time } from './measure';
import { demoFarm } from '../../apps/api/src/demo/demo-fixtures';

/** The yardstick on PostgreSQL: every stored body of the same table, in log order, through JSON.parse. */
const rawReadAndParse = async (url: string): Promise<number> => {
  const c = new Client({ connectionString: url });
  await c.connect();
  let n = 0;
  let after = 0;
  try {
    for (;;) {
      const { rows } = await c.query<{ position: string; body: string }>('SELECT position, body FROM events WHERE position > $1 ORDER BY position LIMIT 1000', [after]);
      for (const row of rows) JSON.parse(row.body);
      n += rows.length;
      if (rows.length < 1000) return n;
      after = Number(rows[rows.length - 1].position);
    }
  } finally {
    await c.end();
  }
};

const root = resolve(__dirname, '../../..');

/** An API process from the build (dist/), on the given database; resolves when it answers /health. */
const startApi = async (env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> => {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], { env: { ...env, PORT: String(port) }, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return { child, url };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the API did not start');
};

/** Farm registrations over HTTP, `concurrency` at a time, spread round-robin over the given API replicas. */
const commandsPerSecond = async (urls: string[], tokens: BearerTokens, prefix: string, count: number, concurrency: number): Promise<number> => {
  let next = 0;
  const started = Date.now();
  const client = async () => {
    for (let i = next++; i < count; i = next++) {
      const farmId = `nl-${prefix}-${String(i).padStart(5, '0')}`;
      const res = await fetch(`${urls[i % urls.length]}/farms`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.sign({ sub: `boer-${farmId}`, role: 'farmer' }, 600)}`, 'idempotency-key': `reg-${farmId}`, 'content-type': 'application/json' },
        body: JSON.stringify(demoFarm(farmId)),
      });
      if (res.status !== 201) throw new Error(`POST /farms: ${res.status} ${await res.text()}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return rate(count, Date.now() - started);
};

/**
 * Issue 15, part 5: the ledger on PostgreSQL (fsync on) where PostgreSQL is installed — ingest, a
 * rebuild against the raw read + parse of the same table, one farm's as-of replay, and commands per
 * second through two API replicas against one. Skipped, saying so, where it is not.
 */
export const benchPostgres = async (options: { farms: number; years: number; commands: number }) => {
  const server = new PostgresServer({ durable: true });
  try {
    await server.start();
  } catch (error) {
    console.log(`\nPostgreSQL: skipped (${error instanceof Error ? error.message : String(error)})`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'asb-pg-bench-'));
  const years = Array.from({ length: options.years }, (_, i) => 2025 - options.years + 1 + i);
  console.log(`\nPostgreSQL (a local cluster, fsync on): ${fmt(options.farms)} farms × ${options.years} years`);
  try {
    const url = await server.createDatabase('asb_bench');
    const config = loadLedgerConfig({ DATA_DIR: join(dir, 'runtime'), DATABASE_URL: url, LOG_LEVEL: 'silent' });
    const ledger = await createLedgerContext({ config: config, clock: new FixedClock('2016-01-01T00:00:00.000Z'), processJobs: false, runProjections: false, scheduleSeals: false });
    await ledger.get(NormSetService).publishShipped();
    const ingest = await generateNationalDataSet(ledger.runtime.store, { farms: options.farms, years, seed: 2025 });
    line(`ingest (${fmt(ingest.events)} events, 1 append per stream batch)`, `${fmt(rate(ingest.events, ingest.ms))} events/s (${(ingest.ms / 1000).toFixed(1)} s)`);

    // As in the national bench: the yardstick and the rebuilds alternate, the median ratio is reported.
    const rounds: Array<{ raw: number; pg: number; sqlite: number }> = [];
    for (let round = 0; round < 3; round++) {
      const raw = await time(() => rawReadAndParse(url));
      const pgModels = new PostgresReadModelStore({ connectionString: url, schema: 'bench_rebuild' });
      const pg = await time(() => new ProjectionRunner(ledger.runtime.store, pgModels, allProjections).rebuild({ digest: false }));
      await pgModels.close();
      rmSync(join(dir, 'rebuild.db'), { force: true });
      const fileModels = new ReadModelStore(join(dir, 'rebuild.db'), { bulk: true });
      const sqlite = await time(() => new ProjectionRunner(ledger.runtime.store, fileModels, allProjections).rebuild({ digest: false }));
      fileModels.close();
      rounds.push({ raw: rate(raw.value, raw.ms), pg: rate(pg.value.eventsRead, pg.ms), sqlite: rate(sqlite.value.eventsRead, sqlite.ms) });
    }
    const mid = [...rounds].sort((a, b) => a.pg / a.raw - b.pg / b.raw)[1];
    line('raw: SELECT body … ORDER BY position + JSON.parse', `${fmt(mid.raw)} events/s`);
    line(`rebuild of all ${allProjections.length} projections into PostgreSQL`, `${fmt(mid.pg)} events/s = ${((mid.pg / mid.raw) * 100).toFixed(0)} % of raw; rounds: ${rounds.map((r) => `${((r.pg / r.raw) * 100).toFixed(0)} %`).join(', ')}`);
    line('rebuild from PostgreSQL into an embedded file', `${fmt(mid.sqlite)} events/s = ${((mid.sqlite / mid.raw) * 100).toFixed(0)} % of raw`);

    // The live read models (the as-of replay reads farm-streams from them), then one farm's as-of replay.
    await ledger.runtime.projections.start();
    await ledger.runtime.projections.caughtUp();
    const pick = prng(7);
    const latencies: number[] = [];
    for (let i = 0; i < 200; i++) {
      const farmId = `nl-${String(Math.floor(pick() * options.farms)).padStart(6, '0')}`;
      const at = `${years[Math.floor(pick() * years.length)] + 1}-03-01T00:00:00.000Z`;
      latencies.push((await time(() => ledger.get(FarmHistory).asOf(farmId, at))).ms);
    }
    latencies.sort((a, b) => a - b);
    const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(2);
    line("one farm's as-of replay (200 random farms and moments)", `median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`);
    await ledger.close();

    // Commands per second over HTTP: one API replica, then two on a fresh database (the first leads).
    const env = (db: string, name: string) => ({ ...process.env, DATABASE_URL: db, DATA_DIR: join(dir, name), CHECKPOINT_DIR: join(dir, 'key'), LOG_LEVEL: 'silent', JWT_SECRET: 'bench-secret', HOST: '127.0.0.1' });
    const tokens = new BearerTokens(loadLedgerConfig({ JWT_SECRET: 'bench-secret' }));
    const measure = async (replicas: number) => {
      const db = await server.createDatabase(`asb_bench_${replicas}`);
      const apis = [];
      for (let i = 0; i < replicas; i++) apis.push(await startApi(env(db, `api-${replicas}-${i}`)));
      try {
        await commandsPerSecond(apis.map((a) => a.url), tokens, `warm${replicas}`, 50, 8);
        return await commandsPerSecond(apis.map((a) => a.url), tokens, `r${replicas}`, options.commands, 16);
      } finally {
        for (const a of apis) a.child.kill('SIGTERM');
      }
    };
    const one = await measure(1);
    const two = await measure(2);
    line(`commands/s over HTTP, one API replica (${fmt(options.commands)} registrations, 16 at a time)`, `${fmt(one)} /s`);
    line('commands/s over HTTP, two API replicas (round-robin)', `${fmt(two)} /s = ${(two / one).toFixed(2)} × one`);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};
