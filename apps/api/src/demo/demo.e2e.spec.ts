import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { runDemo } from './demo';

/** The README's main job: the demo must keep walking its farm from submission to settlement. */
describe('the README demo', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ listen: true })));
  afterAll(async () => t.close());

  it('walks one farm from registration through scores, payments and settlement to a verified audit trail, twice without writing twice', async () => {
    const lines: string[] = [];
    const run = () => runDemo({ baseUrl: t.baseUrl, token: (sub, role) => t.token(sub, role).slice('Bearer '.length), log: (l) => lines.push(l), moveTo: (i) => t.clock.set(i) });
    const first = await run();
    expect(first.verify.ok).toBe(true);
    expect(first.settlement).toMatchObject({ earnedCents: 805_000, advanceCents: 435_000, netPaymentCents: 370_000, releasedCents: 495_000 });
    // Reads by others than the farmer are facts of their own each time they happen (D64); everything else is written once.
    const written = async () => (await t.runtime.store.readAll()).filter((e) => e.type !== 'FarmDataRead');
    const events = (await written()).length;
    const reads = (await t.runtime.store.readAll()).length - events;
    expect(reads).toBeGreaterThan(0);
    await run();
    // Every command carried an idempotency key, and sealing an idle log writes nothing.
    expect((await written()).length).toBe(events);
    expect((await t.runtime.store.readAll()).length - events).toBe(2 * reads);
    expect(lines.join('\n')).toMatch(/finding .* resolved \(corrected-data\)/);
  });
});
