import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { BearerTokens, loadLedgerConfig } from '@asb/ledger';
import { createLedgerContext, Subscribers } from '@asb/ledger/composition';
import { allProjections, ProjectionRunner, ReadModelStore, type EventTypeCount } from '@asb/projections';
import { demoFarm, klwSubmission, processorSubmission } from '../../../test/support/farm-fixtures';
import { PostgresServer } from '../../../test/support/postgres-server';
import { RedisServer } from '../../../test/support/redis-server';
import { killLedgerProcess, startApiProcess, startWorkerProcess, type ApiProcess, type LedgerProcess } from '../../../test/support/processes/ledger-process';
import { asbFromSources } from '../../../test/support/processes/asb-cli';

/**
 * Issue 15, part 2 (D56): the production shape for real — two API processes and a worker on one
 * PostgreSQL and one Redis. Writes go through both APIs; the API that leads (runs the projections,
 * reactors and checkpoint signer) is killed with SIGKILL mid-burst; another process takes over.
 * Then: every acknowledged write is in the log, no event was applied twice, the shared read models
 * equal a rebuild from zero, and `asb verify` passes.
 */
const root = resolve(__dirname, '../../..');
const FARMS = 36;
/** Registrations done, submissions in flight: the leader dies with requests open. */
const KILL_AFTER_ACKS = 30;
/** Farms registered and submitted through the survivor after the failover. */
const AFTER = 8;
/** Every third farm also gets the dairy processor's milk statement, which differs from KLW's: the checks reactor records a finding. */
const withMilkStatement = (i: number) => i % 3 === 0;

type Write = { farmId: string; kind: 'registration' | 'submission'; key: string; path: string; body: unknown; farmer: string };
type Ack = Write & { eventIds: string[]; lagged: boolean; via: string };

/** Who holds the leader lock now: the application name of its session (it carries the pid). */
const leaderPid = async (url: string): Promise<number | null> => {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ name: string }>(
      `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
          AND l.objid::bigint = (hashtext('leader:subscribers')::bigint + 4294967296) % 4294967296`,
    );
    const match = rows.map((r) => /pid (\d+)$/.exec(r.name)).find(Boolean);
    return match ? Number(match[1]) : null;
  } finally {
    await c.end();
  }
};

const until = async <T>(what: string, probe: () => Promise<T | null | false>, ms = 30_000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('two API replicas and a worker on PostgreSQL and Redis, the leader killed mid-burst', () => {
  const pg = new PostgresServer();
  const redis = new RedisServer();
  const processes: LedgerProcess[] = [];
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'asb-replicas-'));
    await Promise.all([pg.start(), redis.start()]);
  }, 30_000);
  afterAll(async () => {
    await Promise.all(processes.map((p) => killLedgerProcess(p)));
    await Promise.all([pg.stop(), redis.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write, applies no event twice, equals a rebuild and verifies', async () => {
    const databaseUrl = await pg.createDatabase();
    const base = {
      ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redis.url, JWT_SECRET: 'replicas-test-secret', LOG_LEVEL: 'warn',
      CHECKPOINT_DIR: join(dir, 'key'), CHECKPOINT_INTERVAL_SECONDS: '1', LEADER_RETRY_MS: '200', READ_YOUR_WRITES_TIMEOUT_MS: '3000',
    };
    const env = (name: string) => ({ ...base, DATA_DIR: join(dir, name) });
    const tokens = new BearerTokens(loadLedgerConfig(base));
    const bearer = (sub: string, role: 'farmer' | 'regulator') => `Bearer ${tokens.sign({ sub, role }, 600)}`;

    // The first API elects itself; the second and the worker start beside it and wait their turn.
    const a = await startApiProcess(env('api-a'));
    processes.push(a);
    expect(await until('the first API to lead', async () => (await leaderPid(databaseUrl)) === a.child.pid)).toBe(true);
    const worker = startWorkerProcess(env('worker'));
    processes.push(worker);
    const b = await startApiProcess(env('api-b'));
    processes.push(b);
    await until('the worker to stand as a candidate', async () => {
      const c = new Client({ connectionString: databaseUrl });
      await c.connect();
      const { rows } = await c.query('SELECT 1 FROM pg_stat_activity WHERE application_name LIKE $1', [`% pid ${worker.child.pid}`]);
      await c.end();
      if (worker.child.exitCode !== null) throw new Error(`the worker exited: ${worker.stderr()}`);
      return rows.length > 0;
    }, 45_000);

    const send = (url: string, w: Write) =>
      fetch(`${url}${w.path}`, {
        method: 'POST',
        headers: { authorization: bearer(w.farmer, 'farmer'), 'idempotency-key': w.key, 'content-type': 'application/json' },
        body: JSON.stringify(w.body),
      });
    const acked: Ack[] = [];
    const unanswered: Write[] = [];
    let killedAt = 0;
    /** From the kill: who leads next, and how long it took the lock to change hands (polled every 50 ms). */
    let takeover: Promise<{ pid: number; ms: number }> | null = null;
    const write = async (api: ApiProcess, w: Write): Promise<boolean> => {
      try {
        const res = await send(api.url, w);
        const body = (await res.json()) as { events?: Array<{ id: string }> };
        if (!res.ok) throw new Error(`${w.path}: ${res.status} ${JSON.stringify(body)}`);
        acked.push({ ...w, eventIds: (body.events ?? []).map((e) => e.id), lagged: res.headers.get('asb-read-models-lag') === 'true', via: api === a ? 'a' : 'b' });
        if (acked.length >= KILL_AFTER_ACKS && !killedAt) {
          killedAt = Date.now();
          a.child.kill('SIGKILL');
          takeover = until('another process to take the lead', async () => {
            const pid = await leaderPid(databaseUrl);
            return pid !== null && pid !== a.child.pid ? { pid, ms: Date.now() - killedAt } : null;
          });
        }
        return true;
      } catch (error) {
        if (!killedAt || api !== a) throw error;
        unanswered.push(w); // sent to the leader as it died: written or not, never half
        return false;
      }
    };
    const farm = (i: number) => ({ farmId: `nl-rep-${String(i).padStart(4, '0')}`, farmer: `boer-rep-${i}` });
    const story = async (i: number, api: ApiProcess) => {
      const { farmId, farmer } = farm(i);
      const registered = await write(api, { farmId, farmer, kind: 'registration', key: `reg-${farmId}`, path: '/farms', body: demoFarm(farmId) });
      const path = `/farms/${farmId}/years/2025/submissions`;
      const submissions: Write[] = [{ farmId, farmer, kind: 'submission', key: `sub-${farmId}`, path, body: klwSubmission('klw-1', 1_000_000, 300_000) }];
      if (withMilkStatement(i)) submissions.push({ farmId, farmer, kind: 'submission', key: `milk-${farmId}`, path, body: processorSubmission('zuivel-1', 952_000) });
      let answered = registered;
      for (const submission of submissions) {
        if (answered) answered = await write(api, submission);
        else unanswered.push(submission);
      }
    };

    // Idempotency across replicas: one key sent to both APIs at once writes once, and both answer it;
    // the same key with another request is refused by either.
    const twin: Write = { farmId: 'nl-rep-twin', farmer: 'boer-rep-twin', kind: 'registration', key: 'reg-twin', path: '/farms', body: demoFarm('nl-rep-twin') };
    const answers = await Promise.all([send(a.url, twin), send(b.url, twin)]);
    expect(answers.map((r) => r.status)).toEqual([201, 201]);
    const [first, second] = (await Promise.all(answers.map((r) => r.json()))) as Array<{ events: Array<{ id: string }> }>;
    expect(second.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect((await send(b.url, { ...twin, body: { ...demoFarm('nl-rep-twin'), livestockUnits: 1 } })).status).toBe(422);

    // The burst: farms alternate between the two APIs, all at once; the leader dies in the middle.
    await Promise.all(Array.from({ length: FARMS }, (_, i) => story(i, i % 2 === 0 ? a : b)));
    await a.exited;
    expect(a.child.signalCode).toBe('SIGKILL');
    expect(unanswered.length).toBeGreaterThan(0); // the kill did land mid-burst
    const { pid: newLeader, ms: failoverMs } = await takeover!;
    expect([b.child.pid, worker.child.pid]).toContain(newLeader);

    // After the failover: more farms through the survivor, and the unanswered ones retried there with the same keys.
    await Promise.all(Array.from({ length: AFTER }, (_, i) => story(FARMS + i, b)));
    for (const kind of ['registration', 'submission']) {
      for (const w of unanswered.filter((u) => u.kind === kind)) expect([w.path, (await send(b.url, w)).status]).toEqual([w.path, 201]);
    }
    const afterFailover = acked.filter((w) => w.via === 'b' && Number(w.farmId.slice(-4)) >= FARMS);
    expect(afterFailover.filter((w) => w.lagged)).toEqual([]); // read-your-writes held on the survivor

    // The survivor reads what both APIs wrote: every farm, from the shared read models.
    const regulator = bearer('nvwa-rep', 'regulator');
    const listed = await fetch(`${b.url}/farms?limit=100`, { headers: { authorization: regulator } }).then((r) => r.json() as Promise<{ items: Array<{ farmId: string }> }>);
    expect(listed.items.map((f) => f.farmId)).toEqual([...Array.from({ length: FARMS + AFTER }, (_, i) => farm(i).farmId), 'nl-rep-twin']);
    for (const w of acked.filter((x) => x.kind === 'submission')) {
      const res = await fetch(`${b.url}/farms/${w.farmId}/years/2025/submissions`, { headers: { authorization: bearer(w.farmer, 'farmer') } });
      expect([w.farmId, res.status]).toEqual([w.farmId, 200]);
    }

    // Let the leader finish (reactors write findings, which projections then fold), then stop every process.
    const ledger = await createLedgerContext({ config: loadLedgerConfig({ ...env('check'), REDIS_URL: '' }), processJobs: false, runProjections: false, scheduleSeals: false });
    const { runtime } = ledger;
    try {
      const subscribers = [...allProjections.map((p) => p.name), ...ledger.get(Subscribers).reactors.map((r) => r.name)];
      await until('the read models to reach the head', async () => {
        const head = await runtime.store.headPosition();
        const positions = await Promise.all(subscribers.map(async (n) => (await runtime.projectionStore.checkpoint(n))?.position ?? 0));
        return Math.min(...positions) >= head && (await runtime.store.headPosition()) === head;
      });
      await Promise.all(processes.map((p) => killLedgerProcess(p, 'SIGTERM')));

      const log = await runtime.store.readAll({ limit: 100_000 });
      const ids = new Set(log.map((e) => e.id));
      // Every acknowledged write is there, whole.
      for (const w of acked) expect([w.key, w.eventIds.length > 0, w.eventIds.filter((id) => !ids.has(id))]).toEqual([w.key, true, []]);
      // One registration and one submission per farm, whoever answered (idempotency across replicas).
      const registrations = log.filter((e) => e.type === 'FarmRegistered').map((e) => (e.data as { farmId: string }).farmId);
      expect(registrations.sort()).toEqual([...Array.from({ length: FARMS + AFTER }, (_, i) => farm(i).farmId), 'nl-rep-twin']);
      const milkStatements = Array.from({ length: FARMS + AFTER }, (_, i) => i).filter(withMilkStatement).length;
      expect(log.filter((e) => e.type === 'BalanceDataSubmitted')).toHaveLength(FARMS + AFTER + milkStatements);
      // The checks reactor acted once per submission, across the failover (its command ids are derived from the event).
      const causes = log.filter((e) => e.metadata.actor.id === 'checks').map((e) => `${e.streamId} ${e.metadata.causationId}`);
      expect(causes.length).toBeGreaterThan(0);
      expect(new Set(causes).size).toBe(causes.length);

      // No event applied twice: the event catalogue counts each event once, and each projection's
      // checkpoint counts what it applied; and the shared read models equal a rebuild from zero.
      const catalogue = await runtime.queries.list<EventTypeCount>('event-catalogue');
      expect(catalogue.reduce((n, d) => n + d.doc.count, 0)).toBe(log.length);
      const rebuilt = await new ProjectionRunner(runtime.store, new ReadModelStore(':memory:'), allProjections).rebuild();
      for (const p of rebuilt.projections) {
        expect([p.name, await runtime.projectionStore.digest(p.name)]).toEqual([p.name, p.digest]);
        expect([p.name, (await runtime.projectionStore.checkpoint(p.name))?.eventsApplied]).toEqual([p.name, p.eventsApplied]);
      }
      expect(await runtime.projectionStore.parkedCounts()).toEqual({});

      const verify = spawnSync(process.execPath, asbFromSources('verify'), { cwd: root, encoding: 'utf8', env: env('cli') });
      expect(verify.stdout).toMatch(/^OK: \d+ events/);
      expect(verify.status).toBe(0);
      if (process.env.ASB_REPLICAS_REPORT) {
        console.log({ acked: acked.length, unanswered: unanswered.length, events: log.length, failoverMs, newLeader: newLeader === b.child.pid ? 'api b' : 'worker', lagged: acked.filter((w) => w.lagged).length });
      }
    } finally {
      await ledger.close();
    }
  }, 90_000);
});
