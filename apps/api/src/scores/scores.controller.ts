import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import type { Actor } from '@asb/event-store';
import { CaughtUp, ForwardScoreHandler, NormSetCatalogue, ScoreHandler, ScoringService, LEDGER_CONFIG, type LedgerConfig } from '@asb/ledger';
import { FarmAccessService } from '../access/farm-access.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CommandContextFactory } from '../http/command-context.factory';
import { IdempotencyKey, type IdempotencyKeyValue } from '../http/idempotency-key';
import { AsOfQuery, FarmYearParams } from '../http/params';
import { PublishedSchemeGuard, SchemeId } from '../schemes/scheme-catalogue';
import { ApiDoc, CommandResultDto, WRITE_ERRORS, json } from '../http/openapi';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

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
class DisputeDecisionDto extends ScoreVersionDto {
  @ApiProperty({ enum: ['upheld', 'rejected'], description: 'upheld: the score is recalculated from corrected data; rejected: the same score is presented again with this decision' })
  @IsIn(['upheld', 'rejected'])
  outcome!: 'upheld' | 'rejected';
  @ApiProperty({ example: 'KLW records 9,999 grazing hours, submitted by the farm itself' }) @IsString() @Length(3, 2000) reason!: string;
}

/** The fields that tell the two answers apart (a `oneOf` must match exactly one). */
const withRequired = (required: string[], schema: SchemaObject): SchemaObject => ({ ...schema, required });

/** A score as the read model holds it (docs/architecture.md, scores). */
/** A step of the score's life: who did what to which version, when (ScoreStep). */
const scoreStepSchema = json.object(
  { type: json.string, scoreVersion: json.number, at: json.string, by: json.string, reason: json.string, outcome: { type: 'string', enum: ['upheld', 'rejected'] }, eventId: json.string },
  ['type', 'scoreVersion', 'at', 'by', 'eventId'],
);

const scoreSchema = json.complete({
  scheme: json.string, farmId: json.string, year: json.number,
  status: json.string,
  scoreVersion: json.number,
  totalCents: json.number,
  // Null for a score recorded before norm sets were named with it.
  normSet: json.nullable(json.normSetRef),
  ruleVersion: json.nullable(json.string),
  forwarded: json.nullable(json.object({ scoreVersion: json.number, totalCents: json.number, forwardedAt: json.string })),
  computedIn: json.recordedIn,
  kpis: { ...json.map(json.number), description: 'the value of each KPI, by KPI id' },
  missing: { ...json.array(json.string), description: 'the indicators the score needed and did not have' },
  provenance: json.nullable({ ...json.map(json.anyObject), description: 'where the input of each KPI came from, by KPI id; null before D46' }),
  history: json.array(scoreStepSchema),
});

/** With `asOf` the answer is the decider's state at that moment, not the read model. */
const scoreAsOfSchema = withRequired(['versions'], json.object({
  status: json.string,
  current: json.nullable(json.anyObject),
  forwarded: json.nullable(json.anyObject),
  versions: json.number,
  dispute: json.nullable(json.anyObject),
}));

@ApiTags('scores')
@ApiBearerAuth()
@Controller('farms/:farmId/years/:year/scores/:scheme')
@UseGuards(PublishedSchemeGuard)
export class ScoresController {
  constructor(
    private readonly contexts: CommandContextFactory,
    private readonly access: FarmAccessService,
    private readonly scores: ScoreHandler,
    private readonly catalogue: NormSetCatalogue,
    private readonly scoring: ScoringService,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly caughtUp: CaughtUp,
    private readonly forwarding: ForwardScoreHandler,
  ) {}

  private async check(scheme: string, year: number) {
    if (!(await this.catalogue.scheme(scheme))?.years.includes(year)) throw new NotFoundException({ code: 'YEAR_OUTSIDE_SCHEME', message: `${scheme} does not cover ${year}`, field: 'year' });
  }

  /** WUR computes the score from the latest submitted indicators under the norm set in force. */
  @Post('calculation')
  @HttpCode(200)
  @Roles('calculator')
  @ApiDoc({
    summary: "Calculate (or recalculate) a farm-year's score under a scheme",
    response: json.object({
      events: json.events,
      score: scoreSchema,
    }),
    errors: [...WRITE_ERRORS, 404],
  })
  async calculate(@Param() p: ScoreParams, @Body() dto: CalculateDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    await this.check(p.scheme, p.year);
    const { authorisationId } = await this.access.authorise(actor, p.farmId, 'decide');
    const result = await this.scoring.calculate(p.scheme, p.farmId, p.year, this.contexts.create(actor, key, { authorisationId }), { reason: dto.reason ?? 'calculated from the latest submitted indicators' });
    // The answer reads the read model: wait (bounded) until it includes this write — on PostgreSQL or
    // EventStoreDB the projection has not run yet when the append returns.
    await this.caughtUp.within(undefined, this.config.readYourWritesTimeoutMs);
    return { events: result.events, score: await this.scoring.score(p.scheme, p.farmId, p.year) };
  }

  @Post('presentation')
  @HttpCode(200)
  @Roles('calculator')
  @ApiDoc({ summary: 'Present the calculated score to the farmer', response: CommandResultDto, errors: [...WRITE_ERRORS, 404] })
  async present(@Param() p: ScoreParams, @Body() dto: ScoreVersionDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const { authorisationId } = await this.access.authorise(actor, p.farmId, 'decide');
    const ctx = this.contexts.create(actor, key, { authorisationId });
    const result = await this.scores.execute({ type: 'PresentScore', data: { scheme: p.scheme, farmId: p.farmId, year: p.year, scoreVersion: dto.scoreVersion, actorId: actor.id, actorRole: actor.role, now: ctx.now } }, ctx);
    return { events: result.events };
  }

  @Post('approval')
  @HttpCode(200)
  @Roles('farmer')
  @ApiDoc({ summary: 'The farmer approves the presented score', response: CommandResultDto, errors: [...WRITE_ERRORS, 404] })
  async approve(@Param() p: ScoreParams, @Body() dto: ScoreVersionDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const { farm } = await this.access.authorise(actor, p.farmId, 'manage');
    const ctx = this.contexts.create(actor, key);
    const result = await this.scores.execute({ type: 'ApproveScore', data: { scheme: p.scheme, farmId: p.farmId, year: p.year, scoreVersion: dto.scoreVersion, actorId: actor.id, farmOwnerId: farm.farmerId, now: ctx.now } }, ctx);
    return { events: result.events };
  }

  @Post('dispute')
  @HttpCode(200)
  @Roles('farmer')
  @ApiDoc({ summary: 'The farmer disputes the presented score, with a reason', response: CommandResultDto, errors: [...WRITE_ERRORS, 404] })
  async dispute(@Param() p: ScoreParams, @Body() dto: DisputeDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const { farm } = await this.access.authorise(actor, p.farmId, 'manage');
    const result = await this.scoring.dispute(p.scheme, { farmId: p.farmId, farmerId: farm.farmerId }, p.year, { scoreVersion: dto.scoreVersion, reason: dto.reason }, this.contexts.create(actor, key));
    return { events: result.events };
  }

  /** The calculator decides a dispute within the scheme's `disputes.decisionDays` (D36). */
  @Post('dispute/decision')
  @HttpCode(200)
  @Roles('calculator')
  @ApiDoc({
    summary: 'Decide a dispute of a score: upheld or rejected, with a reason',
    description:
      'The role the scheme names (`disputes.decidedBy`: the calculator for drenthe-2025) decides the open dispute of the current score version. ' +
      'Rejected: the same score may be presented again, with the decision. Upheld: the score is recalculated from corrected data. ' +
      'A decision after the due date (`disputes.decisionDays` after the dispute) is recorded with `late: true`. 409 NO_OPEN_DISPUTE, SCORE_SUPERSEDED; 403 NOT_THE_DECIDING_PARTY.',
    response: CommandResultDto,
    errors: [...WRITE_ERRORS, 404],
  })
  async decideDispute(@Param() p: ScoreParams, @Body() dto: DisputeDecisionDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const { authorisationId } = await this.access.authorise(actor, p.farmId, 'decide');
    const input = { scoreVersion: dto.scoreVersion, outcome: dto.outcome, reason: dto.reason };
    const result = await this.scoring.decideDispute(p.scheme, p.farmId, p.year, input, this.contexts.create(actor, key, { authorisationId }));
    return { events: result.events };
  }

  /** An approved score without open blocking findings goes to the payer (SNN). */
  @Post('forwarding')
  @HttpCode(200)
  @Roles('calculator')
  @ApiDoc({ summary: 'Forward the approved score to the payer', response: CommandResultDto, errors: [...WRITE_ERRORS, 404] })
  async forward(@Param() p: ScoreParams, @Body() dto: ScoreVersionDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const { authorisationId } = await this.access.authorise(actor, p.farmId, 'decide');
    const result = await this.forwarding.execute({ scheme: p.scheme, farmId: p.farmId, year: p.year, scoreVersion: dto.scoreVersion }, this.contexts.create(actor, key, { authorisationId }));
    return { events: result.events };
  }

  @Get()
  @Roles('farmer', 'calculator', 'regulator')
  @ApiDoc({
    summary: "A farm-year's score: KPIs, amount, status and history, now or as known at asOf",
    response: { oneOf: [scoreSchema, scoreAsOfSchema], description: 'the score now; with asOf, the state of the score as it was known then' },
    errors: [400, 401, 403, 404],
  })
  async get(@Param() p: ScoreParams, @Query() { asOf }: AsOfQuery, @CurrentActor() actor: Actor) {
    await this.access.authoriseRead(actor, p.farmId, { resource: 'scores', scheme: p.scheme, year: p.year });
    if (asOf) return this.scoring.state(p.scheme, p.farmId, p.year, asOf);
    const doc = await this.scoring.score(p.scheme, p.farmId, p.year);
    if (!doc) throw new NotFoundException({ code: 'SCORE_NOT_FOUND', message: 'no score has been calculated for this farm-year', field: 'scheme' });
    return doc;
  }
}
