import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { EQUIVALENT_MEASURES, EVIDENCE_KINDS, FERTILISER_KINDS, SOIL_REGIONS, type EquivalentMeasureCommand } from '@asb/domain';
import type { Actor } from '@asb/event-store';
import { EquivalentMeasuresHandler, RegistrationNorms } from '@asb/ledger';
import { FarmSpecificNormsQuery } from '@asb/projections';
import { FarmAccessService } from '../access/farm-access.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CommandContextFactory } from '../http/command-context.factory';
import { IdempotencyKey, type IdempotencyKeyValue } from '../http/idempotency-key';
import { FarmIdParam } from '../http/params';
import { ApiDoc, CommandResultDto, WRITE_ERRORS, json } from '../http/openapi';


class RegistrationParams extends FarmIdParam {
  @ApiProperty() @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{1,62}$/) registrationId!: string;
}
class RegisterDto {
  @ApiProperty() @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{1,62}$/) registrationId!: string;
  @ApiProperty({ enum: EQUIVALENT_MEASURES }) @IsIn(EQUIVALENT_MEASURES) measure!: (typeof EQUIVALENT_MEASURES)[number];
  @ApiProperty({ example: 'sugar-beet' }) @IsString() @Matches(/^[a-z-]{2,40}$/) crop!: string;
  @ApiProperty({ enum: SOIL_REGIONS }) @IsIn(SOIL_REGIONS) soilRegion!: (typeof SOIL_REGIONS)[number];
  @ApiProperty({ example: 2017 }) @IsInt() @Min(2006) @Max(2100) year!: number;
  @ApiProperty({
    example: '2017-05-31',
    description: 'When the farmer registered, as the registration document (RVO\'s receipt) shows: a date, or a date-time with its zone; the deadline compares its Dutch calendar date, inclusive. Not after today.',
  })
  @IsString()
  @IsISO8601({ strict: true })
  registeredAt!: string;
  @ApiProperty({ example: 'RVO-EM-2017-004711', description: 'The registration document the date is read from' }) @IsString() @Matches(/^[\w.:/-]{1,120}$/) registrationDocumentId!: string;
  @ApiProperty({ example: 12.5, description: 'Hectares of the crop the measure is used on; the usage-norm check weighs a granted extra by them' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100_000)
  areaHa!: number;
}
class EvidenceDto {
  @ApiProperty() @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{1,62}$/) evidenceId!: string;
  @ApiProperty({ enum: EVIDENCE_KINDS, description: 'Which kinds a crop needs is the norm set\'s evidenceRequired' }) @IsIn(EVIDENCE_KINDS) kind!: (typeof EVIDENCE_KINDS)[number];
  @ApiProperty() @IsString() @Matches(/^[\w.:/-]{1,120}$/) documentId!: string;
  @ApiPropertyOptional() @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1000) yieldTHa?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1000) slurryNKgHa?: number;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) lastSlurryDate?: string;
  @ApiPropertyOptional({ enum: FERTILISER_KINDS, isArray: true, description: 'The fertiliser kinds the records (manure codes) show on the parcels; checked against the norm set\'s allowedFertiliserKinds' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(FERTILISER_KINDS.length)
  @ArrayUnique()
  @IsIn(FERTILISER_KINDS, { each: true })
  fertiliserKinds?: (typeof FERTILISER_KINDS)[number][];
}

/** Equivalente maatregelen (RVO): registration, evidence, the EUR 195 monitoring fee, the decision. */
@ApiTags('equivalente maatregelen')
@ApiBearerAuth()
@Controller('farms/:farmId/equivalent-measures')
export class EquivalentMeasuresController {
  constructor(
    private readonly access: FarmAccessService,
    private readonly contexts: CommandContextFactory,
    private readonly measures: EquivalentMeasuresHandler,
    private readonly registrationNorms: RegistrationNorms,
    private readonly farmNorms: FarmSpecificNormsQuery,
  ) {}

  /** The command's `now` is the context's, so data and envelope record the same instant. */
  private run(farmId: string, command: (now: string) => EquivalentMeasureCommand, actor: Actor, key: IdempotencyKeyValue, extra = {}) {
    const ctx = this.contexts.create(actor, key, extra);
    return this.measures.execute(command(ctx.now), ctx);
  }

  @Post()
  @Roles('farmer')
  @ApiDoc({ summary: 'Register an equivalent measure (equivalente maatregel) for a crop', response: CommandResultDto, status: 201, errors: [...WRITE_ERRORS, 404] })
  async register(@Param() { farmId }: FarmIdParam, @Body() dto: RegisterDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    await this.access.authorise(actor, farmId, 'manage');
    const r = await this.run(farmId, (now) => ({ type: 'RegisterEquivalentMeasure', data: { farmId, ...dto, now } }), actor, key);
    return { events: r.events };
  }

  @Post(':registrationId/evidence')
  @Roles('farmer')
  @ApiDoc({ summary: 'Add evidence to an equivalent-measure registration', response: CommandResultDto, status: 201, errors: [...WRITE_ERRORS, 404] })
  async evidence(@Param() p: RegistrationParams, @Body() dto: EvidenceDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    await this.access.authorise(actor, p.farmId, 'manage');
    const r = await this.run(p.farmId, (now) => ({ type: 'SubmitEvidence', data: { farmId: p.farmId, registrationId: p.registrationId, evidence: dto, now } }), actor, key);
    return { events: r.events };
  }

  /** RVO records the monitoring fee as paid (the amount is the norm set's). */
  @Post(':registrationId/fee')
  @HttpCode(200)
  @Roles('payer')
  @ApiDoc({ summary: 'Record the fee paid for an equivalent-measure registration', response: CommandResultDto, errors: [...WRITE_ERRORS, 404] })
  async fee(@Param() p: RegistrationParams, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const norms = await this.registrationNorms.governing(p.farmId, p.registrationId);
    const r = await this.run(p.farmId, (now) => ({ type: 'PayMonitoringFee', data: { farmId: p.farmId, registrationId: p.registrationId, amountCents: norms.parameters.monitoringFeeCents, now } }), actor, key);
    return { events: r.events };
  }

  /** RVO decides: the conditions are checked against the norm set, each failure with its reason. */
  @Post(':registrationId/decision')
  @HttpCode(200)
  @Roles('norm_authority')
  @ApiDoc({ summary: 'Decide an equivalent-measure registration: grant a farm-specific norm or refuse', response: CommandResultDto, errors: [...WRITE_ERRORS, 404] })
  async decide(@Param() p: RegistrationParams, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const norms = await this.registrationNorms.governing(p.farmId, p.registrationId);
    const r = await this.run(p.farmId, (now) => ({ type: 'DecideEquivalentMeasure', data: { farmId: p.farmId, registrationId: p.registrationId, norms, actorId: actor.id, now } }), actor, key, { normSet: { id: norms.normSetId, version: norms.version } });
    return { events: r.events };
  }

  @Get()
  @Roles('farmer', 'regulator')
  @ApiDoc({
    summary: "A farm's equivalent-measure registrations, granted and refused",
    response: json.object({
      measures: json.object({ registrations: json.map(json.anyObject) }),
      granted: json.array(json.anyObject),
      refused: json.array(json.anyObject),
    }),
    errors: [400, 401, 403, 404],
  })
  async list(@Param() { farmId }: FarmIdParam, @CurrentActor() actor: Actor) {
    await this.access.authoriseRead(actor, farmId, { resource: 'equivalent-measures' });
    return (await this.farmNorms.ofFarm(farmId)) ?? { measures: { registrations: {} }, granted: [], refused: [] };
  }
}
