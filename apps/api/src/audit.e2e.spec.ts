import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { canonicalJson, sha256Hex, verifyBundle } from '@asb/event-store';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { runDemo } from './demo/demo';
import { asbFromSources } from '../../../test/support/processes/asb-cli';

const root = resolve(__dirname, '../../..');
const asb = (dataDir: string, ...args: string[]) =>
  execFileSync(process.execPath, asbFromSources(...args), { cwd: root, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir } });

describe('regulator audit over HTTP and the CLI', () => {
  let t: TestApp;
  const farmId = 'nl-drenthe-0001';
  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    await runDemo({ baseUrl: t.baseUrl, token: (sub, role) => t.token(sub, role).slice('Bearer '.length), log: () => undefined, moveTo: (i) => t.clock.set(i) });
    await t.http().post(`/farms/${farmId}/years/2025/levies/minas-2003/assessment`).set('authorization', t.token('lnv', 'norm_authority')).expect(200);
  });
  afterAll(async () => t.close());
  const regulator = () => t.token('nvwa', 'regulator');

  it("lists a farm's full history with actors, authorisations relied on and recorded times", async () => {
    const res = await t.http().get(`/audit/farms/${farmId}/history?limit=100`).set('authorization', regulator()).expect(200);
    expect(res.body.nextCursor).toBeNull();
    const submitted = res.body.items.find((e: { type: string; data: { submissionId?: string } }) => e.type === 'BalanceDataSubmitted' && e.data.submissionId === 'zuivel-1');
    expect(submitted).toMatchObject({ actor: { id: 'zuivelnl', role: 'data_source' }, authorisationId: 'machtiging-zuivelnl', recordedAt: '2025-09-02T08:00:00.000Z' });
    expect(res.body.items.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['FarmRegistered', 'AuthorisationGranted', 'ScoreApproved', 'AdvancePaid', 'SubsidySettled', 'LevyAssessed']));
    // The farm's own farmer reads it too (issue 16); another farmer is refused, without a token nobody reads.
    const own = await t.http().get(`/audit/farms/${farmId}/history?limit=100`).set('authorization', t.token('boer-jansen', 'farmer')).expect(200);
    expect(own.body.items).toEqual(res.body.items);
    expect((await t.http().get(`/audit/farms/${farmId}/history`).set('authorization', t.token('boer-de-vries', 'farmer')).expect(403)).body.code).toBe('NOT_YOUR_FARM');
    expect((await t.http().get(`/audit/farms/${farmId}/history`).set('authorization', t.token('wur', 'calculator')).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
    await t.http().get(`/audit/farms/${farmId}/history`).expect(401);
  });

  it('shows the farm as it was known at a moment', async () => {
    const res = await t.http().get(`/audit/farms/${farmId}/as-of`).query({ at: '2025-09-02T12:00:00Z' }).set('authorization', regulator()).expect(200);
    expect(res.body.balances[0].n.inputsKg.concentrates).toBe(8400);
    expect(res.body.findings[0].findings[0]).toMatchObject({ checkId: 'milk-delivered', status: 'open' });
    expect(res.body.scores).toEqual([]);
    const later = await t.http().get(`/audit/farms/${farmId}/as-of`).query({ at: '2027-12-31T00:00:00Z' }).set('authorization', regulator()).expect(200);
    expect(later.body.applications[0].settlements).toHaveLength(1);
  });

  it('explains a published score and a levy: inputs, versions, and an identical recomputation', async () => {
    const score = await t.http().get(`/audit/explain/scores/drenthe-2025/${farmId}/2025`).set('authorization', regulator()).expect(200);
    expect(score.body).toMatchObject({ number: { totalCents: 435_000, scoreVersion: 1 }, normSet: { id: 'drenthe-2025', version: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }, ruleVersion: expect.stringMatching(/^scheme-scoring\//) });
    // Only the KPI rules the score used, not the whole norm set (no amendment rules with their index paths).
    expect(Object.keys(score.body.normSet).sort()).toEqual(['effectiveFrom', 'hash', 'id', 'kpis', 'legalBasis', 'title', 'version']);
    // The hash names the very document of that version, as the norm-set endpoint answers it.
    const published = await t.http().get('/norm-sets/drenthe-2025').set('authorization', regulator()).expect(200);
    expect(published.body.document.version).toBe(1);
    expect(score.body.normSet.hash).toBe(sha256Hex(canonicalJson(published.body.document)));
    expect(score.body.normSet.kpis).toEqual(published.body.document.parameters.kpis);
    // Per KPI: the value the score used, its tier and amount; the amounts are the score's.
    const explanation = score.body.explanation as Array<{ kpiId: string; cents: number; parts: Array<{ value: unknown; source: { submissionId: string } | null }> }>;
    expect(explanation.map((k) => k.kpiId).sort()).toEqual(Object.keys(score.body.number.kpis).sort());
    for (const k of explanation) expect(k.cents).toBe(score.body.number.kpis[k.kpiId]);
    expect(explanation.reduce((a, k) => a + k.cents, 0)).toBe(score.body.cap.uncappedCents);
    const nFarm = explanation.find((k) => k.kpiId === 'nFarmSurplus')!;
    expect(nFarm.parts[0]!.value).toBe(score.body.inputs.indicators.nFarmSurplusKgHa);
    expect(nFarm.parts[0]!.source).toMatchObject({ source: 'klw', submissionId: score.body.provenance.nFarmSurplus.indicators[0].submissionId });
    expect(JSON.stringify(score.body)).not.toContain("amendmentRules");
    expect(score.body.recomputation).toMatchObject({ identical: true, differences: [] });
    expect(score.body.inputCheck).toEqual({ missingEvents: [], valuesNotInInputEvents: [], provenanceNotInInputEvents: [] });
    // D45/D46: the demo's KLW figures name their model and version; crop rotation is taken by the sources Bijlage I names.
    expect(score.body.provenance.nFarmSurplus.indicators[0]).toMatchObject({ source: 'klw', model: 'KringloopWijzer', modelVersion: '2025.01' });
    expect(score.body.provenance.cropRotation.sources).toEqual(['gecombineerde-opgave', 'klw']);
    expect(score.body.inputEvents.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['BalanceDataCorrected', 'FarmRegistered']));
    // The farm's own farmer reads the explanation of their score, and no read of theirs is put on record (D64).
    const readsBefore = (await t.http().get(`/farms/${farmId}/access-log?limit=100`).set('authorization', t.token('boer-jansen', 'farmer')).expect(200)).body.items.length;
    const own = await t.http().get(`/audit/explain/scores/drenthe-2025/${farmId}/2025`).set('authorization', t.token('boer-jansen', 'farmer')).expect(200);
    expect(own.body.explanation).toEqual(score.body.explanation);
    expect((await t.http().get(`/farms/${farmId}/access-log?limit=100`).set('authorization', t.token('boer-jansen', 'farmer')).expect(200)).body.items.length).toBe(readsBefore);
    expect((await t.http().get(`/audit/explain/scores/drenthe-2025/${farmId}/2025`).set('authorization', t.token('boer-de-vries', 'farmer')).expect(403)).body.code).toBe('NOT_YOUR_FARM');
    await t.http().get(`/audit/explain/scores/drenthe-2025/${farmId}/2025`).expect(401);
    // A calculator reads it on its authorisation, as it reads the score, and the read is on the farmer's record (D64).
    const wur = await t.http().get(`/audit/explain/scores/drenthe-2025/${farmId}/2025`).set('authorization', t.token('wur', 'calculator'));
    const log = (await t.http().get(`/farms/${farmId}/access-log?limit=100`).set('authorization', t.token('boer-jansen', 'farmer')).expect(200)).body.items;
    expect(wur.status).toBe(200);
    expect(log).toEqual(expect.arrayContaining([expect.objectContaining({ actorId: 'wur', actorRole: 'calculator', basis: 'authorisation', resource: 'explanation', year: 2025 })]));
    const levy = await t.http().get(`/audit/explain/levies/minas-2003/${farmId}/2025`).set('authorization', regulator()).expect(200);
    expect(levy.body.recomputation.identical).toBe(true);
    expect(levy.body.lines[0]).toHaveProperty('levyFreeLevel');
  });

  it('exports bundles that verify offline, and asb replay --verify recomputes every recorded score and levy', async () => {
    await t.http().post('/audit/seal').set('authorization', regulator()).expect(200);
    const farmBundle = await t.http().get('/audit/export').query({ farmId }).set('authorization', regulator()).expect(200);
    // A mistyped farm id is no farm: not a signed bundle of no streams, which would read as "this farm has no events".
    const before = (await t.runtime.store.readAll()).length;
    const unknown = await t.http().get('/audit/export').query({ farmId: `${farmId}-typo` }).set('authorization', regulator());
    expect({ status: unknown.status, code: unknown.body.code, field: unknown.body.field }).toEqual({ status: 404, code: 'FARM_NOT_FOUND', field: 'farmId' });
    expect((await t.runtime.store.readAll()).length).toBe(before);
    const key = await t.http().get('/audit/public-key').expect(200);
    expect(await verifyBundle(farmBundle.body, { trustedKeys: [key.body] })).toMatchObject({ ok: true, keyPinned: true, uncheckpointedEvents: 0 });
    const file = join(t.dataDir, 'farm-bundle.json');
    writeFileSync(file, JSON.stringify(farmBundle.body));
    expect(asb(t.dataDir, 'verify', file)).toMatch(/^OK: \d+ events/);
    const tampered = JSON.parse(JSON.stringify(farmBundle.body));
    const registered = tampered.events.find((e: { raw: string }) => JSON.parse(e.raw).type === 'FarmRegistered');
    registered.raw = registered.raw.replace('"province":"Drenthe"', '"province":"Fryslan"');
    writeFileSync(file, JSON.stringify(tampered));
    const failed = spawnSync(process.execPath, asbFromSources('verify', file), { cwd: root, encoding: 'utf8' });
    expect(failed.status).toBe(2);
    expect(failed.stdout).toMatch(/^FAILED.*\nfirst failure: content_altered: FarmRegistered farm-nl-drenthe-0001@0 .*\[position \d+, stream farm-nl-drenthe-0001, revision 0, event [0-9a-f-]+, type FarmRegistered\]/s);

    const replay = asb(t.dataDir, 'replay', '--verify');
    expect(replay).toMatch(/recomputed 2 scores and 1 levy assessments under their recorded norm versions: all identical/);
    expect(replay).not.toMatch(/DIFFERS/);
  });
});
