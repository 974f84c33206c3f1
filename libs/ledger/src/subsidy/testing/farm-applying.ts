import { authorisationDecider, farmDecider, streams, type DeMinimisDeclaration } from '@asb/domain';
import type { Clock } from '../../clock/clock';
import type { CommandContext } from '../../command-handling/command-context';
import { CommandService } from '../../command-handling/command-service';
import type { Type } from '@nestjs/common';
import { SubsidyService } from '../subsidy.service';

/**
 * For the subsidy's integration tests: farm `farm-{i}` of farmer `boer-{i}` in Drenthe registers,
 * authorises WUR for the four sources of art. 6, and applies to drenthe-2025 with eligible evidence.
 */
export const farmApplying = async (ledger: { get<T>(token: Type<T>): T }, clock: Clock, i: number, deMinimis: DeMinimisDeclaration = { fiscalYears: [] }) => {
  const farmId = `farm-${String(i).padStart(3, '0')}`;
  const farmer = { id: `boer-${i}`, role: 'farmer' as const };
  const ctx = (id: string): CommandContext => ({ commandId: id, actor: farmer, now: clock.now() });
  await ledger.get(CommandService).handle(streams.farm(farmId), farmDecider, {
    type: 'RegisterFarm',
    data: { farmId, farmerId: farmer.id, province: 'Drenthe', landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, soilTypes: ['sand'], peatSharePct: 0, livestockUnits: 100, now: clock.now() },
  }, ctx(`reg-${i}`));
  await ledger.get(CommandService).handle(streams.authorisations(farmId), authorisationDecider, {
    type: 'GrantAuthorisation',
    data: { authorisationId: 'wur', farmId, farmOwnerId: farmer.id, actorId: farmer.id, grantee: { id: 'wur', role: 'calculator' }, sources: ['klw', 'gecombineerde-opgave', 'scan-ict', 'clm-milieumeetlat'], purpose: 'scheme:drenthe-2025', validFrom: '2025-08-01T00:00:00.000Z', validTo: '2027-12-31T00:00:00.000Z', now: clock.now() },
  }, ctx(`auth-${i}`));
  await ledger.get(SubsidyService).apply('drenthe-2025', farmId, { applicationId: `app-${i}`, dataAuthorisationId: 'wur', deMinimis, eligibility: { kvkNumber: String(10_000_000 + i), sbiCodes: ['01.41'], kringloopWijzerInUse: true }, farmOwnerId: farmer.id }, ctx(`apply-${i}`));
  return { farmId, farmer };
};
