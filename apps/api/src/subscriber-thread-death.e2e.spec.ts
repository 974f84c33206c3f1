import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BearerTokens, loadLedgerConfig } from '@asb/ledger';
import { demoFarm, klwSubmission } from '../../../test/support/farm-fixtures';
import { killLedgerProcess, startApiProcess, type ApiProcess } from '../../../test/support/processes/ledger-process';

/** Loaded into the API process: with KILL_THREAD=subscribers, SIGWINCH terminates its subscriber thread, and only that. */
const KILL_THREAD = resolve(__dirname, '../../../test/support/processes/kill-writer-thread.cjs');
const FARMS = 16;
const KILL_AFTER_ACKS = 12;
/** Far above what any answer here takes: a write that waited for it waited on a thread that was gone. */
const READ_YOUR_WRITES_TIMEOUT_MS = 30_000;

/**
 * Read-your-writes when the subscriber thread (D66) dies under a burst of writes: the writes waiting for it
 * are answered at once as lagging (the lag header), not at their bound; later writes too; nothing is
 * refused. With RYW_BROADCAST on the request thread keeps the waiting writes itself (D83), off each write
 * asked the thread — both must answer so.
 */
describe.each(['on', 'off'])('the subscriber thread dies under a running API (RYW_BROADCAST %s)', (broadcast) => {
  let dir: string;
  let api: ApiProcess | null = null;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'asb-subscriber-death-'))));
  afterEach(async () => {
    await killLedgerProcess(api);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the waiting writes and the later ones at once with the lag header', async () => {
    const env = {
      ...process.env,
      DATA_DIR: dir,
      JWT_SECRET: 'subscriber-death-test-secret',
      LOG_LEVEL: 'fatal',
      SEAL_INTERVAL_SECONDS: '3600',
      SUBSCRIBERS_THREAD: 'on',
      STORE_WRITER_THREAD: 'on',
      READ_YOUR_WRITES_TIMEOUT_MS: String(READ_YOUR_WRITES_TIMEOUT_MS),
      RYW_BROADCAST: broadcast,
      KILL_THREAD: 'subscribers',
    };
    const tokens = new BearerTokens(loadLedgerConfig(env));
    api = await startApiProcess(env, [KILL_THREAD]);
    const url = api.url;
    const child = api.child;
    const post = async (farmer: string, path: string, key: string, body: unknown) => {
      const sent = Date.now();
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.sign({ sub: farmer, role: 'farmer' }, 600)}`, 'idempotency-key': key, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await res.arrayBuffer();
      return { path, status: res.status, lags: res.headers.get('asb-read-models-lag') === 'true', ms: Date.now() - sent };
    };

    let acks = 0;
    const answers = (
      await Promise.all(
        Array.from({ length: FARMS }, async (_, i) => {
          const farmId = `nl-sdeath-${String(i).padStart(4, '0')}`;
          const farmer = `boer-sdeath-${i}`;
          const writes = [() => post(farmer, '/farms', `reg-${farmId}`, demoFarm(farmId))];
          for (const n of [1, 2, 3]) writes.push(() => post(farmer, `/farms/${farmId}/years/2025/submissions`, `sub${n}-${farmId}`, klwSubmission(`klw-${n}`, 1_000_000 - n, 300_000)));
          const chain = [];
          for (const write of writes) {
            const answer = await write();
            chain.push(answer);
            if (++acks === KILL_AFTER_ACKS) child.kill('SIGWINCH');
          }
          return chain;
        }),
      )
    ).flat();

    // Every write recorded; the ones in flight when the thread died said the read models lag, and none waited for its bound.
    expect(answers.filter((a) => a.status !== 201)).toEqual([]);
    expect(answers.filter((a) => a.lags).length).toBeGreaterThan(0);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(READ_YOUR_WRITES_TIMEOUT_MS / 3);

    // The process lives on, its health down (a failed subscriber); a write now is recorded and answered at once as lagging.
    let health = { status: 0, body: '' };
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
      const res = await fetch(`${url}/health`);
      health = { status: res.status, body: await res.text() };
      if (health.status === 503) break;
    }
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    const late = await post('boer-sdeath-late', '/farms', 'reg-late', demoFarm('nl-sdeath-late'));
    expect({ status: late.status, lags: late.lags }).toEqual({ status: 201, lags: true });
    expect(late.ms).toBeLessThan(READ_YOUR_WRITES_TIMEOUT_MS / 3);
    expect(child.exitCode).toBeNull();
  }, 90_000);
});
