import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../clock/clock';
import { loadLedgerConfig } from '../config/ledger-config';
import { NormSetService } from '../norms/norm-set.service';
import { SubsidyService } from '../subsidy/subsidy.service';
import { createLedgerContext, type LedgerContext } from '../composition';
import type { CommandContext } from '../command-handling/command-context';
import { farmApplying } from './testing/farm-applying';

describe('budget allocation with many farms on the embedded store', () => {
  let dir: string;
  let ledger: LedgerContext;
  const clock = new FixedClock('2025-08-12T06:00:00.000Z');
  const ctx = (id: string, actor: CommandContext['actor']): CommandContext => ({ commandId: id, actor, now: clock.now() });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'asb-budget-'));
    ledger = await createLedgerContext({ config: loadLedgerConfig({ DATA_DIR: dir }), clock, processJobs: false, runProjections: false, scheduleSeals: false });
    await ledger.get(NormSetService).publishShipped();
    await ledger.runtime.projections.start();
  });
  afterAll(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const FARMS = 605;
  const minuteOf = (i: number) => new Date(Date.parse('2025-08-12T07:00:00.000Z') + Math.floor(i / 2) * 60_000).toISOString();

  it('grants 600 whole reservations in completion-minute order, the remainder to the next, and refuses the rest', async () => {
    // Applied in reverse order of their completion minutes: rank must follow minutes, not arrival.
    for (let i = FARMS - 1; i >= 0; i--) {
      clock.set(minuteOf(i));
      // Farm 3 has had EUR 42,000 of other de-minimis aid: EUR 8,000 of room, so it reserves less.
      await farmApplying(ledger, clock, i, { fiscalYears: [{ fiscalYear: 2024, aidCents: i === 3 ? 4_200_000 : 0 }] });
    }
    await ledger.runtime.projections.caughtUp();
    clock.set('2025-11-03T09:00:00.000Z');
    const result = await ledger.get(SubsidyService).allocate('drenthe-2025', ctx('allocate-1', { id: 'snn', role: 'payer' }));
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
    const budget = await ledger.get(SubsidyService).budget('drenthe-2025');
    expect(budget.reservedCents).toBe(780_000_000);
    // Running the allocation again allocates nothing twice.
    expect((await ledger.get(SubsidyService).allocate('drenthe-2025', ctx('allocate-2', { id: 'snn', role: 'payer' }))).events).toEqual([]);
  });
});
