import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allocationOf, applicationDecider, streams } from '@asb/domain';
import { FixedClock } from '../clock/clock';
import { loadLedgerConfig } from '../config/ledger-config';
import { CommandService } from '../command-handling/command-service';
import { NormSetService } from '../norms/norm-set.service';
import { Subscribers } from '../subscribers/subscribers';
import { SubsidyService } from '../subsidy/subsidy.service';
import { createLedgerContext, type LedgerContext } from '../composition';
import type { CommandContext } from '../command-handling/command-context';
import { farmApplying } from './testing/farm-applying';

/**
 * The allocation finds candidates through the scheme-applications read model, which may lag (a
 * bounded read-your-writes wait) or have set an event aside (D34). Money must follow the record: an
 * application withdrawn after the read model last saw it is not granted a reservation.
 */
describe('budget allocation confirms each candidate against its own stream', () => {
  let dir: string;
  let ledger: LedgerContext;
  const clock = new FixedClock('2025-08-12T06:00:00.000Z');
  const ctx = (id: string, actor: CommandContext['actor']): CommandContext => ({ commandId: id, actor, now: clock.now() });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'asb-alloc-'));
    ledger = await createLedgerContext({ config: loadLedgerConfig({ DATA_DIR: dir }), clock, processJobs: false, runProjections: false, scheduleSeals: false });
    await ledger.get(NormSetService).publishShipped();
    await ledger.runtime.projections.start();
  });
  afterAll(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const applyFor = async (i: number) => (await farmApplying(ledger, clock, i)).farmer;

  it('grants the application that is still complete and not the one withdrawn behind the read model', async () => {
    await applyFor(1);
    const second = await applyFor(2);
    await ledger.runtime.projections.caughtUp();
    // The read model stops here: it still lists both applications as complete.
    await ledger.runtime.projections.stop();
    clock.set('2025-10-01T09:00:00.000Z');
    await ledger.get(SubsidyService).withdraw('drenthe-2025', 'farm-002', { farmOwnerId: second.id, reason: 'bedrijf verkocht' }, ctx('withdraw-2', second));

    clock.set('2025-11-03T09:00:00.000Z');
    const result = await ledger.get(SubsidyService).allocate('drenthe-2025', ctx('allocate-1', { id: 'snn', role: 'payer' }));
    const granted = result.events.filter((e) => e.type === 'SubsidyGranted').map((e) => (e.data as { applicationId: string }).applicationId);
    expect(granted).toEqual(['app-1']);
    expect(result.events.some((e) => (e.data as { applicationId?: string }).applicationId === 'app-2')).toBe(false);
  });

  it('releases a reservation whose release the request never wrote (a crash between the two writes), once', async () => {
    await ledger.runtime.projections.start();
    clock.set('2025-10-15T09:00:00.000Z');
    const third = await applyFor(3);
    await ledger.runtime.projections.caughtUp();
    clock.set('2025-11-04T09:00:00.000Z');
    const allocated = await ledger.get(SubsidyService).allocate('drenthe-2025', ctx('allocate-2', { id: 'snn', role: 'payer' }));
    expect(allocated.events.map((e) => (e.data as { applicationId: string }).applicationId)).toContain('app-3');
    // The withdrawal is recorded, the process dies before the budget write: only the application stream has it.
    clock.set('2025-12-01T09:00:00.000Z');
    const allocation = allocationOf(await ledger.get(SubsidyService).budget('drenthe-2025'), 'app-3');
    await ledger.get(CommandService).handle(streams.application('drenthe-2025', 'farm-003'), applicationDecider, {
      type: 'WithdrawApplication',
      data: { scheme: 'drenthe-2025', farmId: 'farm-003', actorId: third.id, farmOwnerId: third.id, allocation, reason: 'bedrijf verkocht', now: clock.now() },
    }, ctx('withdraw-3', third));
    const releases = async () => (await ledger.runtime.store.readStream(streams.schemeBudget('drenthe-2025'))).filter((e) => e.type === 'BudgetReservationReleased' && (e.data as { applicationId: string }).applicationId === 'app-3');
    expect(await releases()).toHaveLength(0);

    for (const reactor of ledger.get(Subscribers).reactors) reactor.start();
    await ledger.get(Subscribers).caughtUp();
    const [released] = await releases();
    expect(released.data).toMatchObject({ applicationId: 'app-3', releasedCents: allocation.reservedCents, cause: 'withdrawal' });
    // A restart reads the same events again and writes nothing more.
    for (const reactor of ledger.get(Subscribers).reactors) await reactor.stop();
    for (const reactor of ledger.get(Subscribers).reactors) reactor.start();
    await ledger.get(Subscribers).caughtUp();
    expect(await releases()).toHaveLength(1);
  });
});
