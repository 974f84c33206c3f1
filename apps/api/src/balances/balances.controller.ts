import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@asb/event-store';
import { FarmDataReader } from '@asb/ledger';
import { FarmAccessService } from '../access/farm-access.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AsOfQuery, FarmYearParams } from '../http/params';
import { ApiDoc, json } from '../http/openapi';

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
  @ApiDoc({
    summary: "A farm-year's nutrient balance, now or as it was known at asOf, with where each figure came from",
    response: json.object({
      asOf: json.nullable(json.string),
      balance: json.object({
        farmId: json.string,
        year: json.number,
        areaHa: json.number,
        areaSource: json.string,
        n: json.anyObject,
        p2o5: json.anyObject,
        milk: json.anyObject,
        flowSources: json.map(json.anyObject),
        indicators: json.map(json.anyObject),
        submissionIds: json.array(json.string),
        // Which balance-parameters norm set the balance was computed under, not the parameters themselves.
        parameters: json.normSetRef,
      }),
      history: json.array(json.anyObject),
    }),
    errors: [400, 401, 403, 404],
  })
  async get(@Param() { farmId, year }: FarmYearParams, @Query() { asOf }: AsOfQuery, @CurrentActor() actor: Actor) {
    await this.access.authoriseRead(actor, farmId, { resource: 'balance', year });
    const { submissions, balance } = await this.reader.balance(farmId, year, asOf);
    return {
      asOf: asOf ? new Date(asOf).toISOString() : null,
      balance,
      history: submissions.history,
    };
  }
}
