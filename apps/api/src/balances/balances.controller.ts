import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { computeFarmBalance } from '@asb/domain';
import type { Actor } from '@asb/event-store';
import { LedgerRuntime } from '@asb/ledger';
import { READ_MODEL_STORE, farmYearKey, type FarmRecord, type FarmYearSubmissions, type ReadModelStore } from '@asb/projections';
import { FarmAccessService } from '../access/farm-access.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AsOfQuery, FarmYearParams } from '../http/params';

@ApiTags('balances')
@ApiBearerAuth()
@Controller('farms/:farmId/years/:year/balance')
export class BalancesController {
  constructor(
    private readonly access: FarmAccessService,
    private readonly runtime: LedgerRuntime,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  /** The farm-gate balance now (from the read model), or as it was known at `asOf` (folded from the log). */
  @Get()
  @Roles('farmer', 'calculator', 'data_source', 'regulator')
  async get(@Param() { farmId, year }: FarmYearParams, @Query() { asOf }: AsOfQuery, @CurrentActor() actor: Actor) {
    await this.access.authorise(actor, farmId, 'read');
    let submissions: FarmYearSubmissions;
    let landUse;
    if (asOf) {
      submissions = await this.runtime.reader.submissions(farmId, year, asOf);
      const farm = await this.runtime.reader.farm(farmId, asOf);
      landUse = farm.status === 'registered' ? farm.landUse : null;
    } else {
      const key = farmYearKey(farmId, year);
      submissions = this.readModels.get<FarmYearSubmissions>('balance-submissions', key) ?? { farmId, year, active: [], history: [] };
      landUse = this.readModels.get<FarmRecord>('farm-register', farmId)?.landUse ?? null;
    }
    return {
      asOf: asOf ? new Date(asOf).toISOString() : null,
      balance: computeFarmBalance(farmId, year, submissions.active, landUse, await this.runtime.normSets.balanceParameters(year, asOf)),
      history: submissions.history,
    };
  }
}
