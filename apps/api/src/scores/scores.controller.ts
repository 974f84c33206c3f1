import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import type { Actor } from '@asb/event-store';
import { LedgerRuntime } from '@asb/ledger';
import { FarmAccessService } from '../access/farm-access.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CommandContextFactory } from '../http/command-context.factory';
import { IdempotencyKey, type IdempotencyKeyValue } from '../http/idempotency-key';
import { AsOfQuery, FarmYearParams } from '../http/params';
import { PublishedSchemeGuard, SchemeId } from '../schemes/scheme-catalogue';
import { scoreDecider, streams } from '@asb/domain';
import { DeciderCommand } from '../http/decider-command';
import { CalculateScoreMessage, ForwardScoreMessage } from './score.commands';

class ScoreParams extends FarmYearParams {
  @SchemeId() scheme!: string;
}
class CalculateDto {
  @ApiPropertyOptional({ example: 'grazing hours added after the dispute' }) @IsOptional() @IsString() @Length(3, 500) reason?: string;
}
class ScoreVersionDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) scoreVersion!: number;
}
class DisputeDto extends ScoreVersionDto {
  @ApiProperty({ example: 'grazing hours are missing: the cows were out 1,600 hours' }) @IsString() @Length(3, 2000) reason!: string;
}

@ApiTags('scores')
@ApiBearerAuth()
@Controller('farms/:farmId/years/:year/scores/:scheme')
@UseGuards(PublishedSchemeGuard)
export class ScoresController {
  constructor(
    private readonly bus: CommandBus,
    private readonly contexts: CommandContextFactory,
    private readonly access: FarmAccessService,
    private readonly runtime: LedgerRuntime,
  ) {}

  private check(scheme: string, year: number) {
    if (!this.runtime.catalogue.scheme(scheme)?.years.includes(year)) throw new NotFoundException({ code: 'YEAR_OUTSIDE_SCHEME', message: `${scheme} does not cover ${year}`, field: 'year' });
  }

  /** WUR computes the score from the latest submitted indicators under the norm set in force. */
  @Post('calculation')
  @HttpCode(200)
  @Roles('calculator')
  async calculate(@Param() p: ScoreParams, @Body() dto: CalculateDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    this.check(p.scheme, p.year);
    const { authorisationId } = await this.access.authorise(actor, p.farmId, 'decide');
    const result = await this.bus.execute(new CalculateScoreMessage({ scheme: p.scheme, farmId: p.farmId, year: p.year }, this.contexts.create(actor, key, { authorisationId }), dto.reason));
    return { events: result.events, score: await this.runtime.scoring.score(p.scheme, p.farmId, p.year) };
  }

  @Post('presentation')
  @HttpCode(200)
  @Roles('calculator')
  async present(@Param() p: ScoreParams, @Body() dto: ScoreVersionDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const { authorisationId } = await this.access.authorise(actor, p.farmId, 'decide');
    const ctx = this.contexts.create(actor, key, { authorisationId });
    const result = await this.bus.execute(new DeciderCommand(streams.score(p.scheme, p.farmId, p.year), scoreDecider, { type: 'PresentScore', data: { scheme: p.scheme, farmId: p.farmId, year: p.year, scoreVersion: dto.scoreVersion, actorId: actor.id, now: ctx.now } }, ctx));
    return { events: result.events };
  }

  @Post('approval')
  @HttpCode(200)
  @Roles('farmer')
  async approve(@Param() p: ScoreParams, @Body() dto: ScoreVersionDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const { farm } = await this.access.authorise(actor, p.farmId, 'manage');
    const ctx = this.contexts.create(actor, key);
    const result = await this.bus.execute(
      new DeciderCommand(streams.score(p.scheme, p.farmId, p.year), scoreDecider, { type: 'ApproveScore', data: { scheme: p.scheme, farmId: p.farmId, year: p.year, scoreVersion: dto.scoreVersion, actorId: actor.id, farmOwnerId: farm.farmerId, now: ctx.now } }, ctx),
    );
    return { events: result.events };
  }

  @Post('dispute')
  @HttpCode(200)
  @Roles('farmer')
  async dispute(@Param() p: ScoreParams, @Body() dto: DisputeDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const { farm } = await this.access.authorise(actor, p.farmId, 'manage');
    const ctx = this.contexts.create(actor, key);
    const result = await this.bus.execute(
      new DeciderCommand(streams.score(p.scheme, p.farmId, p.year), scoreDecider, { type: 'DisputeScore', data: { scheme: p.scheme, farmId: p.farmId, year: p.year, scoreVersion: dto.scoreVersion, actorId: actor.id, farmOwnerId: farm.farmerId, reason: dto.reason, now: ctx.now } }, ctx),
    );
    return { events: result.events };
  }

  /** An approved score without open blocking findings goes to the payer (SNN). */
  @Post('forwarding')
  @HttpCode(200)
  @Roles('calculator')
  async forward(@Param() p: ScoreParams, @Body() dto: ScoreVersionDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const { authorisationId } = await this.access.authorise(actor, p.farmId, 'decide');
    const result = await this.bus.execute(new ForwardScoreMessage({ scheme: p.scheme, farmId: p.farmId, year: p.year, scoreVersion: dto.scoreVersion }, this.contexts.create(actor, key, { authorisationId })));
    return { events: result.events };
  }

  @Get()
  @Roles('farmer', 'calculator', 'regulator')
  async get(@Param() p: ScoreParams, @Query() { asOf }: AsOfQuery, @CurrentActor() actor: Actor) {
    await this.access.authorise(actor, p.farmId, 'read');
    if (asOf) return this.runtime.scoring.state(p.scheme, p.farmId, p.year, asOf);
    const doc = await this.runtime.scoring.score(p.scheme, p.farmId, p.year);
    if (!doc) throw new NotFoundException({ code: 'SCORE_NOT_FOUND', message: 'no score has been calculated for this farm-year', field: 'scheme' });
    return doc;
  }
}
