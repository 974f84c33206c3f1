import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authorisationDecider, farmDecider, streams } from '@asb/domain';
import { FixedClock } from '../clock/clock';
import { loadLedgerConfig } from '../config/ledger-config';
import { LedgerRuntime } from '../ledger-runtime';
import type { CommandContext } from '../command-handling/command-context';

describe('budget allocation with many farms on the embedded store', () => {
  let dir: string;
  let runtime: LedgerRuntime;
  const clock = new FixedClock('2025-08-12T06:00:00.000Z');
  const ctx = (id: string, actor: CommandContext['actor']): CommandContext => ({ commandId: id, actor, now: clock.now() });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'asb-budget-'));
    runtime = new LedgerRuntime(loadLedgerConfig({ DATA_DIR: dir }), clock);
    await runtime.normSets.publishShipped();
    await runtime.projections.start();
  });
  afterAll(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const FARMS = 605;
  const minuteOf = (i: number) => new Date(Date.parse('2025-08-12T07:00:00.000Z') + Math.floor(i / 2) * 60_000).toISOString();

  it('grants 600 whole reservations in completion-minute order, the remainder to the next, and refuses the rest', async () => {
    // Applied in reverse order of their completion minutes: rank must follow minutes, not arrival.
    for (let i = FARMS - 1; i >= 0; i--) {
      const farmId = `farm-${String(i).padStart(3, '0')}`;
      const farmer = { id: `boer-${i}`, role: 'farmer' as const };
      clock.set(minuteOf(i));
      await runtime.commands.handle(streams.farm(farmId), farmDecider, {
        type: 'RegisterFarm',
        data: { farmId, farmerId: farmer.id, province: 'Drenthe', landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, soilTypes: ['sand'], peatSharePct: 0, livestockUnits: 100, now: clock.now() },
      }, ctx(`reg-${i}`, farmer));
      await runtime.commands.handle(streams.authorisations(farmId), authorisationDecider, {
        type: 'GrantAuthorisation',
        data: { authorisationId: 'wur', farmId, farmOwnerId: farmer.id, actorId: farmer.id, grantee: { id: 'wur', role: 'calculator' }, sources: ['klw', 'gecombineerde-opgave', 'scan-ict', 'clm-milieumeetlat'], purpose: 'scheme:drenthe-2025', validFrom: '2025-08-01T00:00:00.000Z', validTo: '2027-12-31T00:00:00.000Z', now: clock.now() },
      }, ctx(`auth-${i}`, farmer));
      // Farm 3 has had EUR 42,000 of other de-minimis aid: EUR 8,000 of room, so it reserves less.
      const aid = i === 3 ? 4_200_000 : 0;
      await runtime.subsidy.apply('drenthe-2025', farmId, { applicationId: `app-${i}`, wurAuthorisationId: 'wur', deMinimis: { fiscalYears: [{ fiscalYear: 2024, aidCents: aid }] }, eligibility: { kvkNumber: String(10_000_000 + i), sbiCodes: ['01.41'], kringloopWijzerInUse: true }, farmOwnerId: farmer.id }, ctx(`apply-${i}`, farmer));
    }
    await runtime.projections.caughtUp();
    clock.set('2025-11-03T09:00:00.000Z');
    const result = await runtime.subsidy.allocate('drenthe-2025', ctx('allocate-1', { id: 'snn', role: 'payer' }));
    const granted = result.events.filter((e) => e.type === 'SubsidyGranted').map((e) => e.data as { applicationId: string; rank: number; reservedCents: number; limitedBy: string });
    const refused = result.events.filter((e) => e.type === 'SubsidyRefused').map((e) => e.data as { applicationId: string; rank: number; reason: string });

    // Two farms complete in each minute; within a minute the one that arrived first (the higher number here) ranks first.
    expect(granted.slice(0, 4).map((g) => [g.applicationId, g.rank])).toEqual([['app-1', 1], ['app-0', 2], ['app-3', 3], ['app-2', 4]]);
    expect(granted.find((g) => g.applicationId === 'app-3')).toMatchObject({ reservedCents: 800_000, limitedBy: 'de-minimis' });
    expect(granted).toHaveLength(601);
    // 599 × 13,000 + 8,000 = 7,795,000: the 601st gets the EUR 5,000 that is left.
    expect(granted.at(-1)).toMatchObject({ applicationId: 'app-601', rank: 601, reservedCents: 500_000, limitedBy: 'budget-remainder' });
    expect(refused.map((r) => [r.applicationId, r.rank, r.reason])).toEqual([
      ['app-600', 602, 'BUDGET_EXHAUSTED'],
      ['app-603', 603, 'BUDGET_EXHAUSTED'],
      ['app-602', 604, 'BUDGET_EXHAUSTED'],
      ['app-604', 605, 'BUDGET_EXHAUSTED'],
    ]);
    const budget = await runtime.subsidy.budget('drenthe-2025');
    expect(budget.reservedCents).toBe(780_000_000);
    // Running the allocation again allocates nothing twice.
    expect((await runtime.subsidy.allocate('drenthe-2025', ctx('allocate-2', { id: 'snn', role: 'payer' }))).events).toEqual([]);
  });
});
