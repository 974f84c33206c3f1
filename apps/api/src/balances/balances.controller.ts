import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@asb/event-store';
import { FarmDataReader } from '@asb/ledger';
import { FarmAccessService } from '../access/farm-access.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AsOfQuery, FarmYearParams } from '../http/params';
import { ApiDoc, json } from '../http/openapi';

/** One nutrient's farm-gate balance in kg: per flow kind in and out, the totals and the surplus (per ha: null without an area). */
const nutrientBalanceSchema = json.complete({
  inputsKg: json.map(json.number),
  outputsKg: json.map(json.number),
  totalInputsKg: json.number,
  totalOutputsKg: json.number,
  stockChangeKg: json.number,
  surplusKg: json.number,
  surplusKgHa: json.nullable(json.number),
});
/** Where a figure came from: its source, submission and quality class. */
const originSchema = json.complete({ source: json.string, submissionId: json.string, quality: json.string });
/** A submission, correction or withdrawal of the farm-year, in the order recorded. */
const submissionHistorySchema = json.object(
  {
    submissionId: json.string,
    eventId: json.string,
    type: { type: 'string', enum: ['BalanceDataSubmitted', 'BalanceDataCorrected', 'BalanceDataWithdrawn'] },
    source: json.string,
    sourceDocumentId: json.string,
    supersedes: json.string,
    reason: json.string,
    qualities: json.array(json.string),
    recordedAt: json.string,
    actor: json.string,
  },
  ['submissionId', 'eventId', 'type', 'recordedAt', 'actor'],
);

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
    response: json.complete({
      asOf: json.nullable(json.string),
      balance: json.complete({
        farmId: json.string,
        year: json.number,
        // Null while no land use is known (neither submitted nor in the register).
        areaHa: json.nullable(json.number),
        areaSource: json.nullable(json.string),
        n: nutrientBalanceSchema,
        p2o5: nutrientBalanceSchema,
        milk: json.nullable(json.anyObject),
        flowSources: json.map(originSchema),
        indicators: json.map(json.object({ value: { oneOf: [json.number, json.boolean] }, quality: json.string, source: json.string, submissionId: json.string, model: json.string, modelVersion: json.string }, ['value', 'quality', 'source', 'submissionId'])),
        submissionIds: json.array(json.string),
        // Which balance-parameters norm set the balance was computed under, not the parameters themselves.
        parameters: json.complete({ id: json.string, version: json.number }),
      }),
      history: json.array(submissionHistorySchema),
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
