import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authorisationDecider, drenthe2025NormSet, farmDecider, streams } from '@asb/domain';
import { FixedClock } from '../clock/clock';
import { loadLedgerConfig } from '../config/ledger-config';
import { CommandService } from '../command-handling/command-service';
import { NormSetService } from '../norms/norm-set.service';
import { SubsidyService } from '../subsidy/subsidy.service';
import { createLedgerContext, type LedgerContext } from '../composition';
import type { CommandContext } from '../command-handling/command-context';

/**
 * A data directory whose drenthe-2025 norm set was published before D38/D39 (schema 2, without
 * eligibility, closure or de-minimis period) keeps working: it is read with art. 1 and 4, the closure
 * deadline and the rolling period, and publishShipped leaves it alone.
 */
describe('a data directory from before D38/D39', () => {
  let dir: string;
  let ledger: LedgerContext;
  const clock = new FixedClock('2025-08-12T06:00:00.000Z');
  const ctx = (id: string, actor: CommandContext['actor']): CommandContext => ({ commandId: id, actor, now: clock.now() });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'asb-pre-d38-'));
    ledger = await createLedgerContext({ config: loadLedgerConfig({ DATA_DIR: dir }), clock, processJobs: false, runProjections: false, scheduleSeals: false });
    const { eligibility: _e, closure: _c, ...parameters } = drenthe2025NormSet.parameters;
    const oldDocument = { ...drenthe2025NormSet, parameters: { ...parameters, deMinimis: { ceilingCents: 5_000_000, fiscalYears: 3 } } };
    // Written as the code of its day wrote it: schema 2, straight into the log.
    await ledger.runtime.log.append(streams.normSet('drenthe-2025'), [{
      id: '00000000-0000-4000-8000-000000000d38', type: 'NormSetPublished', schemaVersion: 2,
      data: { document: oldDocument, publishedAt: clock.now(), publishedBy: 'asb-ledger' },
      metadata: { actor: { id: 'asb-ledger', role: 'system' }, recordedAt: clock.now(), correlationId: 'c', causationId: 'c' },
    }], 'no_stream');
    await ledger.get(NormSetService).publishShipped();
    await ledger.runtime.projections.start();
  });
  afterAll(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const register = async (farmId: string, province: string) => {
    const farmer = { id: `boer-${farmId}`, role: 'farmer' as const };
    await ledger.get(CommandService).handle(streams.farm(farmId), farmDecider, { type: 'RegisterFarm', data: { farmId, farmerId: farmer.id, province, landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, soilTypes: ['sand'], peatSharePct: 0, livestockUnits: 100, now: clock.now() } }, ctx(`reg-${farmId}`, farmer));
    await ledger.get(CommandService).handle(streams.authorisations(farmId), authorisationDecider, {
      type: 'GrantAuthorisation',
      data: { authorisationId: 'wur', farmId, farmOwnerId: farmer.id, actorId: farmer.id, grantee: { id: 'wur', role: 'calculator' }, sources: ['klw', 'gecombineerde-opgave', 'scan-ict', 'clm-milieumeetlat'], purpose: 'scheme:drenthe-2025', validFrom: '2025-08-01T00:00:00.000Z', validTo: '2027-12-31T00:00:00.000Z', now: clock.now() },
    }, ctx(`auth-${farmId}`, farmer));
    return farmer;
  };
  const evidence = { kvkNumber: '12345678', sbiCodes: ['01.41'], kringloopWijzerInUse: true };

  it('reads the old document with the rules of art. 1 and 4, the closure deadline and the rolling de-minimis period; nothing is republished', async () => {
    const history = await ledger.get(NormSetService).history('drenthe-2025');
    expect(history.versions).toHaveLength(1);
    expect(await ledger.get(SubsidyService).norms('drenthe-2025', '2025-09-01T00:00:00.000Z')).toMatchObject({ eligibility: drenthe2025NormSet.parameters.eligibility, closure: drenthe2025NormSet.parameters.closure, deMinimis: { period: 'rolling' } });
  });

  it('refuses a Friesland farm and completes a Drenthe one under the old document', async () => {
    clock.set('2025-09-01T08:00:00.000Z');
    const fries = await register('farm-fries', 'Friesland');
    await expect(ledger.get(SubsidyService).apply('drenthe-2025', 'farm-fries', { applicationId: 'a-fries', dataAuthorisationId: 'wur', deMinimis: { fiscalYears: [] }, eligibility: evidence, farmOwnerId: fries.id }, ctx('apply-fries', fries))).rejects.toMatchObject({ code: 'NOT_ELIGIBLE_PROVINCE', field: 'province' });
    const drent = await register('farm-drent', 'Drenthe');
    const applied = await ledger.get(SubsidyService).apply('drenthe-2025', 'farm-drent', { applicationId: 'a-drent', dataAuthorisationId: 'wur', deMinimis: { fiscalYears: [] }, eligibility: evidence, farmOwnerId: drent.id }, ctx('apply-drent', drent));
    expect(applied.events.map((e) => e.type)).toEqual(['SubsidyApplicationSubmitted', 'SubsidyApplicationCompleted']);
    expect(applied.events[0].data).toMatchObject({ eligibility: { ...evidence, province: 'Drenthe', normSet: { id: 'drenthe-2025', version: 1 } } });
  });
});
