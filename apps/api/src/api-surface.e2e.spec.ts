import { minas2003, streams } from '@asb/domain';
import { verifyBundle } from '@asb/event-store';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { authorisation, demoEligibility, demoFarm, klwSubmission, processorSubmission, schemeIndicators } from '../../../test/support/farm-fixtures';
import { operationsOf, SurfaceRecorder, type OperationName } from '../../../test/support/api-surface';
import type { OpenApiDocument } from '../../../test/support/fuzz/openapi';
import { declares, isExempt } from '../../../test/support/openapi-rules';

/**
 * Every operation of the live OpenAPI document, exercised at least once with a success, once with a
 * refusal (a domain refusal where the endpoint has one, else a role it does not allow) and once
 * without a token. Every request goes through one recorder; the coverage test at the end fails,
 * naming the operation, for any endpoint added without coverage here.
 *
 * The state is the demo's: one farm (nl-drenthe-0001) from registration to a settled subsidy, on a
 * clock that moves as the demo's does, and a neighbour (nl-drenthe-0002) for what the demo farm never
 * does (a dispute, a finding closed by a decision, a withdrawn submission). Equivalente maatregelen
 * need 2017 and run on a second app.
 */
const A = 'nl-drenthe-0001';
const B = 'nl-drenthe-0002';
const C = 'nl-drenthe-0003';
const NOBODY = 'nl-drenthe-9999';
const SCHEME = 'drenthe-2025';
const WUR_SOURCES = ['klw', 'gecombineerde-opgave', 'scan-ict', 'clm-milieumeetlat'];
const deMinimis = { fiscalYears: [{ fiscalYear: 2023, aidCents: 0 }, { fiscalYear: 2024, aidCents: 0 }, { fiscalYear: 2025, aidCents: 0 }] };

const recorder = new SurfaceRecorder();
let operations: OperationName[] = [];
let doc: OpenApiDocument;

const farm = (id: string) => `/farms/${id}`;
const year = (id: string, y: number) => `/farms/${id}/years/${y}`;
const score = (id: string, y: number) => `${year(id, y)}/scores/${SCHEME}`;
const levy = (id: string, y: number, levyId: string) => `${year(id, y)}/levies/${levyId}`;

describe('the API surface: every operation of the OpenAPI document succeeds, refuses, and wants a token', () => {
  describe('the demo farm from registration (2025) to settlement (2027), and its neighbour', () => {
    let t: TestApp;
    let api: ReturnType<SurfaceRecorder['client']>;
    let as: Record<'farmer' | 'neighbour' | 'bakker' | 'wur' | 'otherLab' | 'zuivel' | 'clm' | 'snn' | 'rvo' | 'lnv' | 'nvwa' | 'pbl', string>;
    const moveTo = (instant: string) => t.clock.set(instant);

    beforeAll(async () => {
      t = await startTestApp({ now: '2025-09-01T08:00:00.000Z' });
      // The document itself is not one of its operations: the one request outside the recorder.
      doc = (await t.http().get('/docs-json').expect(200)).body;
      recorder.learn(doc);
      operations = operationsOf(doc);
      api = recorder.client(t);
      as = {
        farmer: t.token('boer-jansen', 'farmer'),
        neighbour: t.token('boer-de-vries', 'farmer'),
        bakker: t.token('boer-bakker', 'farmer'),
        wur: t.token('wur', 'calculator'),
        otherLab: t.token('ander-lab', 'calculator'),
        zuivel: t.token('zuivelnl', 'data_source'),
        clm: t.token('clm', 'data_source'),
        snn: t.token('snn', 'payer'),
        rvo: t.token('rvo', 'payer'),
        lnv: t.token('lnv', 'norm_authority'),
        nvwa: t.token('nvwa-auditor', 'regulator'),
        pbl: t.token('pbl', 'policy_analyst'),
      };
    });
    afterAll(async () => t.close());

    it('reads an OpenAPI document in which every operation but /health names the roles it allows', () => {
      expect(operations.length).toBeGreaterThan(40);
      expect(operations).toEqual(expect.arrayContaining(['POST /farms', 'GET /audit/verify', 'GET /what-if/runs/{runId}/report.html']));
      expect(operations).not.toContain('GET /health');
      const withoutRoles = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).filter(([, op]) => !op['x-asb-public'] && !op['x-asb-roles']?.length).map(([m]) => `${m} ${path}`));
      expect(withoutRoles).toEqual([]);
    });

    it('[2025-09-01] farms are registered and corrected; authorisations granted, listed and revoked', async () => {
      moveTo('2025-09-01T08:00:00.000Z');
      await api.ok('POST', '/farms', as.farmer, demoFarm(A));
      await api.refused('POST', '/farms', as.farmer, demoFarm(A), { status: 409, code: 'FARM_ALREADY_REGISTERED' });
      await api.ok('POST', '/farms', as.neighbour, demoFarm(B));

      await api.ok('POST', `${farm(A)}/authorisations`, as.farmer, authorisation('machtiging-wur', 'wur', 'calculator', WUR_SOURCES));
      await api.ok('POST', `${farm(A)}/authorisations`, as.farmer, authorisation('machtiging-zuivelnl', 'zuivelnl', 'data_source', ['dairy-processor']));
      await api.refused('POST', `${farm(A)}/authorisations`, as.farmer, authorisation('machtiging-wur', 'wur', 'calculator', ['klw']), { status: 409, code: 'AUTHORISATION_EXISTS', field: 'authorisationId' });
      await api.ok('POST', `${farm(B)}/authorisations`, as.neighbour, authorisation('machtiging-wur', 'wur', 'calculator', WUR_SOURCES));
      await api.ok('POST', `${farm(B)}/authorisations`, as.neighbour, authorisation('machtiging-clm', 'clm', 'data_source', ['clm-milieumeetlat']));

      // The farmer authorises another lab, then thinks better of it.
      await api.ok('POST', `${farm(A)}/authorisations`, as.farmer, authorisation('machtiging-ander-lab', 'ander-lab', 'calculator', ['klw']));
      const revoked = await api.ok('POST', `${farm(A)}/authorisations/machtiging-ander-lab/revoke`, as.farmer, { reason: 'changed calculator' });
      expect(revoked.body.events.map((e: { type: string }) => e.type)).toEqual(['AuthorisationRevoked']);
      await api.refused('POST', `${farm(A)}/authorisations/machtiging-ander-lab/revoke`, as.farmer, { reason: 'once more' }, { status: 409, code: 'AUTHORISATION_ENDED' });
      const listed = await api.ok('GET', `${farm(A)}/authorisations`, as.farmer);
      expect(listed.body.nextCursor).toBeNull();
      expect(Object.fromEntries(listed.body.items.map((a: { authorisationId: string; status: string }) => [a.authorisationId, a.status]))).toEqual({ 'machtiging-wur': 'granted', 'machtiging-zuivelnl': 'granted', 'machtiging-ander-lab': 'revoked' });
      await api.refused('GET', `${farm(A)}/authorisations`, as.neighbour, undefined, { status: 403, code: 'NOT_YOUR_FARM' });
      // A page at a time by authorisation id (D54): two pages of two and one.
      const firstTwo = await api.ok('GET', `${farm(A)}/authorisations?limit=2`, as.farmer);
      expect(firstTwo.body.items.map((a: { authorisationId: string }) => a.authorisationId)).toEqual(['machtiging-ander-lab', 'machtiging-wur']);
      const lastOne = await api.ok('GET', `${farm(A)}/authorisations?limit=2&cursor=${firstTwo.body.nextCursor}`, as.farmer);
      expect(lastOne.body).toEqual({ items: [expect.objectContaining({ authorisationId: 'machtiging-zuivelnl' })], nextCursor: null });
      await api.refused('GET', `${farm(A)}/authorisations?cursor=not*a*cursor`, as.farmer, undefined, { status: 400, code: 'INVALID_INPUT', field: 'cursor' });

      // The lab that lost its authorisation is refused, and its attempt is on record.
      await api.refused('GET', farm(A), as.otherLab, undefined, { status: 403, code: 'NO_VALID_AUTHORISATION', deniedOn: A });
      const read = await api.ok('GET', farm(A), as.wur);
      expect(read.body).toMatchObject({ farmId: A, farmerId: 'boer-jansen', livestockUnits: 120 });

      // The lists the web application starts from (D49): each caller's farms, a page at a time, and a farm's years.
      const mine = await api.ok('GET', '/farms', as.farmer);
      expect(mine.body).toEqual({ items: [expect.objectContaining({ farmId: A, farmerId: 'boer-jansen' })], nextCursor: null });
      const firstPage = await api.ok('GET', '/farms?limit=1', as.nvwa);
      expect(firstPage.body.items.map((f: { farmId: string }) => f.farmId)).toEqual([A]);
      const secondPage = await api.ok('GET', `/farms?limit=1&cursor=${firstPage.body.nextCursor}`, as.nvwa);
      expect(secondPage.body).toEqual({ items: [expect.objectContaining({ farmId: B })], nextCursor: null });
      await api.refused('GET', '/farms?limit=0', as.farmer, undefined, { status: 400, code: 'INVALID_INPUT', field: 'limit' });
      await api.refused('GET', '/farms', as.snn, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
      const years = await api.ok('GET', `${farm(A)}/years`, as.farmer);
      expect(years.body).toEqual({ items: [], nextCursor: null });
      await api.refused('GET', `${farm(A)}/years`, as.neighbour, undefined, { status: 403, code: 'NOT_YOUR_FARM' });
      await api.refused('GET', `${farm(A)}/years?limit=101`, as.farmer, undefined, { status: 400, code: 'INVALID_INPUT', field: 'limit' });

      await api.ok('PATCH', farm(B), as.neighbour, { livestockUnits: 95, reason: 'census 1 April' });
      await api.refused('PATCH', farm(A), as.farmer, { reason: 'nothing to say' }, { status: 400, code: 'NOTHING_TO_CORRECT', field: 'changes' });
    });

    it('[2025-09-01] both farms apply to Duurzaam Boeren Drenthe; the incomplete application is supplemented', async () => {
      const applied = await api.ok('POST', `/schemes/${SCHEME}/applications/${A}`, as.farmer, { applicationId: 'dbd-2025-0001', dataAuthorisationId: 'machtiging-wur', deMinimis, eligibility: demoEligibility() });
      expect(applied.body.events.map((e: { type: string }) => e.type)).toEqual(['SubsidyApplicationSubmitted', 'SubsidyApplicationCompleted']);
      await api.refused('POST', `/schemes/${SCHEME}/applications/${A}`, as.farmer, { applicationId: 'dbd-2025-0003', dataAuthorisationId: 'machtiging-wur', deMinimis }, { status: 409, code: 'APPLICATION_EXISTS' });

      // Without the de-minimis declaration the neighbour's application is not complete (art. 6).
      const incomplete = await api.ok('POST', `/schemes/${SCHEME}/applications/${B}`, as.neighbour, { applicationId: 'dbd-2025-0002', dataAuthorisationId: 'machtiging-wur', eligibility: demoEligibility('07654321') });
      expect(incomplete.body.events.map((e: { type: string }) => e.type)).toEqual(['SubsidyApplicationSubmitted']);
      const supplemented = await api.ok('POST', `/schemes/${SCHEME}/applications/${B}/supplement`, as.neighbour, { deMinimis });
      expect(supplemented.body.events.map((e: { type: string }) => e.type)).toEqual(['SubsidyApplicationSupplemented', 'SubsidyApplicationCompleted']);
      await api.refused('POST', `/schemes/${SCHEME}/applications/${A}/supplement`, as.farmer, { deMinimis }, { status: 409, code: 'APPLICATION_COMPLETE' });

      // A third farm applies without its declaration and withdraws before the application was complete.
      await api.ok('POST', '/farms', as.bakker, demoFarm(C));
      await api.ok('POST', `/schemes/${SCHEME}/applications/${C}`, as.bakker, { applicationId: 'dbd-2025-0004', eligibility: demoEligibility('05556667') });
      const withdrawn = await api.ok('POST', `/schemes/${SCHEME}/applications/${C}/withdrawal`, as.bakker, { reason: 'bedrijf verkocht' });
      expect(withdrawn.body.events.map((e: { type: string }) => e.type)).toEqual(['SubsidyApplicationWithdrawn']);
      await api.refused('POST', `/schemes/${SCHEME}/applications/${C}/withdrawal`, as.bakker, {}, { status: 409, code: 'APPLICATION_WITHDRAWN' });
    });

    it('[2025-09-02] two sources submit and disagree on milk; the neighbour\'s implausible grazing figure is decided and withdrawn', async () => {
      moveTo('2025-09-02T08:00:00.000Z');
      const base = year(A, 2025);
      await api.ok('POST', `${base}/submissions`, as.wur, klwSubmission('klw-1', 1_000_000, 300_000));
      await api.ok('POST', `${base}/submissions`, as.zuivel, processorSubmission('zuivel-1', 952_000));
      await api.refused('POST', `${base}/submissions`, as.wur, klwSubmission('klw-1', 1_000_000, 300_000), { status: 409, code: 'SUBMISSION_EXISTS', field: 'submissionId' });
      // WUR's authorisation does not cover the dairy processor's statement: refused, the attempt on record.
      await api.refused('POST', `${base}/submissions`, as.wur, processorSubmission('zuivel-x', 950_000), { status: 403, code: 'NO_VALID_AUTHORISATION', deniedOn: A });
      const findings = await api.ok('GET', `${base}/findings`, as.nvwa);
      expect(findings.body).toEqual({ items: [expect.objectContaining({ checkId: 'milk-delivered', severity: 'blocking', status: 'open' })], nextCursor: null });
      await api.refused('GET', `${base}/findings?limit=0`, as.nvwa, undefined, { status: 400, code: 'INVALID_INPUT', field: 'limit' });
      const submissions = await api.ok('GET', `${base}/submissions`, as.farmer);
      expect(submissions.body.active.map((s: { submissionId: string }) => s.submissionId)).toEqual(['klw-1', 'zuivel-1']);
      await api.refused('GET', `${base}/submissions`, as.neighbour, undefined, { status: 403, code: 'NOT_YOUR_FARM' });

      // The bulk intake (D58): the third farm's farmer sends its 2024 KLW data (outside the scheme and the story) as a one-item batch.
      const { scheme: _scheme, ...klw2024 } = klwSubmission('klw-c', 800_000, 200_000);
      const bulk = await api.ok('POST', '/submissions/bulk', as.bakker, { items: [{ farmId: C, year: 2024, ...klw2024 }] });
      expect(bulk.body).toMatchObject({ accepted: 1, refused: 0, items: [{ status: 'accepted', farmId: C }] });
      await api.refused('POST', '/submissions/bulk', as.nvwa, { items: [{ farmId: C, year: 2025, ...klwSubmission('klw-c2', 800_000, 200_000) }] }, { status: 403, code: 'ROLE_NOT_ALLOWED' });

      const nb = year(B, 2025);
      await api.ok('POST', `${nb}/submissions`, as.wur, { submissionId: 'klw-b', source: 'klw', model: 'KringloopWijzer', modelVersion: '2025.01', sourceDocumentId: 'KLW-2025-B', scheme: SCHEME, landUse: demoFarm().landUse, indicators: schemeIndicators(2025) });
      await api.ok('POST', `${nb}/submissions`, as.clm, { submissionId: 'clm-1', source: 'clm-milieumeetlat', sourceDocumentId: 'CLM-1', indicators: [{ key: 'grazingHours', value: 9999, quality: 'self-declared' }] });
      const [implausible] = (await api.ok('GET', `${nb}/findings`, as.wur)).body.items.filter((f: { status: string }) => f.status === 'open');
      expect(implausible).toMatchObject({ severity: 'blocking' });
      const note = { note: 'grazing register: 1,200 hours; 9999 is a typing error at CLM' };
      await api.ok('POST', `${nb}/findings/${implausible.findingId}/decision`, as.wur, note);
      await api.refused('POST', `${nb}/findings/${implausible.findingId}/decision`, as.wur, note, { status: 409, code: 'FINDING_NOT_OPEN', field: 'findingId' });
      await api.ok('POST', `${nb}/submissions/clm-1/withdrawal`, as.clm, { reason: 'typing error' });
      await api.refused('POST', `${nb}/submissions/clm-1/withdrawal`, as.clm, { reason: 'typing error' }, { status: 409, code: 'SUBMISSION_NOT_ACTIVE', field: 'submissionId' });
    });

    it('[2025-09-03] WUR corrects the KLW data: the finding is resolved; the balance now and as it was known before', async () => {
      moveTo('2025-09-03T08:00:00.000Z');
      const base = year(A, 2025);
      const correction = { ...klwSubmission('klw-2', 952_000, 250_000), indicators: schemeIndicators(2025), reason: 'milk and concentrates from the final statements' };
      await api.ok('POST', `${base}/submissions/klw-1/corrections`, as.wur, correction);
      await api.refused('POST', `${base}/submissions/klw-1/corrections`, as.wur, { ...correction, submissionId: 'klw-3' }, { status: 409, code: 'SUBMISSION_NOT_ACTIVE', field: 'supersedes' });

      const before = '2025-09-02T12:00:00.000Z';
      expect((await api.ok('GET', `${base}/findings`, as.farmer)).body.items[0]).toMatchObject({ status: 'resolved', resolution: 'corrected-data' });
      expect((await api.ok('GET', `${base}/findings?asOf=${before}&limit=1`, as.nvwa)).body.items[0]).toMatchObject({ status: 'open' });
      await api.refused('GET', `${year(NOBODY, 2025)}/findings`, as.nvwa, undefined, { status: 404, code: 'FARM_NOT_FOUND', field: 'farmId' });

      expect((await api.ok('GET', `${base}/balance`, as.farmer)).body.balance.n.inputsKg.concentrates).toBe(7000);
      expect((await api.ok('GET', `${base}/balance?asOf=${before}`, as.nvwa)).body.balance.n.inputsKg.concentrates).toBe(8400);
      await api.refused('GET', `${base}/balance`, as.neighbour, undefined, { status: 403, code: 'NOT_YOUR_FARM' });
    });

    it('[2025-11-03] SNN allocates the ceiling, first come first served', async () => {
      moveTo('2025-11-03T09:00:00.000Z');
      // No domain refusal: an allocation with nothing new to allocate is a success that grants nothing.
      await api.refused('POST', `/schemes/${SCHEME}/allocation`, as.farmer, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
      expect((await api.ok('POST', `/schemes/${SCHEME}/allocation`, as.snn)).body).toEqual({ granted: 2, refused: 0 });
      const budget = await api.ok('GET', `/schemes/${SCHEME}/budget`, as.snn);
      expect(budget.body).toMatchObject({ reservedCents: 2 * 1_300_000, applications: { granted: 2, refused: 0 } });
      expect(budget.body).not.toHaveProperty('byRank');
      await api.refused('GET', `/schemes/${SCHEME}/budget`, as.farmer, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
      // The ranking a page at a time; each farm shown is a read of its data, on record (D64).
      const first = await api.ok('GET', `/schemes/${SCHEME}/budget/ranking?limit=1`, as.snn);
      expect(first.body).toMatchObject({ items: [{ rank: 1, farmId: A, reservedCents: 1_300_000, refusal: null }] });
      const second = await api.ok('GET', `/schemes/${SCHEME}/budget/ranking?limit=1&cursor=${first.body.nextCursor}`, as.snn);
      expect(second.body).toEqual({ items: [expect.objectContaining({ rank: 2, farmId: B })], nextCursor: null });
      await api.refused('GET', `/schemes/${SCHEME}/budget/ranking`, as.farmer, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
      await api.refused('GET', `/schemes/${SCHEME}/budget/ranking?limit=0`, as.snn, undefined, { status: 400, code: 'INVALID_INPUT', field: 'limit' });
      await api.refused('GET', '/schemes/drenthe-2030/budget', as.snn, undefined, { status: 400, code: 'INVALID_INPUT', field: 'scheme' });
    });

    it('[2025-12-01] the 2025 score: calculated, presented, approved, forwarded, each step refused out of turn; the neighbour disputes', async () => {
      moveTo('2025-12-01T09:00:00.000Z');
      const s = score(A, 2025);
      // Approving or presenting a score version that does not exist.
      await api.refused('POST', `${s}/approval`, as.farmer, { scoreVersion: 1 }, { status: 404, code: 'SCORE_NOT_FOUND' });
      await api.refused('POST', `${s}/presentation`, as.wur, { scoreVersion: 1 }, { status: 404, code: 'SCORE_NOT_FOUND' });
      await api.refused('POST', `${score(A, 2024)}/calculation`, as.wur, {}, { status: 404, code: 'YEAR_OUTSIDE_SCHEME', field: 'year' });
      const calculated = await api.ok('POST', `${s}/calculation`, as.wur, {});
      expect(calculated.body.score).toMatchObject({ scoreVersion: 1, totalCents: 435_000, normSet: { id: SCHEME, version: 1 } });
      await api.refused('POST', `${s}/forwarding`, as.wur, { scoreVersion: 1 }, { status: 409, code: 'SCORE_NOT_APPROVED' });
      await api.ok('POST', `${s}/presentation`, as.wur, { scoreVersion: 1 });
      await api.refused('POST', `${s}/presentation`, as.wur, { scoreVersion: 1 }, { status: 409, code: 'SCORE_NOT_CALCULATED' });
      await api.ok('POST', `${s}/approval`, as.farmer, { scoreVersion: 1 });
      await api.ok('POST', `${s}/forwarding`, as.wur, { scoreVersion: 1 });
      expect((await api.ok('GET', s, as.farmer)).body).toMatchObject({ status: 'forwarded', scoreVersion: 1 });
      expect((await api.ok('GET', `${s}?asOf=2025-12-01T08:00:00.000Z`, as.nvwa)).body).toMatchObject({ status: 'none' });
      await api.refused('GET', score(B, 2026), as.neighbour, undefined, { status: 404, code: 'SCORE_NOT_FOUND' });

      const forwarded = await api.ok('GET', `/payer/${SCHEME}/forwarded-scores`, as.snn);
      expect(forwarded.body).toEqual([expect.objectContaining({ farmId: A, year: 2025, scoreVersion: 1, totalCents: 435_000 })]);
      await api.refused('GET', `/payer/${SCHEME}/forwarded-scores`, as.farmer, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
      await api.refused('GET', '/payer/drenthe-2030/forwarded-scores', as.snn, undefined, { status: 400, code: 'INVALID_INPUT', field: 'scheme' });

      // The neighbour does not agree with its score.
      const sb = score(B, 2025);
      await api.ok('POST', `${sb}/calculation`, as.wur, {});
      await api.ok('POST', `${sb}/presentation`, as.wur, { scoreVersion: 1 });
      const dispute = { scoreVersion: 1, reason: 'the cows grazed 1,200 hours, not 9,999' };
      await api.ok('POST', `${sb}/dispute`, as.neighbour, dispute);
      // The dispute waits in WUR's work queue, with the farmer's reason; another role has no work queue.
      expect((await api.ok('GET', '/calculator/work-queue?kind=disputed', as.wur)).body.items).toEqual([expect.objectContaining({ task: 'decide-dispute', farmId: B, disputeReason: dispute.reason })]);
      await api.refused('GET', '/calculator/work-queue?kind=disputed', as.neighbour, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
      await api.refused('GET', '/calculator/work-queue?kind=all', as.wur, undefined, { status: 400, code: 'INVALID_INPUT', field: 'kind' });
      await api.refused('POST', `${sb}/dispute`, as.neighbour, dispute, { status: 409, code: 'SCORE_NOT_PRESENTED' });
      // WUR decides the dispute (D36): rejected, so the same score is presented again with the decision, and approved.
      const rejection = { scoreVersion: 1, outcome: 'rejected', reason: 'KLW records 9,999 hours, submitted by the farm itself' };
      await api.refused('POST', `${s}/dispute/decision`, as.wur, rejection, { status: 409, code: 'NO_OPEN_DISPUTE' });
      const decided = await api.ok('POST', `${sb}/dispute/decision`, as.wur, rejection);
      expect(decided.body.events[0]).toMatchObject({ type: 'ScoreDisputeDecided', data: { outcome: 'rejected', decidedBy: 'wur', decidedByRole: 'calculator', late: false, decideBy: '2026-01-12T09:00:00.000Z' } });
      const again = await api.ok('POST', `${sb}/presentation`, as.wur, { scoreVersion: 1 });
      expect(again.body.events[0].data.disputeDecision).toMatchObject({ outcome: 'rejected', decidedBy: 'wur' });
      await api.refused('POST', `${sb}/dispute`, as.neighbour, dispute, { status: 409, code: 'DISPUTE_DECIDED' });
      await api.ok('POST', `${sb}/approval`, as.neighbour, { scoreVersion: 1 });

      // The advance is paid in 2026 only.
      await api.refused('POST', `/schemes/${SCHEME}/farms/${A}/advance`, as.snn, undefined, { status: 409, code: 'ADVANCE_NOT_DUE' });
    });

    it('[2026-03-02] SNN pays the advance on the forwarded 2025 score', async () => {
      moveTo('2026-03-02T09:00:00.000Z');
      const advance = await api.ok('POST', `/schemes/${SCHEME}/farms/${A}/advance`, as.snn);
      expect(advance.body.events[0]).toMatchObject({ type: 'AdvancePaid', data: { amountCents: 435_000, basedOn: { year: 2025, scoreVersion: 1 } } });
    });

    it('[2026-12-15] the 2026 score goes the same way; settlement is not due before 2027', async () => {
      moveTo('2026-12-15T09:00:00.000Z');
      await api.ok('POST', `${year(A, 2026)}/submissions`, as.wur, { submissionId: 'klw-2026', source: 'klw', model: 'KringloopWijzer', modelVersion: '2025.01', sourceDocumentId: `KLW-2026-${A}`, scheme: SCHEME, landUse: demoFarm().landUse, indicators: schemeIndicators(2026) });
      const s = score(A, 2026);
      const { scoreVersion } = (await api.ok('POST', `${s}/calculation`, as.wur, {})).body.score;
      await api.ok('POST', `${s}/presentation`, as.wur, { scoreVersion });
      await api.ok('POST', `${s}/approval`, as.farmer, { scoreVersion });
      await api.ok('POST', `${s}/forwarding`, as.wur, { scoreVersion });
      await api.refused('POST', `/schemes/${SCHEME}/farms/${A}/settlement`, as.snn, undefined, { status: 409, code: 'SETTLEMENT_NOT_DUE' });
    });

    it('[2027-02-01] SNN settles both years net of the advance; farmer and payer each see their side', async () => {
      moveTo('2027-02-01T09:00:00.000Z');
      const settled = await api.ok('POST', `/schemes/${SCHEME}/farms/${A}/settlement`, as.snn);
      const s = settled.body.events[0];
      expect(s).toMatchObject({ type: 'SubsidySettled', data: { advanceCents: 435_000, settlementNo: 1 } });
      expect(s.data.netPaymentCents).toBe(s.data.earnedCents - 435_000);
      const own = await api.ok('GET', `/schemes/${SCHEME}/farms/${A}`, as.farmer);
      expect(own.body.scores.map((x: { status: string }) => x.status)).toEqual(['forwarded', 'forwarded']);
      const payerView = await api.ok('GET', `/schemes/${SCHEME}/farms/${A}`, as.snn);
      expect(JSON.stringify(payerView.body)).not.toContain('kpis');
      await api.refused('GET', `/schemes/${SCHEME}/farms/${A}`, as.neighbour, undefined, { status: 403, code: 'NOT_YOUR_FARM' });

      // The grant and the settlement are documents the farmer downloads.
      const decisions = own.body.application.decisions as { kind: string; decisionId: string }[];
      expect(decisions.map((d) => d.kind)).toEqual(['grant', 'settlement']);
      const doc = await api.ok('GET', `/schemes/${SCHEME}/farms/${A}/decisions/${decisions[1].decisionId}`, as.farmer);
      expect(doc.headers['content-type']).toMatch(/^text\/html/);
      expect(doc.text).toContain('Beschikking subsidievaststelling');
      await api.refused('GET', `/schemes/${SCHEME}/farms/${A}/decisions/${decisions[1].decisionId}`, as.snn, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
    });

    it('levies: assessed, objected to, settled where no objection is open; totals per province', async () => {
      const minas = levy(A, 2025, 'minas-2003');
      const light = levy(A, 2025, 'asb-light-levy-illustrative');
      expect((await api.ok('POST', `${minas}/assessment`, as.lnv)).body.levy).toMatchObject({ assessmentNo: 1, status: 'assessed' });
      await api.refused('POST', `${levy(A, 2025, 'no-such-levy')}/assessment`, as.lnv, undefined, { status: 404, code: 'NO_NORM_SET_IN_FORCE', field: 'levyId' });
      await api.ok('POST', `${light}/assessment`, as.lnv);

      await api.ok('POST', `${minas}/objection`, as.farmer, { assessmentNo: 1, reason: 'the P2O5 surplus includes manure that left the farm' });
      await api.refused('POST', `${minas}/settlement`, as.rvo, { assessmentNo: 1 }, { status: 409, code: 'OBJECTION_OPEN' });
      // The ministry decides the objection (D36): rejected, so the payer settles as assessed.
      const rejection = { assessmentNo: 1, outcome: 'rejected', reason: 'the transport registry records no delivery off the farm' };
      const decided = await api.ok('POST', `${minas}/objection/decision`, as.lnv, rejection);
      expect(decided.body.events[0]).toMatchObject({ type: 'LevyObjectionDecided', data: { outcome: 'rejected', decidedByRole: 'norm_authority', late: false } });
      expect((await api.ok('GET', minas, as.farmer)).body).toMatchObject({ status: 'objection-rejected', objections: [expect.objectContaining({ decision: expect.objectContaining({ outcome: 'rejected' }) })] });
      await api.ok('POST', `${minas}/settlement`, as.rvo, { assessmentNo: 1 });
      // Settling ends the right to object: not while the farmer's objection period runs.
      await api.refused('POST', `${light}/settlement`, as.rvo, { assessmentNo: 1 }, { status: 409, code: 'OBJECTION_PERIOD_RUNNING' });
      t.clock.advance(43 * 24 * 3600 * 1000);
      await api.ok('POST', `${light}/settlement`, as.rvo, { assessmentNo: 1 });
      await api.refused('POST', `${light}/objection`, as.farmer, { assessmentNo: 1, reason: 'too late for this one' }, { status: 409, code: 'LEVY_SETTLED' });
      // Settled stays settled (issue 13): an assessment does not reopen it, nor does a decision.
      await api.refused('POST', `${light}/assessment`, as.lnv, undefined, { status: 409, code: 'LEVY_SETTLED' });
      await api.refused('POST', `${light}/objection/decision`, as.lnv, rejection, { status: 409, code: 'LEVY_SETTLED' });

      expect((await api.ok('GET', minas, as.nvwa)).body.assessment.lines[0]).toHaveProperty('levyFreeLevel');
      expect((await api.ok('GET', light, as.rvo)).body).not.toHaveProperty('assessment');
      await api.refused('GET', levy(B, 2025, 'minas-2003'), as.neighbour, undefined, { status: 404, code: 'LEVY_NOT_ASSESSED' });
      const totals = await api.ok('GET', '/levies/minas-2003/totals?year=2025', as.nvwa);
      expect(totals.body.regions).toEqual([expect.objectContaining({ province: 'Drenthe', farms: 1 })]);
      // Totals are aggregates without a domain refusal; a farmer is not among their readers.
      await api.refused('GET', '/levies/minas-2003/totals?year=2025', as.farmer, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
    });

    it('norm sets: published, amended, read as of a moment, diffed, withdrawn', async () => {
      const copy = { ...minas2003, normSetId: 'minas-copy', parameters: { ...minas2003.parameters, levyId: 'minas-copy' } };
      await api.ok('POST', '/norm-sets', as.lnv, copy);
      await api.refused('POST', '/norm-sets', as.lnv, copy, { status: 409, code: 'NORM_SET_EXISTS', field: 'normSetId' });
      const amendment = { baseVersion: 1, changes: [{ path: 'components[n-surplus].tiers[1].tariffCentsPerUnit', value: '460' }], reason: 'N tariff doubled', authority: 'Minister van LNV', legalBasis: 'illustration', effectiveFrom: '2003-01-01' };
      await api.ok('POST', '/norm-sets/minas-copy/amendments', as.lnv, amendment);
      await api.refused('POST', '/norm-sets/minas-copy/amendments', as.lnv, amendment, { status: 409, code: 'STALE_BASE_VERSION', field: 'baseVersion' });

      const read = await api.ok('GET', '/norm-sets/minas-copy', as.nvwa);
      expect(read.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      expect((await api.ok('GET', `/norm-sets/${SCHEME}?effectiveAt=2025-06-01`, as.farmer)).body.document).toMatchObject({ normSetId: SCHEME, version: 1 });
      await api.refused('GET', '/norm-sets/no-such-set', as.nvwa, undefined, { status: 404, code: 'NORM_SET_NOT_FOUND' });
      expect((await api.ok('GET', '/norm-sets/minas-copy/diff?from=1&to=2', as.pbl)).body.changes).toHaveLength(1);
      await api.refused('GET', '/norm-sets/minas-copy/diff?from=1&to=9', as.pbl, undefined, { status: 404, code: 'VERSION_NOT_FOUND', field: 'to' });
      await api.refused('GET', '/norm-sets/minas-copy/diff?from=9&to=1', as.pbl, undefined, { status: 404, code: 'VERSION_NOT_FOUND', field: 'from' });

      const catalogue = await api.ok('GET', '/norm-sets?kind=levy', as.farmer);
      expect(catalogue.body.items.map((e: { normSetId: string }) => e.normSetId)).toEqual(expect.arrayContaining(['minas-2003', 'minas-copy']));
      expect(catalogue.body.nextCursor).toBeNull();
      // A page at a time by norm set id (D54), the vocabulary on every page.
      const firstSet = await api.ok('GET', '/norm-sets?limit=1', as.farmer);
      const nextSet = await api.ok('GET', `/norm-sets?limit=1&cursor=${firstSet.body.nextCursor}`, as.farmer);
      expect(nextSet.body.items[0].normSetId > firstSet.body.items[0].normSetId).toBe(true);
      expect(nextSet.body.indicators).toEqual(firstSet.body.indicators);
      await api.refused('GET', '/norm-sets?cursor=%3D%3D', as.farmer, undefined, { status: 400, code: 'INVALID_INPUT', field: 'cursor' });
      expect(catalogue.body.indicators).toMatchObject({ nFarmSurplusKgHa: 'number', biodiversityPackagesSignedUp: 'boolean' });
      await api.refused('GET', '/norm-sets?kind=horoscope', as.farmer, undefined, { status: 400, code: 'INVALID_INPUT', field: 'kind' });

      const withdrawal = { reason: 'published by mistake', authority: 'Minister van LNV' };
      await api.ok('POST', '/norm-sets/minas-copy/withdrawal', as.lnv, withdrawal);
      await api.refused('POST', '/norm-sets/minas-copy/withdrawal', as.lnv, withdrawal, { status: 409, code: 'NORM_SET_WITHDRAWN' });
    });

    it('what-if: a saved scenario, its run with progress, its reports and comparisons, never touching the official record', async () => {
      const scenario = {
        name: 'grassland soil-surplus thresholds +10',
        years: { from: 2025, to: 2025 },
        drafts: [{ normSetId: SCHEME, changes: ['90', '115', '140', '165'].map((value, i) => ({ path: `kpis[nSoilSurplus].landUses.grassland.tiers[${i + 1}].threshold`, value })) }],
      };
      const unknownRun = 'run-000000000000000000000000';
      const unknownScenario = 'sc-00000000000000000000';
      const official = (await t.runtime.store.readAll()).filter((e) => !e.streamId.startsWith('what-if-')).length;
      await api.refused('POST', '/what-if/scenarios', as.pbl, { ...scenario, drafts: [{ normSetId: 'no-such-scheme', changes: [{ path: 'x', value: '1' }] }] }, { status: 404, code: 'NORM_SET_NOT_FOUND', field: 'drafts[0].normSetId' });
      const { scenarioId } = (await api.ok('POST', '/what-if/scenarios', as.pbl, scenario)).body;
      await api.ok('GET', '/what-if/scenarios?limit=10', as.pbl);
      await api.refused('GET', '/what-if/scenarios?limit=1000', as.pbl, undefined, { status: 400, code: 'INVALID_INPUT', field: 'limit' });
      await api.ok('GET', `/what-if/scenarios/${scenarioId}`, as.nvwa);
      await api.refused('GET', `/what-if/scenarios/${unknownScenario}`, as.pbl, undefined, { status: 404, code: 'SCENARIO_NOT_FOUND', field: 'scenarioId' });
      await api.refused('POST', `/what-if/scenarios/${unknownScenario}/runs`, as.pbl, undefined, { status: 404, code: 'SCENARIO_NOT_FOUND', field: 'scenarioId' });
      const { runId } = (await api.ok('POST', `/what-if/scenarios/${scenarioId}/runs`, as.pbl)).body;
      let state = '';
      for (let i = 0; i < 200 && state !== 'completed' && state !== 'failed'; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 25));
        state = (await api.ok('GET', `/what-if/runs/${runId}`, as.pbl)).body.state;
      }
      expect(state).toBe('completed');
      await api.refused('GET', `/what-if/runs/${unknownRun}`, as.pbl, undefined, { status: 404, code: 'RUN_NOT_FOUND' });
      const report = await api.ok('GET', `/what-if/runs/${runId}/report`, as.pbl);
      // The 2025 scores of both farms: 2 farm-years, below the minimum, so nothing computed from them is shown (D69).
      expect(report.body).toMatchObject({ belowMinimum: true, counts: { farmYears: null }, totals: [], byYear: [], parts: [], tiers: [], distribution: [], farms: [] });
      await api.refused('GET', `/what-if/runs/${unknownRun}/report`, as.pbl, undefined, { status: 404, code: 'RUN_NOT_FOUND', field: 'runId' });
      const csv = await api.ok('GET', `/what-if/runs/${runId}/report.csv`, as.pbl);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      // No total, year, part or tier of two farms' subsidy; what they earned and the groups' changes empty; the scheme's ceiling and reservations stay.
      expect(csv.text).not.toMatch(/^(total|year|part|tier|levy-free)/m);
      expect(csv.text).toContain('budget,drenthe-2025 2025 earned,euro cent,,,,,,\n');
      expect(csv.text.split('\n').filter((l) => /^by/.test(l)).every((l) => l.endsWith(',,,,,,'))).toBe(true);
      await api.refused('GET', `/what-if/runs/${unknownRun}/report.csv`, as.pbl, undefined, { status: 404, code: 'RUN_NOT_FOUND', field: 'runId' });
      const html = await api.ok('GET', `/what-if/runs/${runId}/report.html`, as.nvwa);
      expect(html.headers['content-type']).toMatch(/text\/html/);
      // Opened from the API's origin: it may style itself, nothing more (no script, nothing fetched).
      expect(html.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/);
      expect(html.headers['x-content-type-options']).toBe('nosniff');
      await api.refused('GET', `/what-if/runs/${unknownRun}/report.html`, as.nvwa, undefined, { status: 404, code: 'RUN_NOT_FOUND', field: 'runId' });
      const compared = await api.ok('GET', `/what-if/comparison?a=${runId}`, as.pbl);
      expect(compared.body.b.name).toBe('official record');
      await api.refused('GET', `/what-if/comparison?a=${runId}&b=${unknownRun}`, as.pbl, undefined, { status: 404, code: 'RUN_NOT_FOUND', field: 'b' });
      // Analysts and regulators only: a farmer sees no scenario.
      await api.refused('GET', '/what-if/scenarios', as.farmer, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
      expect((await t.runtime.store.readAll()).filter((e) => !e.streamId.startsWith('what-if-')).length).toBe(official);
    });

    it('analytics: balances under pseudonyms for the analyst', async () => {
      const res = await api.ok('GET', '/analytics/balances?year=2025', as.pbl);
      // Two farms are fewer than the default minimum group size: nothing is shown, not even the count (D54).
      expect(res.body).toMatchObject({ farms: null, rows: [], minimumGroupSize: 10 });
      expect(res.text).not.toContain(A);
      // Aggregates have no domain refusal; a farmer does not read them.
      await api.refused('GET', '/analytics/balances?year=2025', as.farmer, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
      await api.refused('GET', '/analytics/balances?year=25', as.pbl, undefined, { status: 400, code: 'INVALID_INPUT', field: 'year' });
    });

    it('audit: sealed and verified; history, as-of, explanations and an export that verifies offline', async () => {
      // The regulator alone seals, verifies and lists event types: there is no domain refusal to give.
      await api.ok('POST', '/audit/seal', as.nvwa);
      await api.refused('POST', '/audit/seal', as.snn, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
      expect((await api.ok('GET', '/audit/verify', as.nvwa)).body).toMatchObject({ ok: true, firstFailure: null });
      await api.refused('GET', '/audit/verify', as.farmer, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
      const types = (await api.ok('GET', '/audit/event-types', as.nvwa)).body.map((r: { type: string }) => r.type);
      expect(types).toEqual(expect.arrayContaining(['FarmRegistered', 'AccessDenied', 'SubsidySettled', 'LevySettled']));
      await api.refused('GET', '/audit/event-types', as.pbl, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
      // The demo farm's whole story parks nothing; a farmer does not see what a subscriber set aside.
      expect((await api.ok('GET', '/audit/subscriber-failures', as.nvwa)).body).toMatchObject({ parked: 0, failures: [], next: null });
      await api.refused('GET', '/audit/subscriber-failures', as.farmer, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
      await api.refused('GET', '/audit/subscriber-failures?limit=0', as.nvwa, undefined, { status: 400, code: 'INVALID_INPUT', field: 'limit' });

      // Every refusal on the farm is on record (D69): the third parties' attempts, the neighbour's, the roles' refused by the route.
      const denials = (await t.runtime.store.readStream(streams.accessDenials(A))).map((e) => (e.data as { actorId: string; action: string }));
      expect(denials).toEqual(expect.arrayContaining([
        expect.objectContaining({ actorId: 'ander-lab', action: 'read' }),
        expect.objectContaining({ actorId: 'wur', action: 'submit', source: 'dairy-processor' }),
        expect.objectContaining({ actorId: 'boer-de-vries', code: 'NOT_YOUR_FARM' }),
        expect.objectContaining({ actorRole: 'payer', code: 'ROLE_NOT_ALLOWED' }),
      ]));
      const history = await api.ok('GET', `/audit/farms/${A}/history?limit=100`, as.nvwa);
      expect(history.body.nextCursor).toBeNull();
      expect(history.body.items.filter((e: { type: string }) => e.type === 'AccessDenied')).toHaveLength(denials.length);
      await api.refused('GET', `/audit/farms/${NOBODY}/history`, as.nvwa, undefined, { status: 404, code: 'FARM_NOT_FOUND' });

      // The farmer's access log (D64): the reads by others and the refusals, newest first; never the farmer's own reads.
      const accessLog = (await api.ok('GET', `${farm(A)}/access-log?limit=100`, as.farmer)).body as { items: Array<{ kind: string; actorId: string; resource?: string; basis?: string; authorisationId?: string; at: string }>; nextCursor: string | null };
      expect(accessLog.items.filter((e) => e.kind === 'refusal')).toHaveLength(denials.length);
      expect(accessLog.items.filter((e) => e.kind === 'refusal').map((e) => e.actorId)).toEqual(expect.arrayContaining(['wur', 'ander-lab', 'boer-de-vries']));
      expect(accessLog.items).toEqual(expect.arrayContaining([
        expect.objectContaining({ kind: 'read', actorId: 'nvwa-auditor', resource: 'history', basis: 'statutory-task' }),
        expect.objectContaining({ kind: 'read', actorId: 'wur', resource: 'farm', basis: 'authorisation', authorisationId: 'machtiging-wur' }),
      ]));
      expect(accessLog.items.some((e) => e.actorId === 'boer-jansen')).toBe(false);
      expect(accessLog.items.map((e) => e.at)).toEqual([...accessLog.items.map((e) => e.at)].sort().reverse());
      await api.refused('GET', `${farm(A)}/access-log`, as.neighbour, undefined, { status: 403, code: 'NOT_YOUR_FARM' });
      await api.refused('GET', `${farm(A)}/access-log`, as.wur, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
      // A page at a time by log position (D54): the pages together are the whole history, in order.
      const firstEvents = await api.ok('GET', `/audit/farms/${A}/history?limit=3`, as.nvwa);
      const nextEvents = await api.ok('GET', `/audit/farms/${A}/history?limit=3&cursor=${firstEvents.body.nextCursor}`, as.nvwa);
      expect([...firstEvents.body.items, ...nextEvents.body.items]).toEqual(history.body.items.slice(0, 6));
      await api.refused('GET', `/audit/farms/${A}/history?limit=ten`, as.nvwa, undefined, { status: 400, code: 'INVALID_INPUT', field: 'limit' });

      const asOf = await api.ok('GET', `/audit/farms/${A}/as-of?at=2025-09-02T12:00:00Z`, as.nvwa);
      expect(asOf.body.balances[0].n.inputsKg.concentrates).toBe(8400);
      await api.refused('GET', `/audit/farms/${A}/as-of`, as.nvwa, undefined, { status: 400, code: 'INVALID_INPUT', field: 'at' });

      const explained = await api.ok('GET', `/audit/explain/scores/${SCHEME}/${A}/2025`, as.nvwa);
      expect(explained.body.recomputation).toMatchObject({ identical: true });
      await api.refused('GET', `/audit/explain/scores/${SCHEME}/${B}/2026`, as.nvwa, undefined, { status: 404, code: 'SCORE_NOT_FOUND' });
      expect((await api.ok('GET', `/audit/explain/levies/minas-2003/${A}/2025`, as.nvwa)).body.recomputation.identical).toBe(true);
      await api.refused('GET', `/audit/explain/levies/minas-2003/${B}/2025`, as.nvwa, undefined, { status: 404, code: 'LEVY_NOT_ASSESSED' });

      await api.ok('POST', '/audit/seal', as.nvwa);
      const bundle = await api.ok('GET', `/audit/export?farmId=${A}`, as.nvwa);
      expect(await verifyBundle(bundle.body)).toMatchObject({ ok: true, uncheckpointedEvents: 0 });
      await api.refused('GET', `/audit/export?farmId=${A}`, as.farmer, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
      await api.refused('GET', '/audit/export?farmId=no-such-farm', as.nvwa, undefined, { status: 404, code: 'FARM_NOT_FOUND', field: 'farmId' });

      // Checkpoints (docs/architecture.md, Tamper evidence): the regulator signs one and asks for proofs;
      // the checkpoints, the key and consistency proofs are public and outside this suite's operations.
      const checkpoint = (await api.ok('POST', '/audit/checkpoints', as.nvwa)).body;
      await api.refused('POST', '/audit/checkpoints', as.snn, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
      const registered = history.body.items.find((e: { type: string }) => e.type === 'FarmRegistered');
      const inclusion = await api.ok('GET', `/audit/proofs/inclusion?position=${registered.position}&treeSize=${checkpoint.treeSize}`, as.nvwa);
      expect(inclusion.body).toMatchObject({ treeSize: checkpoint.treeSize, checkpoint: { rootHash: checkpoint.rootHash } });
      await api.refused('GET', `/audit/proofs/inclusion?position=${registered.position}&treeSize=${checkpoint.treeSize + 1000}`, as.nvwa, undefined, { status: 404, code: 'NOT_CHECKPOINTED' });
      await api.refused('GET', `/audit/proofs/inclusion?position=${registered.position}`, as.farmer, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
      const head = await api.ok('GET', `/audit/proofs/stream-head?streamId=${registered.streamId}`, as.nvwa);
      expect(head.body.head).toMatchObject({ streamId: registered.streamId });
      await api.refused('GET', '/audit/proofs/stream-head?streamId=no-such-stream', as.nvwa, undefined, { status: 404, code: 'STREAM_NOT_CHECKPOINTED' });
      await api.refused('GET', `/audit/proofs/stream-head?streamId=${registered.streamId}`, as.pbl, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
    });

    it('[2027-10-01] past the closure deadline SNN closes the neighbour\'s application, its 2025 score never approved; a settled one is not closed', async () => {
      moveTo('2027-10-01T08:00:00.000Z');
      await api.refused('POST', `/schemes/${SCHEME}/farms/${A}/closure`, as.snn, undefined, { status: 409, code: 'ALREADY_SETTLED' });
      const closed = await api.ok('POST', `/schemes/${SCHEME}/farms/${B}/closure`, as.snn);
      expect(closed.body.events[0]).toMatchObject({ type: 'SubsidyApplicationClosed', data: { reason: 'SCORES_NOT_FORWARDED', missingYears: [2025, 2026] } });
    });

    it('the lists of the web application\'s pages (D54): the payer\'s money and the regulator\'s searches, a page at a time', async () => {
      const forwarded = await api.ok('GET', `/payer/${SCHEME}/forwarded?limit=1`, as.snn);
      expect(forwarded.body.items).toEqual([expect.objectContaining({ farmId: A, year: 2025 })]);
      await api.refused('GET', `/payer/${SCHEME}/forwarded?limit=0`, as.snn, undefined, { status: 400, code: 'INVALID_INPUT', field: 'limit' });
      const applications = await api.ok('GET', `/payer/${SCHEME}/applications`, as.snn);
      expect(applications.body.items.map((a: { farmId: string }) => a.farmId)).toEqual(expect.arrayContaining([A, B]));
      await api.refused('GET', `/payer/${SCHEME}/applications`, as.farmer, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
      const batch = await api.ok('GET', `/payer/${SCHEME}/payment-batch.csv`, as.snn);
      expect(batch.text.split('\r\n')[0]).toBe('farm_id,application_id,payment,reference,amount_eur_cents,recorded_at');
      await api.refused('GET', `/payer/${SCHEME}/payment-batch.csv`, as.pbl, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });

      const events = await api.ok('GET', `/audit/events?farmId=${B}&type=SubsidyApplicationClosed`, as.nvwa);
      expect(events.body.items).toEqual([expect.objectContaining({ farmId: B, type: 'SubsidyApplicationClosed', actor: { id: 'snn', role: 'payer' } })]);
      await api.refused('GET', '/audit/events?cursor=%25%25', as.nvwa, undefined, { status: 400, code: 'INVALID_INPUT', field: 'cursor' });
      expect((await api.ok('GET', '/audit/farms?q=0002', as.nvwa)).body.items).toEqual([expect.objectContaining({ farmId: B })]);
      await api.refused('GET', '/audit/farms?q=0002', as.snn, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
      expect((await api.ok('GET', '/audit/checkpoints', as.nvwa)).body.items.length).toBeGreaterThan(0);
      await api.refused('GET', '/audit/checkpoints', as.pbl, undefined, { status: 403, code: 'ROLE_NOT_ALLOWED' });
      const difference = await api.ok('GET', `/audit/farms/${B}/difference?from=2027-09-30T00:00:00.000Z&to=2027-10-02T00:00:00.000Z`, as.nvwa);
      expect(difference.body.events.map((e: { type: string }) => e.type)).toContain('SubsidyApplicationClosed');
      await api.refused('GET', `/audit/farms/${B}/difference?from=2027-10-02T00:00:00.000Z&to=2027-09-30T00:00:00.000Z`, as.nvwa, undefined, { status: 400, code: 'INVALID_INPUT', field: 'to' });
    });

    it('refuses every operation without a bearer token: 401 naming the header, nothing written', async () => {
      const sample: Record<string, string> = { farmId: A, year: '2025', scheme: SCHEME, levyId: 'minas-2003', normSetId: SCHEME, scenarioId: 'sc-00000000000000000000', runId: 'run-000000000000000000000000' };
      const problems: string[] = [];
      for (const operation of operations) {
        const [method, path] = operation.split(' ') as ['GET' | 'POST' | 'PATCH', string];
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => sample[name] ?? 'some-id');
        await api.unauthenticated(method, url).catch((e: Error) => problems.push(e.message));
      }
      expect(problems).toEqual([]);
    });

    // Found while writing this suite: each was a bug (a 500, HTML for a refusal, a 200 for a levy that does not exist).
    it('serves a refused report.html in the one error shape as JSON, not as text/html', async () => {
      await api.refused('GET', '/what-if/runs/run-000000000000000000000000/report.html', as.pbl, undefined, { status: 404, code: 'RUN_NOT_FOUND' });
    });

    it('refuses a second application naming the authorisation "hasOwnProperty" as it does any other (409, not a 500)', async () => {
      // SubsidyService.dataAuthorisationValid looked the id up with byId[id], not ownValue(): Object.prototype answered.
      await api.refused('POST', `/schemes/${SCHEME}/applications/${A}`, as.farmer, { applicationId: 'dbd-2025-0009', dataAuthorisationId: 'hasOwnProperty' }, { status: 409, code: 'APPLICATION_EXISTS' });
    });

    it('refuses to supplement a complete application naming the authorisation "constructor" (409, not a 500)', async () => {
      await api.refused('POST', `/schemes/${SCHEME}/applications/${A}/supplement`, as.farmer, { dataAuthorisationId: 'constructor' }, { status: 409, code: 'APPLICATION_COMPLETE' });
    });

    it('answers the totals of a levy that does not exist with a 404, as an id that names nothing', async () => {
      // docs/input-conventions.md: "An id that matches its pattern but names nothing is a 404 with a code."
      const res = await api.send('GET', '/levies/no-such-levy/totals?year=2025', as.nvwa);
      expect(res.status).toBe(404);
    });
  });

  describe('equivalente maatregelen (scheme time 2017)', () => {
    let t: TestApp;
    let api: ReturnType<SurfaceRecorder['client']>;
    beforeAll(async () => {
      t = await startTestApp({ now: '2017-05-10T08:00:00.000Z' });
      api = recorder.client(t);
    });
    afterAll(async () => t.close());

    it('registers a measure, takes evidence and the fee, and decides; each step refused when it was done already', async () => {
      const farmer = t.token('boer-em', 'farmer');
      const rvoPayer = t.token('rvo', 'payer');
      const rvoAuthority = t.token('rvo', 'norm_authority');
      await api.ok('POST', '/farms', farmer, { farmId: 'em-farm', province: 'Groningen', landUse: { grasslandHa: 10, maizeHa: 10, arableHa: 30 }, soilTypes: ['clay'], peatSharePct: 0, livestockUnits: 40 });
      const base = '/farms/em-farm/equivalent-measures';
      const registration = { registrationId: 'beet', measure: 'p-low-phosphate-high-yield', crop: 'sugar-beet', soilRegion: 'clay', year: 2017, registeredAt: '2017-05-09', registrationDocumentId: 'RVO-EM-2017-1', areaHa: 20 };
      await api.ok('POST', base, farmer, registration);
      await api.refused('POST', base, farmer, registration, { status: 409, code: 'REGISTRATION_EXISTS', field: 'registrationId' });
      const evidence = { evidenceId: 'ev1', kind: 'buyer-authorisation', documentId: 'SUIKERUNIE-2017-118', yieldTHa: 88 };
      await api.ok('POST', `${base}/beet/evidence`, farmer, evidence);
      await api.ok('POST', `${base}/beet/evidence`, farmer, { evidenceId: 'ev2', kind: 'fertiliser-records', documentId: 'MESTCODES-2017', fertiliserKinds: ['compost'] });
      await api.refused('POST', `${base}/no-such-registration/evidence`, farmer, evidence, { status: 404, code: 'REGISTRATION_NOT_FOUND', field: 'registrationId' });
      await api.ok('POST', `${base}/beet/fee`, rvoPayer);
      await api.refused('POST', `${base}/beet/fee`, rvoPayer, undefined, { status: 409, code: 'FEE_ALREADY_PAID' });
      const decided = await api.ok('POST', `${base}/beet/decision`, rvoAuthority);
      expect(decided.body.events[0]).toMatchObject({ type: 'FarmSpecificNormGranted', data: { extraP2o5KgHa: '5' } });
      await api.refused('POST', `${base}/beet/decision`, rvoAuthority, undefined, { status: 409, code: 'ALREADY_DECIDED' });
      expect((await api.ok('GET', base, farmer)).body.granted).toEqual([expect.objectContaining({ registrationId: 'beet' })]);
      await api.refused('GET', base, t.token('boer-other', 'farmer'), undefined, { status: 403, code: 'NOT_YOUR_FARM' });
    });
  });

  it('has a success, a refusal and a 401 on record for every operation of the document', () => {
    expect(operations.length).toBeGreaterThan(0);
    expect(recorder.gaps(operations)).toEqual([]);
  });

  it('answered every success in JSON with what the document declares for it (ajv against /docs-json)', () => {
    const judged = recorder.calls.filter((c) => c.status >= 200 && c.status < 300).length;
    expect(judged).toBeGreaterThan(100);
    expect(recorder.schemaDrift).toEqual([]);
  });

  it('let through exactly the roles each operation names in x-asb-roles, over every request made', () => {
    expect(recorder.calls.filter((c) => c.code === 'ROLE_NOT_ALLOWED').length).toBeGreaterThan(5);
    expect(recorder.roleContradictions()).toEqual([]);
  });

  it('answered only statuses the document declares for the operation, over every request made', () => {
    const undeclared = [...new Set(recorder.calls.filter((c) => !isExempt(c.operation) && !declares(doc, c.operation, c.status)).map((c) => `${c.operation} answered ${c.status}${c.code ? ` ${c.code}` : ''}`))];
    expect(recorder.calls.length).toBeGreaterThan(200);
    expect(undeclared).toEqual([]);
  });
});
