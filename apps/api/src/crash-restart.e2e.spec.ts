import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BearerTokens, IntegrityService, loadLedgerConfig } from '@asb/ledger';
import { createLedgerContext } from '@asb/ledger/composition';
import { demoFarm, klwSubmission } from '../../../test/support/farm-fixtures';
import { killLedgerProcess, startApiProcess, type ApiProcess } from '../../../test/support/processes/ledger-process';

/**
 * Issue 11, part 8: the real API process is killed with SIGKILL in the middle of a burst of
 * writes and started again on the same data directory. Every write that was acknowledged is there
 * (over HTTP and in the log), nothing is half-written, and the log verifies.
 */
/** 80 writes; the kill lands after 55 answers: registrations done, submissions in flight. */
const FARMS = 40;
const KILL_AFTER_ACKS = 55;
const SUBMISSIONS = ['klw-1', 'klw-2'];

type Write = { farmId: string; kind: 'registration' | 'submission'; key: string; path: string; body: unknown; farmer: string };
type Ack = Write & { eventIds: string[] };

describe('kill -9 in the middle of a burst of writes', () => {
  let dir: string;
  let api: ApiProcess | null = null;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'asb-kill9-'))));
  afterEach(async () => {
    await killLedgerProcess(api);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write, half-writes nothing, and verifies after the restart', async () => {
    const env = { ...process.env, DATA_DIR: dir, JWT_SECRET: 'kill-9-test-secret', LOG_LEVEL: 'warn', SEAL_INTERVAL_SECONDS: '3600', READ_YOUR_WRITES_TIMEOUT_MS: '2000' };
    const config = loadLedgerConfig(env);
    const tokens = new BearerTokens(config);
    const bearer = (sub: string, role: 'farmer' | 'regulator') => `Bearer ${tokens.sign({ sub, role }, 600)}`;
    const send = (base: string, w: Write) =>
      fetch(`${base}${w.path}`, {
        method: 'POST',
        headers: { authorization: bearer(w.farmer, 'farmer'), 'idempotency-key': w.key, 'content-type': 'application/json' },
        body: JSON.stringify(w.body),
      });

    api = await startApiProcess(env);
    const first = api;
    const acked: Ack[] = [];
    const unanswered: Write[] = [];
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      first.child.kill('SIGKILL');
    };
    const write = async (w: Write): Promise<boolean> => {
      try {
        const res = await send(first.url, w);
        const body = (await res.json()) as { events?: Array<{ id: string }> };
        if (!res.ok) throw new Error(`${w.path}: ${res.status} ${JSON.stringify(body)}`);
        acked.push({ ...w, eventIds: (body.events ?? []).map((e) => e.id) });
        if (acked.length >= KILL_AFTER_ACKS) kill();
        return true;
      } catch (error) {
        if (!killed) throw error;
        unanswered.push(w); // sent, but the process died before it answered: written or not, never half
        return false;
      }
    };
    // Each farm: registration, then two submissions, one after the other; all farms at once. The store
    // commits concurrent appends together and answers them together, so the kill (after 55 of the 120
    // acknowledgements) is sure to land before the last writes of some farms are answered or even sent.
    await Promise.all(
      Array.from({ length: FARMS }, async (_, i) => {
        const farmId = `nl-kill-${String(i).padStart(4, '0')}`;
        const farmer = `boer-kill-${i}`;
        const chain: Write[] = [
          { farmId, farmer, kind: 'registration', key: `reg-${farmId}`, path: '/farms', body: demoFarm(farmId) },
          ...SUBMISSIONS.map((submissionId) => ({ farmId, farmer, kind: 'submission' as const, key: `sub-${farmId}-${submissionId}`, path: `/farms/${farmId}/years/2025/submissions`, body: klwSubmission(submissionId, 1_000_000, 300_000) })),
        ];
        for (const [n, w] of chain.entries()) {
          if (!(await write(w))) {
            unanswered.push(...chain.slice(n + 1));
            break;
          }
        }
      }),
    );
    await first.exited;
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(unanswered.length).toBeGreaterThan(0); // the kill did land mid-burst

    api = await startApiProcess(env);
    const regulator = bearer('nvwa-kill', 'regulator');
    // Over HTTP: every acknowledged registration and submission reads back.
    for (const a of acked) {
      const auth = { authorization: bearer(a.farmer, 'farmer') };
      if (a.kind === 'registration') {
        const res = await fetch(`${api.url}/farms/${a.farmId}`, { headers: auth });
        expect([a.farmId, res.status]).toEqual([a.farmId, 200]);
        expect(await res.json()).toMatchObject({ farmId: a.farmId, farmerId: a.farmer });
      } else {
        const res = await fetch(`${api.url}/farms/${a.farmId}/years/2025/submissions`, { headers: auth });
        expect([a.farmId, res.status]).toEqual([a.farmId, 200]);
        expect(JSON.stringify(await res.json())).toContain((a.body as { submissionId: string }).submissionId);
      }
    }
    // A client retries what went unanswered with the same key: answered now, written at most once.
    for (const kind of ['registration', 'submission']) {
      for (const w of unanswered.filter((u) => u.kind === kind)) expect([w.path, (await send(api.url, w)).status]).toEqual([w.path, 201]);
    }
    const health = await fetch(`${api.url}/health`).then((r) => r.json() as Promise<{ details: { subscribers: { parked: number } } }>);
    expect(health.details.subscribers.parked).toBe(0);
    const failures = await fetch(`${api.url}/audit/subscriber-failures`, { headers: { authorization: regulator } }).then((r) => r.json() as Promise<{ failures: unknown[] }>);
    expect(failures.failures).toEqual([]);
    api.child.kill('SIGTERM');
    await api.exited;

    // In the log: every acknowledged event, each command whole, one registration per farm; `asb verify` passes.
    const ledger = await createLedgerContext({ config, processJobs: false, runProjections: false, scheduleSeals: false });
    const { runtime } = ledger;
    try {
      const log = await runtime.store.readAll({ limit: 100_000 });
      const ids = new Set(log.map((e) => e.id));
      for (const a of acked) expect(a.eventIds.filter((id) => !ids.has(id))).toEqual([]);
      for (const a of acked) expect(a.eventIds.length).toBeGreaterThan(0);
      const registrations = log.filter((e) => e.type === 'FarmRegistered').map((e) => (e.data as { farmId: string }).farmId);
      expect(registrations.sort()).toEqual(Array.from({ length: FARMS }, (_, i) => `nl-kill-${String(i).padStart(4, '0')}`));
      const submissions = log.filter((e) => e.type === 'BalanceDataSubmitted').map((e) => e.streamId);
      expect(new Set(submissions).size).toBe(FARMS);
      expect(submissions).toHaveLength(FARMS * SUBMISSIONS.length);
      // The read models the restarted process kept hold every farm in the log, acknowledged or not.
      expect((await runtime.queries.list('farm-register')).map((d) => d.key).sort()).toEqual(registrations);
      // The reactors act on delivered batches (D72): after the restart each moved its checkpoint past every submission.
      const lastSubmission = Math.max(...log.filter((e) => e.type === 'BalanceDataSubmitted').map((e) => e.position));
      for (const reactor of ['reactor:checks', 'reactor:norm-amendments', 'reactor:budget-releases']) {
        expect([reactor, ((await runtime.projectionStore.checkpoint(reactor))?.position ?? 0) >= lastSubmission]).toEqual([reactor, true]);
      }
      if (process.env.ASB_KILL9_REPORT) console.log({ acked: acked.filter((a) => a.kind === 'submission').length, unanswered: unanswered.length, events: log.length });
      const report = await ledger.get(IntegrityService).verify();
      expect(report).toMatchObject({ ok: true });
    } finally {
      await ledger.close();
    }
  }, 60_000);
});
