import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BearerTokens, loadLedgerConfig } from '@asb/ledger';
import { demoFarm, klwSubmission } from '../../../test/support/farm-fixtures';
import { killLedgerProcess, startApiProcess, type ApiProcess } from '../../../test/support/processes/ledger-process';

type Health = { details: { subscribers: { thread?: boolean; head: number; subscribers: Record<string, { state: string; position: number; lag: number }> } } };

/**
 * D66: the embedded API commits on a thread of its own and runs its projections and reactors on
 * another. The real process (from the sources), with the threads and without them: every write is
 * read back at once (read-your-writes waits on the subscriber thread), a retry answers what was
 * recorded, the reactors act in the thread, /health reports them.
 */
describe.each(['on', 'off'])('the API process with SUBSCRIBERS_THREAD and STORE_WRITER_THREAD %s', (mode) => {
  let dir: string;
  let api: ApiProcess | null = null;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'asb-thread-'))));
  afterEach(async () => {
    await killLedgerProcess(api, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads its own writes, and the subscribers follow the log', async () => {
    const env = { ...process.env, DATA_DIR: dir, JWT_SECRET: 'thread-test-secret', LOG_LEVEL: 'warn', SEAL_INTERVAL_SECONDS: '3600', SUBSCRIBERS_THREAD: mode, STORE_WRITER_THREAD: mode };
    const tokens = new BearerTokens(loadLedgerConfig(env));
    api = await startApiProcess(env);
    const url = api.url;
    const health = () => fetch(`${url}/health`).then((r) => r.json() as Promise<Health>);
    const before = (await health()).details.subscribers;
    expect(before.thread).toBe(mode === 'on' ? true : undefined);
    expect(Object.keys(before.subscribers)).toEqual(expect.arrayContaining(['farm-register', 'reactor:checks', 'reactor:norm-amendments', 'reactor:budget-releases']));

    // Farms at once, each registered then submitting: every answer sees its own write in the read models.
    const positions = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const farmId = `nl-thread-${String(i).padStart(4, '0')}`;
        const headers = { authorization: `Bearer ${tokens.sign({ sub: `boer-${i}`, role: 'farmer' }, 600)}`, 'content-type': 'application/json' };
        const post = (path: string, key: string, body: unknown) => fetch(`${url}${path}`, { method: 'POST', headers: { ...headers, 'idempotency-key': key }, body: JSON.stringify(body) });
        const registered = await post('/farms', `reg-${farmId}`, demoFarm(farmId));
        expect([farmId, registered.status, registered.headers.get('asb-read-models-lag')]).toEqual([farmId, 201, null]);
        const submitted = await post(`/farms/${farmId}/years/2025/submissions`, `sub-${farmId}`, klwSubmission(`klw-${i}`, 1_000_000, 300_000));
        expect([farmId, submitted.status, submitted.headers.get('asb-read-models-lag')]).toEqual([farmId, 201, null]);
        const listed = await fetch(`${url}/farms/${farmId}/years/2025/submissions`, { headers }).then((r) => r.json());
        expect(JSON.stringify(listed)).toContain(`klw-${i}`);
        const { events } = (await submitted.json()) as { events: Array<{ id: string; position: number }> };
        // A retry answers what was recorded; the same key for another request is refused; a second submission follows the first.
        const retried = await post(`/farms/${farmId}/years/2025/submissions`, `sub-${farmId}`, klwSubmission(`klw-${i}`, 1_000_000, 300_000));
        expect([retried.status, ((await retried.json()) as { events: Array<{ id: string }> }).events.map((e) => e.id)]).toEqual([201, events.map((e) => e.id)]);
        expect((await post(`/farms/${farmId}/years/2025/submissions`, `sub-${farmId}`, klwSubmission(`klw-x${i}`, 1_000_000, 300_000))).status).toBe(422);
        expect((await post(`/farms/${farmId}/years/2025/submissions`, `sub2-${farmId}`, klwSubmission(`klw-b${i}`, 900_000, 300_000))).status).toBe(201);
        return Math.max(...events.map((e) => e.position));
      }),
    );

    // The checks reactor has acted on every submission before its answer (read-your-writes waits for it).
    const after = (await health()).details.subscribers;
    expect(after.subscribers['reactor:checks'].position).toBeGreaterThanOrEqual(Math.max(...positions));
    for (const [name, s] of Object.entries(after.subscribers)) expect([name, s.state]).toEqual([name, 'running']);
  }, 60_000);
});
