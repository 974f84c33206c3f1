import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { prepareFarm, scoreAndForward, type SchemeCase } from '../../../test/support/scheme-flow';
import { examplesDir } from '../../../test/support/shared-dir';
import { authorisation, demoEligibility } from './demo/demo-fixtures';

const load = (name: string, farmId: string): SchemeCase => ({ ...JSON.parse(readFileSync(join(examplesDir(), `${name}.json`), 'utf8')), farmId });
const deMinimis = { fiscalYears: [{ fiscalYear: 2024, aidCents: 0 }] };
const WUR_SOURCES = ['klw', 'gecombineerde-opgave', 'scan-ict', 'clm-milieumeetlat'];

/**
 * The application lifecycle over HTTP (issue 14.3): eligibility (art. 1, 4), withdrawal, closure past
 * the deadline (D39) and the decisions as documents (D38).
 */
describe('the subsidy application lifecycle over HTTP', () => {
  let t: TestApp;
  let payer: string;
  let regulator: string;
  beforeAll(async () => {
    t = await startTestApp({ now: '2025-09-15T08:00:00.000Z' });
    payer = t.token('snn', 'payer');
    regulator = t.token('nvwa', 'regulator');
  });
  afterAll(async () => t.close());
  const post = (path: string, token: string, body?: object) => t.http().post(path).set('authorization', token).send(body ?? {});

  it('art. 4: a farm registered in Friesland, or without a dairy SBI code or a KringloopWijzer, cannot apply; the refusal names the rule and the field', async () => {
    const friesFarmer = t.token('boer-fries', 'farmer');
    await post('/farms', friesFarmer, { farmId: 'farm-fries', province: 'Friesland', landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, soilTypes: ['sand'], peatSharePct: 0, livestockUnits: 100 }).expect(201);
    await post('/farms/farm-fries/authorisations', friesFarmer, authorisation('machtiging-wur', 'wur', 'calculator', WUR_SOURCES)).expect(201);
    const fries = await post('/schemes/drenthe-2025/applications/farm-fries', friesFarmer, { applicationId: 'dbd-fries', dataAuthorisationId: 'machtiging-wur', deMinimis, eligibility: demoEligibility() }).expect(409);
    expect(fries.body).toMatchObject({ statusCode: 409, code: 'NOT_ELIGIBLE_PROVINCE', field: 'province' });
    expect(fries.body.message).toContain('art. 4');

    const farmer = await prepareFarm(t, load('example-01', 'farm-sbi'));
    const sbi = await post('/schemes/drenthe-2025/applications/farm-sbi', farmer, { applicationId: 'dbd-sbi', dataAuthorisationId: 'machtiging-wur', deMinimis, eligibility: { ...demoEligibility(), sbiCodes: ['01.11'] } }).expect(409);
    expect(sbi.body).toMatchObject({ code: 'NOT_ELIGIBLE_SBI_CODE', field: 'eligibility.sbiCodes' });
    const klw = await post('/schemes/drenthe-2025/applications/farm-sbi', farmer, { applicationId: 'dbd-sbi', dataAuthorisationId: 'machtiging-wur', deMinimis, eligibility: { ...demoEligibility(), kringloopWijzerInUse: false } }).expect(409);
    expect(klw.body).toMatchObject({ code: 'NOT_ELIGIBLE_NO_KRINGLOOPWIJZER', field: 'eligibility.kringloopWijzerInUse' });
    const kvk = await post('/schemes/drenthe-2025/applications/farm-sbi', farmer, { applicationId: 'dbd-sbi', dataAuthorisationId: 'machtiging-wur', deMinimis, eligibility: { ...demoEligibility(), kvkNumber: '123' } }).expect(400);
    expect(kvk.body.field).toBe('eligibility.kvkNumber');
    // The Drenthe name of the data authorisation is refused, naming the field and the name to send (D63); nothing is written.
    const renamedBodies = { '': { applicationId: 'dbd-sbi', wurAuthorisationId: 'machtiging-wur', deMinimis }, '/supplement': { wurAuthorisationId: 'machtiging-wur' } };
    for (const [suffix, body] of Object.entries(renamedBodies)) {
      const renamed = await post(`/schemes/drenthe-2025/applications/farm-sbi${suffix}`, farmer, body).expect(400);
      expect(renamed.body).toMatchObject({ code: 'INVALID_INPUT', field: 'wurAuthorisationId' });
      expect(renamed.body.fields).toHaveLength(1);
      expect(renamed.body.message).toContain('send dataAuthorisationId instead');
    }
    // Without the evidence the application is incomplete; the evidence supplements it (art. 8(2)).
    const bare = await post('/schemes/drenthe-2025/applications/farm-sbi', farmer, { applicationId: 'dbd-sbi', dataAuthorisationId: 'machtiging-wur', deMinimis }).expect(201);
    expect(bare.body.events.map((e: { type: string }) => e.type)).toEqual(['SubsidyApplicationSubmitted']);
    const supplemented = await post('/schemes/drenthe-2025/applications/farm-sbi/supplement', farmer, { eligibility: demoEligibility('11112222') }).expect(200);
    expect(supplemented.body.events.map((e: { type: string }) => e.type)).toEqual(['SubsidyApplicationSupplemented', 'SubsidyApplicationCompleted']);
    expect(supplemented.body.events[0].data.eligibility).toEqual({ ...demoEligibility('11112222'), province: 'Drenthe', normSet: { id: 'drenthe-2025', version: 1 } });
  });

  it('withdrawal: the farmer withdraws a granted application, its reservation goes back whole; a closure past the deadline ends one never approved, reclaims the advance and releases the reservation, naming the rule', async () => {
    t.clock.set('2025-09-20T08:00:00.000Z');
    const leaver = await prepareFarm(t, load('example-01', 'farm-leaves'));
    const stalled = await prepareFarm(t, load('example-edge-best', 'farm-stalls'));
    await post('/schemes/drenthe-2025/applications/farm-leaves', leaver, { applicationId: 'dbd-leaves', dataAuthorisationId: 'machtiging-wur', deMinimis, eligibility: demoEligibility('22223333') }).expect(201);
    await post('/schemes/drenthe-2025/applications/farm-stalls', stalled, { applicationId: 'dbd-stalls', dataAuthorisationId: 'machtiging-wur', deMinimis, eligibility: demoEligibility('33334444') }).expect(201);
    t.clock.set('2025-11-03T09:00:00.000Z');
    expect((await post('/schemes/drenthe-2025/allocation', payer).expect(200)).body).toEqual({ granted: 3, refused: 0 });

    const other = await post('/schemes/drenthe-2025/applications/farm-leaves/withdrawal', stalled, { reason: 'x' }).expect(403);
    expect(other.body.code).toBe('NOT_YOUR_FARM');
    const withdrawn = await post('/schemes/drenthe-2025/applications/farm-leaves/withdrawal', leaver, { reason: 'bedrijf verkocht' }).expect(200);
    expect(withdrawn.body.events.map((e: { type: string }) => e.type)).toEqual(['SubsidyApplicationWithdrawn']);
    expect((await post('/schemes/drenthe-2025/applications/farm-leaves/withdrawal', leaver, {}).expect(409)).body.code).toBe('APPLICATION_WITHDRAWN');
    const budget = await t.http().get('/schemes/drenthe-2025/budget').set('authorization', payer).expect(200);
    expect(budget.body).toMatchObject({ reservedCents: 3_900_000, releasedCents: 1_300_000, usedCents: 2_600_000 });

    // The stalled farm: 2025 forwarded and advanced, 2026 never approved.
    t.clock.set('2025-12-01T08:00:00.000Z');
    await scoreAndForward(t, 'farm-stalls', 2025, stalled);
    t.clock.set('2026-03-01T08:00:00.000Z');
    expect((await post('/schemes/drenthe-2025/farms/farm-stalls/advance', payer).expect(200)).body.events[0].data.amountCents).toBe(650_000);
    t.clock.set('2027-02-01T08:00:00.000Z');
    expect((await post('/schemes/drenthe-2025/farms/farm-stalls/settlement', payer).expect(409)).body.code).toBe('SCORE_NOT_FORWARDED');
    expect((await post('/schemes/drenthe-2025/farms/farm-stalls/closure', payer).expect(409)).body.code).toBe('CLOSURE_NOT_DUE');
    t.clock.set('2027-10-01T08:00:00.000Z');
    expect((await post('/schemes/drenthe-2025/farms/farm-stalls/closure', stalled).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
    const closed = await post('/schemes/drenthe-2025/farms/farm-stalls/closure', payer).expect(200);
    expect(closed.body.events).toEqual([
      expect.objectContaining({ type: 'SubsidyApplicationClosed', data: expect.objectContaining({ reason: 'SCORES_NOT_FORWARDED', missingYears: [2026], rule: { normSet: { id: 'drenthe-2025', version: 1 }, parameter: 'closure.deadline', value: '2027-09-30T22:00:00.000Z' } }) }),
      expect.objectContaining({ type: 'AdvanceReclaimed', data: expect.objectContaining({ amountCents: 650_000, cause: 'closure' }) }),
    ]);
    expect((await post('/schemes/drenthe-2025/farms/farm-stalls/settlement', payer).expect(409)).body.code).toBe('APPLICATION_CLOSED');
    const after = await t.http().get('/schemes/drenthe-2025/budget').set('authorization', payer).expect(200);
    expect(after.body).toMatchObject({ releasedCents: 2_600_000, usedCents: 1_300_000 });
    const overview = await t.http().get('/schemes/drenthe-2025/farms/farm-stalls').set('authorization', stalled).expect(200);
    expect(overview.body.application).toMatchObject({ status: 'closed', advanceCents: 650_000, advanceReclaimedCents: 650_000, releasedCents: 1_300_000, closure: { reason: 'SCORES_NOT_FORWARDED' } });
    expect(overview.body.application.decisions.map((d: { kind: string }) => d.kind)).toEqual(['grant', 'closure']);
  });

  it('decisions are documents: Dutch HTML for the farmer and the regulator, pointing at the events behind them', async () => {
    const stalled = t.token('boer-farm-stalls', 'farmer');
    const overview = await t.http().get('/schemes/drenthe-2025/farms/farm-stalls').set('authorization', stalled).expect(200);
    const [grant, closure] = overview.body.application.decisions as { decisionId: string; position: number; streamId: string }[];
    const doc = await t.http().get(`/schemes/drenthe-2025/farms/farm-stalls/decisions/${grant.decisionId}`).set('authorization', stalled).expect(200);
    expect(doc.headers['content-type']).toMatch(/^text\/html/);
    // Opened from the API's origin: it may style itself, nothing more (no script, nothing fetched), never sniffed.
    expect(doc.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/);
    expect(doc.headers['x-content-type-options']).toBe('nosniff');
    // A download with its name: scheme, farm, kind and day of the decision.
    expect(doc.headers['content-disposition']).toMatch(/^attachment; filename="beschikking-drenthe-2025-farm-stalls-grant-\d{4}-\d{2}-\d{2}\.html"$/);
    expect(doc.text).toContain('Beschikking subsidieverlening');
    expect(doc.text).toContain('€ 13.000,00');
    expect(doc.text).toContain(grant.decisionId);
    expect(doc.text).toContain(`positie ${grant.position}`);
    const closing = await t.http().get(`/schemes/drenthe-2025/farms/farm-stalls/decisions/${closure.decisionId}`).set('authorization', regulator).expect(200);
    expect(closing.text).toContain('Besluit beëindiging subsidieaanvraag');
    expect(closing.headers['content-disposition']).toMatch(/filename="beschikking-drenthe-2025-farm-stalls-closure-\d{4}-\d{2}-\d{2}\.html"/);
    expect(closing.text).toContain('closure.deadline');
    // The events it rests on: the application's, the grant among them.
    expect(closing.text).toContain('SubsidyApplicationCompleted');
    expect(closing.text).toContain(grant.decisionId);

    expect((await t.http().get(`/schemes/drenthe-2025/farms/farm-stalls/decisions/${grant.decisionId}`).set('authorization', payer).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
    const neighbour = t.token('boer-farm-leaves', 'farmer');
    expect((await t.http().get(`/schemes/drenthe-2025/farms/farm-stalls/decisions/${grant.decisionId}`).set('authorization', neighbour).expect(403)).body.code).toBe('NOT_YOUR_FARM');
    // Another farm's decision id is no decision of this farm.
    const leaves = await t.http().get('/schemes/drenthe-2025/farms/farm-leaves').set('authorization', neighbour).expect(200);
    const foreign = leaves.body.application.decisions[0].decisionId;
    expect((await t.http().get(`/schemes/drenthe-2025/farms/farm-stalls/decisions/${foreign}`).set('authorization', stalled).expect(404)).body).toMatchObject({ code: 'DECISION_NOT_FOUND', field: 'decisionId' });
    expect((await t.http().get('/schemes/drenthe-2025/farms/farm-stalls/decisions/not-a-uuid').set('authorization', stalled).expect(400)).body.field).toBe('decisionId');
  });
});
