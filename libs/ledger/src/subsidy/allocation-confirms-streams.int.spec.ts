import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authorisationDecider, farmDecider, streams } from '@asb/domain';
import { FixedClock } from '../clock/clock';
import { loadLedgerConfig } from '../config/ledger-config';
import { LedgerRuntime } from '../ledger-runtime';
import type { CommandContext } from '../command-handling/command-context';

/**
 * The allocation finds candidates through the scheme-applications read model, which may lag (a
 * bounded read-your-writes wait) or have set an event aside (D34). Money must follow the record: an
 * application withdrawn after the read model last saw it is not granted a reservation.
 */
describe('budget allocation confirms each candidate against its own stream', () => {
  let dir: string;
  let runtime: LedgerRuntime;
  const clock = new FixedClock('2025-08-12T06:00:00.000Z');
  const ctx = (id: string, actor: CommandContext['actor']): CommandContext => ({ commandId: id, actor, now: clock.now() });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'asb-alloc-'));
    runtime = new LedgerRuntime(loadLedgerConfig({ DATA_DIR: dir }), clock);
    await runtime.normSets.publishShipped();
    await runtime.projections.start();
  });
  afterAll(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const applyFor = async (i: number) => {
    const farmId = `farm-${i}`;
    const farmer = { id: `boer-${i}`, role: 'farmer' as const };
    await runtime.commands.handle(streams.farm(farmId), farmDecider, {
      type: 'RegisterFarm',
      data: { farmId, farmerId: farmer.id, province: 'Drenthe', landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, soilTypes: ['sand'], peatSharePct: 0, livestockUnits: 100, now: clock.now() },
    }, ctx(`reg-${i}`, farmer));
    await runtime.commands.handle(streams.authorisations(farmId), authorisationDecider, {
      type: 'GrantAuthorisation',
      data: { authorisationId: 'wur', farmId, farmOwnerId: farmer.id, actorId: farmer.id, grantee: { id: 'wur', role: 'calculator' }, sources: ['klw', 'gecombineerde-opgave', 'scan-ict', 'clm-milieumeetlat'], purpose: 'scheme:drenthe-2025', validFrom: '2025-08-01T00:00:00.000Z', validTo: '2027-12-31T00:00:00.000Z', now: clock.now() },
    }, ctx(`auth-${i}`, farmer));
    await runtime.subsidy.apply('drenthe-2025', farmId, { applicationId: `app-${i}`, wurAuthorisationId: 'wur', deMinimis: { fiscalYears: [] }, eligibility: { kvkNumber: String(10_000_000 + i), sbiCodes: ['01.41'], kringloopWijzerInUse: true }, farmOwnerId: farmer.id }, ctx(`apply-${i}`, farmer));
    return farmer;
  };

  it('grants the application that is still complete and not the one withdrawn behind the read model', async () => {
    await applyFor(1);
    const second = await applyFor(2);
    await runtime.projections.caughtUp();
    // The read model stops here: it still lists both applications as complete.
    await runtime.projections.stop();
    clock.set('2025-10-01T09:00:00.000Z');
    await runtime.subsidy.withdraw('drenthe-2025', 'farm-2', { farmOwnerId: second.id, reason: 'bedrijf verkocht' }, ctx('withdraw-2', second));

    clock.set('2025-11-03T09:00:00.000Z');
    const result = await runtime.subsidy.allocate('drenthe-2025', ctx('allocate-1', { id: 'snn', role: 'payer' }));
    const granted = result.events.filter((e) => e.type === 'SubsidyGranted').map((e) => (e.data as { applicationId: string }).applicationId);
    expect(granted).toEqual(['app-1']);
    expect(result.events.some((e) => (e.data as { applicationId?: string }).applicationId === 'app-2')).toBe(false);
  });
});
