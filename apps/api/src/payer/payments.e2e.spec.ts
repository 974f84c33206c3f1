import { startAppAfterDemo, type TestApp } from '../../../../test/support/test-app';

/**
 * The payer's lists (D54) over the demo's record: its farm's 2025 and 2026 scores forwarded, the
 * advance paid in 2026 and the settlement of 2027 — a page at a time, and as a CSV payment batch in
 * integer euro cents.
 */
describe('the payer: forwarded scores, applications and the payment batch', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAppAfterDemo()), 120_000);
  afterAll(async () => t?.close());
  const snn = () => t.token('snn', 'payer');

  it('lists the forwarded scores a page at a time, the cursor leading to the next', async () => {
    const first = await t.http().get('/payer/drenthe-2025/forwarded?limit=1').set('authorization', snn()).expect(200);
    expect(first.body.items).toEqual([expect.objectContaining({ farmId: 'nl-drenthe-0001', year: 2025 })]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.http().get(`/payer/drenthe-2025/forwarded?limit=1&cursor=${first.body.nextCursor}`).set('authorization', snn()).expect(200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ farmId: 'nl-drenthe-0001', year: 2026, totalCents: expect.any(Number) })], nextCursor: null });
  });

  it('lists the applications with their advance and settlement in cents', async () => {
    const res = await t.http().get('/payer/drenthe-2025/applications').set('authorization', snn()).expect(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items).toEqual([
      expect.objectContaining({ farmId: 'nl-drenthe-0001', status: 'complete', advanceCents: 435_000, settlements: [expect.objectContaining({ settlementNo: 1, netPaymentCents: 370_000, earnedCents: 805_000 })] }),
    ]);
  });

  it('hands over the payment batch as CSV with a file name, amounts in integer euro cents', async () => {
    const res = await t.http().get('/payer/drenthe-2025/payment-batch.csv').set('authorization', snn()).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="betaalbatch-drenthe-2025.csv"');
    const [header, ...lines] = res.text.trim().split('\r\n');
    expect(header).toBe('farm_id,application_id,payment,reference,amount_eur_cents,recorded_at');
    expect(lines).toEqual([
      expect.stringMatching(/^nl-drenthe-0001,[^,]+,advance,[^,]+-voorschot,435000,2026-/),
      expect.stringMatching(/^nl-drenthe-0001,[^,]+,settlement,[^,]+-vaststelling-1,370000,2027-/),
    ]);
  });

  it('refuses a bad cursor (400), a farmer (403), an unpublished scheme (400) and a caller without a token (401)', async () => {
    const bad = await t.http().get('/payer/drenthe-2025/applications?cursor=not%20a%20cursor').set('authorization', snn()).expect(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_INPUT', field: 'cursor' });
    await t.http().get('/payer/drenthe-2025/forwarded?limit=0').set('authorization', snn()).expect(400);
    await t.http().get('/payer/drenthe-2025/payment-batch.csv').set('authorization', t.token('boer-jansen', 'farmer')).expect(403);
    await t.http().get('/payer/drenthe-2030/applications').set('authorization', snn()).expect(400);
    for (const path of ['forwarded', 'applications', 'payment-batch.csv']) {
      const res = await t.http().get(`/payer/drenthe-2025/${path}`).expect(401);
      expect(res.body.code).toEqual(expect.any(String));
    }
  });
});
