import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { prepareFarm, scoreAndForward, indicatorList, type SchemeCase } from '../../../test/support/scheme-flow';
import { examplesDir } from '../../../test/support/shared-dir';
import { demoEligibility } from './demo/demo-fixtures';

const examples = examplesDir();
const load = (name: string): SchemeCase => JSON.parse(readFileSync(join(examples, `${name}.json`), 'utf8'));

describe('money over HTTP: application → grant → advance (2026) → settlement on both years (2027)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ now: '2025-09-15T08:00:00.000Z' })));
  afterAll(async () => t.close());

  const deMinimis = { fiscalYears: [{ fiscalYear: 2023, aidCents: 0 }, { fiscalYear: 2024, aidCents: 120_000 }, { fiscalYear: 2025, aidCents: 0 }] };

  it('walks one farm from its application to its settlement, and refuses steps out of turn', async () => {
    const best = { ...load('example-edge-best'), farmId: 'farm-money' };
    const farmer = await prepareFarm(t, best);
    const payer = t.token('snn', 'payer');

    // An application without the de-minimis declaration is not complete; supplementing completes it.
    t.clock.set('2025-09-15T09:30:42.000Z');
    await t.http().post('/schemes/drenthe-2025/applications/farm-money').set('authorization', farmer).send({ applicationId: 'dbd-0001', dataAuthorisationId: 'machtiging-wur', eligibility: demoEligibility() }).expect(201);
    t.clock.set('2025-09-16T10:15:07.000Z');
    const supplemented = await t.http().post('/schemes/drenthe-2025/applications/farm-money/supplement').set('authorization', farmer).send({ deMinimis }).expect(200);
    expect(supplemented.body.events.map((e: { type: string }) => e.type)).toEqual(['SubsidyApplicationSupplemented', 'SubsidyApplicationCompleted']);
    expect(supplemented.body.events[1].data.completedMinute).toBe('2025-09-16T10:15');

    // A second farm applies after the window closed.
    const late = { ...load('example-01'), farmId: 'farm-late' };
    const lateFarmer = await prepareFarm(t, late);
    t.clock.set('2025-11-02T08:00:00.000Z');
    const closed = await t.http().post('/schemes/drenthe-2025/applications/farm-late').set('authorization', lateFarmer).send({ applicationId: 'dbd-late', dataAuthorisationId: 'machtiging-wur', deMinimis, eligibility: demoEligibility() }).expect(409);
    expect(closed.body.code).toBe('APPLICATION_WINDOW_CLOSED');

    const allocation = await t.http().post('/schemes/drenthe-2025/allocation').set('authorization', payer).expect(200);
    expect(allocation.body).toEqual({ granted: 1, refused: 0 });

    // 2025 score forwarded; the advance is due in 2026 only.
    t.clock.set('2025-12-01T08:00:00.000Z');
    const score2025 = await scoreAndForward(t, 'farm-money', 2025, farmer);
    expect(score2025.totalCents).toBe(650_000);
    const early = await t.http().post('/schemes/drenthe-2025/farms/farm-money/advance').set('authorization', payer).expect(409);
    expect(early.body.code).toBe('ADVANCE_NOT_DUE');
    t.clock.set('2026-03-01T08:00:00.000Z');
    const advance = await t.http().post('/schemes/drenthe-2025/farms/farm-money/advance').set('authorization', payer).expect(200);
    expect(advance.body.events[0].data).toMatchObject({ amountCents: 650_000, basedOn: { year: 2025, scoreVersion: 1 } });

    // 2026: fewer KPIs met, biodiversity not paid again.
    await t.http()
      .post('/farms/farm-money/years/2026/submissions')
      .set('authorization', t.token('wur', 'calculator'))
      .send({ submissionId: 'klw-2026', source: 'klw', model: 'KringloopWijzer', modelVersion: '2025.01', sourceDocumentId: 'KLW-farm-money-2026', scheme: 'drenthe-2025', landUse: best.landUse, indicators: indicatorList({ ...best.indicators, grazingHours: 500, milkUreaMg100g: 19.5 }) })
      .expect(201);
    const score2026 = await scoreAndForward(t, 'farm-money', 2026, farmer);
    expect(score2026.kpis).toMatchObject({ biodiversity: 0, grazing: 0, milkUrea: 10_000 });
    expect(score2026.totalCents).toBe(650_000 - 25_000 - 100_000 - 90_000);

    const tooSoon = await t.http().post('/schemes/drenthe-2025/farms/farm-money/settlement').set('authorization', payer).expect(409);
    expect(tooSoon.body.code).toBe('SETTLEMENT_NOT_DUE');
    t.clock.set('2027-02-01T08:00:00.000Z');
    const settled = await t.http().post('/schemes/drenthe-2025/farms/farm-money/settlement').set('authorization', payer).expect(200);
    expect(settled.body.events[0].data).toMatchObject({ earnedCents: 650_000 + 435_000, advanceCents: 650_000, netPaymentCents: 435_000, releasedCents: 1_300_000 - 1_085_000, settlementNo: 1 });
    const again = await t.http().post('/schemes/drenthe-2025/farms/farm-money/settlement').set('authorization', payer).expect(409);
    expect(again.body.code).toBe('ALREADY_SETTLED');

    const budget = await t.http().get('/schemes/drenthe-2025/budget').set('authorization', payer).expect(200);
    expect(budget.body).toMatchObject({ ceilingCents: 780_000_000, reservedCents: 1_300_000, releasedCents: 215_000, usedCents: 1_085_000, leftCents: 778_700_000 });
    const ranking = await t.http().get('/schemes/drenthe-2025/budget/ranking').set('authorization', payer).expect(200);
    expect(ranking.body.items[0]).toMatchObject({ rank: 1, farmId: 'farm-money', completedMinute: '2025-09-16T10:15', reservedCents: 1_300_000 });
    const overview = await t.http().get('/schemes/drenthe-2025/farms/farm-money').set('authorization', farmer).expect(200);
    expect(overview.body.application).toMatchObject({ grant: { reservedCents: 1_300_000 }, advanceCents: 650_000, releasedCents: 215_000 });
    // When the advance was paid: the farmer's money page shows its date (issue 16).
    expect(overview.body.application.advancePaidAt).toMatch(/^2026-/);
    expect(overview.body.scores.map((s: { status: string }) => s.status)).toEqual(['forwarded', 'forwarded']);
    // The payer sees the money side of another farm's record, not its working data.
    const payerView = await t.http().get('/schemes/drenthe-2025/farms/farm-money').set('authorization', payer).expect(200);
    expect(JSON.stringify(payerView.body)).not.toContain('kpis');
  });
});
