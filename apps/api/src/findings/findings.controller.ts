import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ascending, CursorPageQuery, pageOfList } from '../http/cursor-page';
import type { FarmYearFindings } from '@asb/domain';
import type { Actor } from '@asb/event-store';
import { FindingsHistory, FindingsHandler } from '@asb/ledger';
import { FindingsQuery } from '@asb/projections';
import { FarmAccessService } from '../access/farm-access.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CommandContextFactory } from '../http/command-context.factory';
import { IdempotencyKey, type IdempotencyKeyValue } from '../http/idempotency-key';
import { FarmYearParams } from '../http/params';
import { ApiDoc, WRITE_ERRORS, json } from '../http/openapi';

class FindingParams extends FarmYearParams {
  @ApiProperty() @IsString() @Matches(/^[A-Za-z0-9-]{2,120}$/) findingId!: string;
}

class FindingsPageQuery extends CursorPageQuery {
  @ApiPropertyOptional({ description: 'ISO instant: what was known then' }) @IsOptional() @IsISO8601({ strict: true }) asOf?: string;
}

class FindingDecisionDto {
  @ApiProperty({ example: 'processor statement shows a meter fault on 3 March; KLW figure is right' }) @IsString() @Length(10, 2000) note!: string;
}

@ApiTags('findings')
@ApiBearerAuth()
@Controller('farms/:farmId/years/:year/findings')
export class FindingsController {
  constructor(
    private readonly contexts: CommandContextFactory,
    private readonly access: FarmAccessService,
    private readonly history: FindingsHistory,
    private readonly findings: FindingsHandler,
    private readonly findingsRead: FindingsQuery,
  ) {}

  @Get()
  @Roles('farmer', 'calculator', 'data_source', 'regulator')
  @ApiDoc({
    summary: "A farm-year's plausibility findings, now or as known at asOf, by finding id, a page at a time (cursor pagination)",
    response: json.page(json.object({ checkId: json.string, compared: json.array(json.string), findingId: json.string, message: json.string, raisedAt: json.string, severity: json.string, subject: json.string, tolerances: json.anyObject, values: json.map(json.figure), status: json.string }, ['findingId', 'checkId', 'subject', 'severity', 'status', 'message', 'raisedAt'])),
    errors: [400, 401, 403, 404],
  })
  async list(@Param() { farmId, year }: FarmYearParams, @Query() { asOf, ...page }: FindingsPageQuery, @CurrentActor() actor: Actor) {
    await this.access.authoriseRead(actor, farmId, { resource: 'findings', year });
    const state: FarmYearFindings = asOf
      ? await this.history.asOf(farmId, year, asOf)
      : ((await this.findingsRead.ofFarmYear(farmId, year)));
    const all = Object.values(state.findings).sort((a, b) => (a.findingId < b.findingId ? -1 : 1));
    return pageOfList(all, (f) => f.findingId, ascending, page);
  }

  /** A calculator's documented decision closes a finding that corrected data cannot (action 11). */
  @Post(':findingId/decision')
  @Roles('calculator')
  @ApiDoc({ summary: 'Decide an open finding with a documented note', response: json.object({ findingId: json.string, events: json.events }), status: 201, errors: [...WRITE_ERRORS, 404] })
  async decide(@Param() { farmId, year, findingId }: FindingParams, @Body() dto: FindingDecisionDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const { authorisationId } = await this.access.authorise(actor, farmId, 'decide');
    const ctx = this.contexts.create(actor, key, { authorisationId });
    const result = await this.findings.execute({ type: 'ResolveFindingByDecision', data: { farmId, year, findingId, decidedBy: actor.id, actorRole: actor.role, note: dto.note, now: ctx.now } }, ctx);
    return { findingId, events: result.events };
  }
}
