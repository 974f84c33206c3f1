import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@asb/event-store';
import { FarmDataReader } from '@asb/ledger';
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
    private readonly reader: FarmDataReader,
  ) {}

  /** The farm-gate balance now, or as it was known at `asOf`, folded from the farm's streams. */
  @Get()
  @Roles('farmer', 'calculator', 'data_source', 'regulator')
  async get(@Param() { farmId, year }: FarmYearParams, @Query() { asOf }: AsOfQuery, @CurrentActor() actor: Actor) {
    await this.access.authorise(actor, farmId, 'read');
    const { submissions, balance } = await this.reader.balance(farmId, year, asOf);
    return {
      asOf: asOf ? new Date(asOf).toISOString() : null,
      balance,
      history: submissions.history,
    };
  }
}
