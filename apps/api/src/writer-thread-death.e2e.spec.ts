import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BearerTokens, IntegrityService, loadLedgerConfig } from '@asb/ledger';
import { createLedgerContext } from '@asb/ledger/composition';
import { demoFarm, klwSubmission } from '../../../test/support/farm-fixtures';
import { killLedgerProcess, startApiProcess, type ApiProcess } from '../../../test/support/processes/ledger-process';

/** Loaded into the API process: SIGWINCH terminates its event-store writer thread, and only that. */
const KILL_WRITER = resolve(__dirname, '../../../test/support/processes/kill-writer-thread.cjs');
const FARMS = 30;
/**
 * The thread is killed after this many answers, a third of the registrations: the rest of them and every
 * submission still to come. Killed later (35: registrations done, submissions in flight) the last batch could
 * commit before the thread was gone — with a faster request path (D73) one run in three had nothing refused.
 */
const KILL_AFTER_ACKS = 10;

type Write = { farmId: string; kind: 'registration' | 'submission'; key: string; path: string; body: unknown; farmer: string };
type Ack = Write & { eventIds: string[] };
type Answer = { status: number; body: { code?: string; message?: string; events?: Array<{ id: string }> } };

/**
 * D66 left it to a unit of the store: the writer thread of the embedded store dies (here: terminated from
 * outside, in a real API process run from the sources, while a burst of writes is in flight) and the process
 * lives on. Then `/health` answers 503 STORE_DAMAGED naming the thread, so a supervisor restarts it; every
 * write is refused, none acknowledged; and after the restart every acknowledged write is there, what was
 * refused or unanswered is written once when retried with its key, and the log verifies (D76).
 */
describe('the writer thread dies under a running API', () => {
  let dir: string;
  let api: ApiProcess | null = null;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'asb-writer-death-'))));
  afterEach(async () => {
    await killLedgerProcess(api);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 STORE_DAMAGED on /health, refuses every write, and loses nothing acknowledged across the restart', async () => {
    const env = { ...process.env, DATA_DIR: dir, JWT_SECRET: 'writer-death-test-secret', LOG_LEVEL: 'error', SEAL_INTERVAL_SECONDS: '3600', STORE_WRITER_THREAD: 'on', SUBSCRIBERS_THREAD: 'on' };
    const config = loadLedgerConfig(env);
    const tokens = new BearerTokens(config);
    const bearer = (sub: string, role: 'farmer' | 'regulator') => `Bearer ${tokens.sign({ sub, role }, 600)}`;
    const send = async (base: string, w: Write): Promise<Answer> => {
      const res = await fetch(`${base}${w.path}`, {
        method: 'POST',
        headers: { authorization: bearer(w.farmer, 'farmer'), 'idempotency-key': w.key, 'content-type': 'application/json' },
        body: JSON.stringify(w.body),
      });
      return { status: res.status, body: (await res.json()) as Answer['body'] };
    };

    api = await startApiProcess(env, [KILL_WRITER]);
    const first = api;
    const acked: Ack[] = [];
    const refused: Array<{ write: Write; answer: Answer }> = [];
    let killed = false;
    const write = async (w: Write): Promise<boolean> => {
      const answer = await send(first.url, w);
      if (answer.status >= 200 && answer.status < 300) {
        acked.push({ ...w, eventIds: (answer.body.events ?? []).map((e) => e.id) });
        if (acked.length >= KILL_AFTER_ACKS && !killed) {
          killed = true;
          first.child.kill('SIGWINCH');
        }
        return true;
      }
      if (!killed) throw new Error(`${w.path} refused before the thread was killed: ${answer.status} ${JSON.stringify(answer.body)}`);
      refused.push({ write: w, answer });
      return false;
    };
    const chains = Array.from({ length: FARMS }, (_, i) => {
      const farmId = `nl-wdeath-${String(i).padStart(4, '0')}`;
      const farmer = `boer-wdeath-${i}`;
      return [
        { farmId, farmer, kind: 'registration' as const, key: `reg-${farmId}`, path: '/farms', body: demoFarm(farmId) },
        { farmId, farmer, kind: 'submission' as const, key: `sub-${farmId}`, path: `/farms/${farmId}/years/2025/submissions`, body: klwSubmission('klw-1', 1_000_000, 300_000) },
      ];
    });
    const unsent: Write[] = [];
    await Promise.all(
      chains.map(async (chain) => {
        for (const [n, w] of chain.entries()) {
          if (!(await write(w))) {
            unsent.push(...chain.slice(n + 1));
            break;
          }
        }
      }),
    );
    expect(killed).toBe(true);
    // The thread died with writes still coming: some were refused, none of them acknowledged.
    expect(refused.length).toBeGreaterThan(0);
    if (process.env.ASB_WRITER_DEATH_REPORT) console.log({ acked: acked.length, refused: refused.length, unsent: unsent.length });

    // The process lives on, and says the store is unusable for writing: a probe's 503 naming the thread.
    let health: Answer = { status: 0, body: {} };
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
      const res = await fetch(`${first.url}/health`);
      health = { status: res.status, body: (await res.json()) as Answer['body'] };
      if (health.status === 503) break;
    }
    expect(health.status).toBe(503);
    expect(health.body.code).toBe('STORE_DAMAGED');
    expect(health.body.message).toMatch(/writer thread stopped/);
    expect(first.child.exitCode).toBeNull();
    // Every write from then on is refused, and none answers as if it were recorded.
    const late: Write = { farmId: 'nl-wdeath-late', farmer: 'boer-wdeath-late', kind: 'registration', key: 'reg-late', path: '/farms', body: demoFarm('nl-wdeath-late') };
    const lateAnswer = await send(first.url, late);
    expect({ status: lateAnswer.status, code: lateAnswer.body.code }).toEqual({ status: 503, code: 'STORE_DAMAGED' });
    for (const { write: w, answer: a } of refused) expect([w.path, a.status, a.body.code]).toEqual([w.path, 503, 'STORE_DAMAGED']);
    // Reads still answer from what was committed.
    const farmer0 = chains[0]![0]!.farmer;
    expect((await fetch(`${first.url}/farms/${chains[0]![0]!.farmId}`, { headers: { authorization: bearer(farmer0, 'farmer') } })).status).toBe(200);

    await killLedgerProcess(first);
    api = await startApiProcess(env);
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    // Every acknowledged write reads back over HTTP.
    for (const a of acked) {
      const auth = { authorization: bearer(a.farmer, 'farmer') };
      const path = a.kind === 'registration' ? `/farms/${a.farmId}` : `/farms/${a.farmId}/years/2025/submissions`;
      const res = await fetch(`${api.url}${path}`, { headers: auth });
      expect([path, res.status]).toEqual([path, 200]);
      if (a.kind === 'submission') expect(JSON.stringify(await res.json())).toContain('klw-1');
    }
    // What was refused or never sent is retried with its key: written now, once (a batch that committed before its answer was lost answers as recorded).
    for (const kind of ['registration', 'submission'] as const) {
      for (const w of [...refused.map((r) => r.write), ...unsent, late].filter((u) => u.kind === kind)) expect([w.path, (await send(api.url, w)).status]).toEqual([w.path, 201]);
    }
    api.child.kill('SIGTERM');
    await api.exited;

    const ledger = await createLedgerContext({ config, processJobs: false, runProjections: false, scheduleSeals: false });
    try {
      const log = await ledger.runtime.store.readAll({ limit: 100_000 });
      const ids = new Set(log.map((e) => e.id));
      for (const a of acked) expect(a.eventIds.length).toBeGreaterThan(0);
      for (const a of acked) expect(a.eventIds.filter((id) => !ids.has(id))).toEqual([]);
      const registrations = log.filter((e) => e.type === 'FarmRegistered').map((e) => (e.data as { farmId: string }).farmId);
      expect(registrations.sort()).toEqual([...chains.map((c) => c[0]!.farmId), 'nl-wdeath-late'].sort());
      expect(log.filter((e) => e.type === 'BalanceDataSubmitted')).toHaveLength(FARMS);
      expect(await ledger.get(IntegrityService).verify()).toMatchObject({ ok: true });
    } finally {
      await ledger.close();
    }
  }, 90_000);
});
