import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { SubscriberStatusReader } from '@asb/ledger';
import { PROJECTION_STORE, type ProjectionStore } from '@asb/projections';
import { Roles } from '../auth/roles.decorator';
import { ApiDoc, json } from '../http/openapi';

const PAGE = 100;
const MAX_PAGE = 500;

class FailuresQuery {
  @ApiPropertyOptional({ description: 'cursor: the `next` of the previous page' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) after?: number;
  @ApiPropertyOptional({ default: PAGE, maximum: MAX_PAGE }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE) limit?: number;
}

/**
 * The events a projection or reactor set aside (parked) instead of stopping on them, for the
 * regulator: which subscriber, where in the log, the error, how often it was tried, and whether a
 * later try resolved it. In recording order, a page at a time.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/subscriber-failures')
@Roles('regulator')
export class SubscriberFailuresController {
  constructor(
    @Inject(PROJECTION_STORE) private readonly readModels: ProjectionStore,
    private readonly status: SubscriberStatusReader,
  ) {}

  @Get()
  @ApiDoc({
    summary: 'Projection subscribers: their positions, lag and parked failures',
    response: json.object({
      head: json.number,
      parked: json.number,
      subscribers: json.array(json.anyObject),
      failures: json.array(json.anyObject),
      next: json.nullable(json.string),
    }),
    errors: [400, 401, 403],
  })
  async list(@Query() { after, limit = PAGE }: FailuresQuery) {
    const failures = await this.readModels.failures({ after, limit });
    const { head, parked, subscribers } = await this.status.report();
    return {
      head,
      parked,
      subscribers: subscribers.map(({ name, state, position, lag, parked: n }) => ({ name, state, position, lag, parked: n })),
      failures,
      next: failures.length === limit ? failures[failures.length - 1].id : null,
    };
  }
}
