import { spawnSync } from 'node:child_process';
import { Subscribers } from '@asb/ledger/composition';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { demoFarm } from '../../../test/support/farm-fixtures';
import { PostgresServer } from '../../../test/support/postgres-server';
import { asbFromSources } from '../../../test/support/processes/asb-cli';

const root = resolve(__dirname, '../../..');
const asb = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  spawnSync(process.execPath, asbFromSources(...args), { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });

/** DATABASE_URL selects the PostgreSQL store: the API writes and reads on it, and asb verify checks it. */
describe('the ledger on PostgreSQL (DATABASE_URL)', () => {
  const server = new PostgresServer();
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    await server.start();
    url = await server.createDatabase();
    t = await startTestApp({ env: { DATABASE_URL: url } });
  });
  afterAll(async () => {
    await t?.close();
    await server.stop();
  });

  it('serves a write and a read, signs a checkpoint and verifies OK over HTTP and with asb verify', async () => {
    expect(t.runtime.log.kind).toBe('postgres');
    const farmer = t.token('boer-pg', 'farmer');
    await t.http().post('/farms').set('authorization', farmer).send(demoFarm('nl-pg-0001')).expect(201);
    const farm = await t.http().get('/farms/nl-pg-0001').set('authorization', farmer).expect(200);
    expect(farm.body).toMatchObject({ farmId: 'nl-pg-0001' });
    const health = await t.http().get('/health').expect(200);
    expect(JSON.stringify(health.body)).toContain('postgres');

    const regulator = t.token('nvwa', 'regulator');
    const checkpoint = await t.http().post('/audit/checkpoints').set('authorization', regulator).expect(200);
    const verify = await t.http().get('/audit/verify').set('authorization', regulator).expect(200);
    expect(verify.body).toMatchObject({ ok: true, checkedCheckpoints: 1, newestCheckpoint: { treeSize: checkpoint.body.treeSize } });

    // The events, the checkpoint and the read models are in PostgreSQL; nothing of them is in DATA_DIR (D56).
    const c = new Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query<{ events: string; checkpoints: string; documents: string }>(
      "SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM checkpoints) AS checkpoints, (SELECT count(*) FROM rm_documents WHERE projection = 'farm-register') AS documents",
    );
    await c.end();
    expect(Number(rows[0].events)).toBe(await t.eventCount());
    expect(Number(rows[0].checkpoints)).toBe(1);
    expect(Number(rows[0].documents)).toBe(1);
    expect(existsSync(join(t.dataDir, 'readmodels.db'))).toBe(false);

    // The CLI: the same database, the key from the data directory (CHECKPOINT_DIR defaults to it).
    const cli = asb({ DATABASE_URL: url, DATA_DIR: t.dataDir }, 'verify');
    expect(cli.stdout).toMatch(/^OK: \d+ events, \d+ streams, 1 checkpoints/);
    expect(cli.status).toBe(0);
    // asb replay rebuilds into a file and compares it with the read models in PostgreSQL.
    await t.get(Subscribers).caughtUp();
    const replay = asb({ DATABASE_URL: url, DATA_DIR: t.dataDir }, 'replay');
    expect(replay.stdout).toMatch(/farm-register: 1 events applied, 1 documents, identical to live/);
    expect(replay.stdout).not.toMatch(/DIFFERS/);
    expect(replay.status).toBe(0);
  });

  it('asb verify on a database without a ledger exits 1 and creates nothing there', async () => {
    const empty = await server.createDatabase();
    const cli = asb({ DATABASE_URL: empty, DATA_DIR: t.dataDir }, 'verify');
    expect(cli.stderr).toContain('no event store');
    expect(cli.status).toBe(1);
    const c = new Client({ connectionString: empty });
    await c.connect();
    const { rows } = await c.query("SELECT to_regclass('events')::text AS t");
    await c.end();
    expect(rows).toEqual([{ t: null }]);
  });
});
