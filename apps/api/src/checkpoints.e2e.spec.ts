import Database from 'better-sqlite3';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkpointsAreConsistent, eventIsIncluded, observe, newWitness, streamHeadIsCommitted } from '@asb/event-store';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { demoFarm } from '../../../test/support/farm-fixtures';
import { asbFromSources } from '../../../test/support/processes/asb-cli';

const root = resolve(__dirname, '../../..');
const asb = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  spawnSync(process.execPath, asbFromSources(...args), { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });

/** Without blocking: the CLI then talks to the app that runs in this very process. */
const asbOverHttp = (...args: string[]) =>
  new Promise<{ status: number; stdout: string }>((done) =>
    execFile(process.execPath, asbFromSources(...args), { cwd: root, encoding: 'utf8', timeout: 60_000 }, (error, stdout) =>
      done({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout }),
    ),
  );

describe('signed checkpoints and proofs over HTTP, witnesses and a damaged store', () => {
  let t: TestApp;
  const farmId = 'nl-proof-0001';
  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    await t.http().post('/farms').set('authorization', t.token('boer-proof', 'farmer')).send(demoFarm(farmId)).expect(201);
  });
  afterAll(async () => t.close());
  const regulator = () => t.token('nvwa', 'regulator');

  it('has no checkpoint or key to show before the first checkpoint (404), then serves them to anyone', async () => {
    await t.http().get('/audit/checkpoints/latest').expect(404);
    await t.http().get('/audit/checkpoint').expect(404);
    await t.http().get('/audit/public-key').expect(404);
    await t.http().post('/audit/checkpoints').set('authorization', t.token('boer-proof', 'farmer')).expect(403);
    const signed = await t.http().post('/audit/checkpoints').set('authorization', regulator()).expect(200);
    expect(signed.body).toMatchObject({ format: 'asb-checkpoint/1', log: 'asb-ledger', treeSize: expect.any(Number), keyId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const latest = await t.http().get('/audit/checkpoints/latest').expect(200);
    expect(latest.body).toEqual(signed.body);
    const key = await t.http().get('/audit/public-key').expect(200);
    expect(key.body).toMatchObject({ keyId: signed.body.keyId, algorithm: 'Ed25519', noteVerifierKey: expect.stringMatching(/^asb-ledger\+[0-9a-f]{8}\+A/) });
    const note = await t.http().get('/audit/checkpoint').expect(200).expect('content-type', /text\/plain/);
    expect(note.text).toMatch(new RegExp(`^asb-ledger\n${signed.body.treeSize}\n[A-Za-z0-9+/=]+\nasb-streams \\d+ .*\n\n\u2014 asb-ledger `, 's'));
    await t.http().get(`/audit/checkpoints/${signed.body.treeSize}`).expect(200);
    await t.http().get(`/audit/checkpoints/${signed.body.treeSize + 1000}`).expect(404);
    await t.http().get('/audit/checkpoints/0x10').expect(400);
    // The key file is the operator's alone.
    const { statSync } = await import('node:fs');
    expect(statSync(join(t.dataDir, 'signing-key.pem')).mode & 0o777).toBe(0o600);
  });

  it('proves consistency between two checkpoints to anyone, and refuses sizes it never signed', async () => {
    const first = (await t.http().get('/audit/checkpoints/latest').expect(200)).body;
    await t.http().patch(`/farms/${farmId}`).set('authorization', t.token('boer-proof', 'farmer')).send({ livestockUnits: 121, reason: 'census 1 April' }).expect(200);
    const second = (await t.http().post('/audit/checkpoints').set('authorization', regulator()).expect(200)).body;
    expect(second.treeSize).toBeGreaterThan(first.treeSize);
    const proof = await t.http().get('/audit/proofs/consistency').query({ first: first.treeSize, second: second.treeSize }).expect(200);
    expect(checkpointsAreConsistent(first, second, proof.body)).toBe(true);
    await t.http().get('/audit/proofs/consistency').query({ first: first.treeSize, second: second.treeSize + 5 }).expect(404);
    await t.http().get('/audit/proofs/consistency').query({ first: 'x', second: second.treeSize }).expect(400);
  });

  it("gives the regulator inclusion and stream-head proofs, which verify against the checkpoint; others get 401/403", async () => {
    const history = await t.http().get(`/audit/farms/${farmId}/history`).set('authorization', regulator()).expect(200);
    const event = history.body.items[0];
    const inclusion = await t.http().get('/audit/proofs/inclusion').query({ position: event.position }).set('authorization', regulator()).expect(200);
    expect(eventIsIncluded(event.hash, inclusion.body, inclusion.body.checkpoint)).toBe(true);
    await t.http().get('/audit/proofs/inclusion').query({ position: event.position }).expect(401);
    await t.http().get('/audit/proofs/inclusion').query({ position: 10_000_000 }).set('authorization', regulator()).expect(404);
    const head = await t.http().get('/audit/proofs/stream-head').query({ streamId: event.streamId }).set('authorization', regulator()).expect(200);
    expect(streamHeadIsCommitted(head.body, head.body.checkpoint)).toBe(true);
    await t.http().get('/audit/proofs/stream-head').query({ streamId: event.streamId }).set('authorization', t.token('boer-proof', 'farmer')).expect(403);
    await t.http().get('/audit/proofs/stream-head').query({ streamId: 'no-such-stream' }).set('authorization', regulator()).expect(404);
  });

  it('answers a witness with the newest checkpoint and a consistency proof; says a root it never signed is not consistent; refuses a size it never signed', async () => {
    const key = (await t.http().get('/audit/public-key').expect(200)).body;
    const old = (await t.http().get('/audit/checkpoints/latest').expect(200)).body;
    await t.http().patch(`/farms/${farmId}`).set('authorization', t.token('boer-proof', 'farmer')).send({ livestockUnits: 122, reason: 'census 1 May' }).expect(200);
    await t.http().post('/audit/checkpoints').set('authorization', regulator()).expect(200);
    const answer = await t.http().get('/audit/witness').query({ treeSize: old.treeSize, rootHash: old.rootHash }).expect(200);
    expect(answer.body.consistent).toBe(true);
    const state = observe({ ...newWitness('asb-ledger', key), checkpoints: [old] }, answer.body.latest, answer.body.proof);
    expect(state.accepted).toBe(true);
    const forked = await t.http().get('/audit/witness').query({ treeSize: old.treeSize, rootHash: 'ab'.repeat(32) }).expect(200);
    expect(forked.body.consistent).toBe(false);
    await t.http().get('/audit/witness').query({ treeSize: old.treeSize + 1000, rootHash: old.rootHash }).expect(404);
    await t.http().get('/audit/witness').query({ treeSize: old.treeSize, rootHash: 'not-hex' }).expect(400);
  });

  it('asb witness keeps the checkpoints; asb verify --witness proves the log extends them; exit codes 0, 2, 1', async () => {
    await t.http().post('/audit/checkpoints').set('authorization', regulator()).expect(200);
    const env = { DATA_DIR: t.dataDir };
    const witnessFile = join(t.dataDir, 'regulator-witness.json');
    const first = asb(env, 'witness', '--file', witnessFile);
    expect(first.stdout).toMatch(/pinned operator key .*\nwitnessed: checkpoint of size \d+/);
    expect(first.status).toBe(0);
    const verify = asb(env, 'verify', '--witness', witnessFile);
    expect(verify.stdout).toMatch(/^OK: \d+ events, \d+ streams, \d+ checkpoints \(1 witnessed\)/);
    expect(verify.status).toBe(0);

    // A second witness reads the public endpoints over HTTP; the two compare notes.
    await t.http().patch(`/farms/${farmId}`).set('authorization', t.token('boer-proof', 'farmer')).send({ livestockUnits: 123, reason: 'census 1 June' }).expect(200);
    const otherFile = join(t.dataDir, 'second-witness.json');
    await asbOverHttp('witness', '--file', otherFile, '--url', t.baseUrl);
    await t.http().post('/audit/checkpoints').set('authorization', regulator()).expect(200);
    const again = await asbOverHttp('witness', '--file', otherFile, '--url', t.baseUrl);
    expect(again.stdout).toMatch(/witnessed: checkpoint of size \d+, root [0-9a-f]{64} \(consistent with size \d+\)/);
    expect(asb(env, 'witness', '--file', witnessFile).status).toBe(0);
    expect(asb({}, 'witness', 'compare', witnessFile, otherFile).stdout).toMatch(/^OK/);
    // A fork shown to one of them: the same size with another root.
    const { readFileSync, writeFileSync } = await import('node:fs');
    const forked = JSON.parse(readFileSync(otherFile, 'utf8'));
    forked.checkpoints.at(-1).rootHash = 'ab'.repeat(32);
    writeFileSync(otherFile, JSON.stringify(forked));
    const compared = asb({}, 'witness', 'compare', witnessFile, otherFile);
    expect(compared.status).toBe(2);
    expect(compared.stdout).toMatch(/FAILED: size \d+ has root [0-9a-f]{64} in .* and abab/);

    const missing = join(tmpdir(), `asb-missing-${Date.now()}`);
    const none = asb({ DATA_DIR: missing }, 'verify');
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/no event store in DATA_DIR/);
    expect(existsSync(missing)).toBe(false);
    expect(asb({ DATA_DIR: missing }, 'replay').status).toBe(1);
    expect(asb({ DATA_DIR: missing }, 'export', '--out', join(t.dataDir, 'x.json')).status).toBe(1);
    expect(existsSync(missing)).toBe(false);
    expect(asb(env, 'verify', join(t.dataDir, 'no-such-bundle.json')).status).toBe(1);
    // A bundle that gives a key twice (the last one true): unusable, naming the key, not "OK" (D82).
    const bundleFile = join(t.dataDir, 'whole-log.json');
    expect(asb(env, 'export', '--out', bundleFile).status).toBe(0);
    expect(asb(env, 'verify', bundleFile).status).toBe(0);
    const twice = join(t.dataDir, 'twice.json');
    writeFileSync(twice, `{"checkpoint":null,${readFileSync(bundleFile, 'utf8').trimStart().slice(1)}`);
    const ambiguous = asb(env, 'verify', twice);
    expect({ status: ambiguous.status, stderr: ambiguous.stderr }).toMatchObject({ status: 1, stderr: expect.stringMatching(/the key checkpoint is given twice/) });
    // A farm the log never heard of: exit 1, nothing written (not a signed bundle of no streams).
    const typo = asb(env, 'export', '--farm', 'no-such-farm', '--out', join(t.dataDir, 'typo.json'));
    expect({ status: typo.status, stderr: typo.stderr }).toMatchObject({ status: 1, stderr: expect.stringMatching(/holds no farm no-such-farm/) });
    expect(existsSync(join(t.dataDir, 'typo.json'))).toBe(false);
  });

  it("asb witness refuses its own state file when it gives a key twice (exit 1, naming the key), and leaves it as it was", async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    await t.http().post('/audit/checkpoints').set('authorization', regulator()).expect(200);
    const env = { DATA_DIR: t.dataDir };
    const witnessFile = join(t.dataDir, 'tampered-witness.json');
    expect(asb(env, 'witness', '--file', witnessFile).status).toBe(0);
    // The true log last, as JSON.parse keeps it: read plainly, the witness carried on (exit 0); another
    // reader of the same bytes keeps the first and sees another log.
    const tampered = `{"log":"another-log",${readFileSync(witnessFile, 'utf8').trimStart().slice(1)}`;
    writeFileSync(witnessFile, tampered);
    const refused = asb(env, 'witness', '--file', witnessFile);
    expect({ status: refused.status, stderr: refused.stderr }).toMatchObject({ status: 1, stderr: expect.stringMatching(/cannot read witness file .*: the key log is given twice/) });
    expect(readFileSync(witnessFile, 'utf8')).toBe(tampered);
    const compared = asb({}, 'witness', 'compare', witnessFile, witnessFile);
    expect({ status: compared.status, stderr: compared.stderr }).toMatchObject({ status: 1, stderr: expect.stringMatching(/the key log is given twice/) });
  });
});

describe('a damaged store', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'asb-damaged-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts read-only: /health says so, writes are refused with 503, /audit/verify and asb verify name the event (exit 2), replay exits 2', async () => {
    const farmId = 'nl-damaged-0001';
    const first = await startTestApp();
    await first.http().post('/farms').set('authorization', first.token('boer-d', 'farmer')).send(demoFarm(farmId)).expect(201);
    await first.app.close();
    const dataDir = first.dataDir;
    // One byte in the newest event.
    const db = new Database(join(dataDir, 'events.db'));
    const target = db.prepare("SELECT position, stream_id, revision, event_id, type FROM events WHERE type = 'FarmRegistered'").get() as { position: number; stream_id: string; revision: number; event_id: string; type: string };
    db.prepare(`UPDATE events SET body = replace(body, '"province":"Drenthe"', '"province":"Fryslan"') WHERE position = ?`).run(target.position);
    db.close();

    const t = await startTestApp({ env: { DATA_DIR: dataDir } });
    try {
      const health = await t.http().get('/health').expect(503);
      expect(health.body).toMatchObject({ code: 'STORE_DAMAGED', message: expect.stringContaining(`${target.stream_id}@${target.revision}`) });
      expect(health.body.message).toMatch(/writes are refused/);
      await t.http().post('/farms').set('authorization', t.token('boer-e', 'farmer')).send(demoFarm('nl-damaged-0002')).expect(503);
      const verify = await t.http().get('/audit/verify').set('authorization', t.token('nvwa', 'regulator')).expect(200);
      expect(verify.body.firstFailure).toMatchObject({ kind: 'content_altered', position: target.position, streamId: target.stream_id, revision: target.revision, eventId: target.event_id, type: target.type });
    } finally {
      await t.app.close();
    }
    const cli = asb({ DATA_DIR: dataDir }, 'verify');
    expect(cli.status).toBe(2);
    expect(cli.stdout).toMatch(new RegExp(`first failure: content_altered: FarmRegistered ${target.stream_id}@0 .*type FarmRegistered`));
    const replay = asb({ DATA_DIR: dataDir }, 'replay');
    expect(replay.status).toBe(2);
    expect(replay.stdout).toMatch(/the event store is damaged: event FarmRegistered/);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
