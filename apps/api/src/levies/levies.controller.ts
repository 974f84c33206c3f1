import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { YearDigits } from '../http/input/decimal-integer';
import { IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { Actor } from '@asb/event-store';
import { CaughtUp, FarmDataReader, LevyHandler, LevyService, NormSetService, LEDGER_CONFIG, type LedgerConfig } from '@asb/ledger';
import { type LevyDoc, LeviesQuery } from '@asb/projections';
import { FarmAccessService } from '../access/farm-access.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CommandContextFactory } from '../http/command-context.factory';
import { IdempotencyKey, type IdempotencyKeyValue } from '../http/idempotency-key';
import { FarmYearParams } from '../http/params';
import { ApiDoc, CommandResultDto, WRITE_ERRORS, json } from '../http/openapi';

class LevyParams extends FarmYearParams {
  @ApiProperty({ example: 'minas-2003' }) @IsString() @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/) levyId!: string;
}
class LevyIdParam {
  @ApiProperty() @IsString() @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/) levyId!: string;
}
class YearQuery {
  @ApiProperty({ example: 2025 }) @YearDigits() @IsInt() @Min(1998) @Max(2100) year!: number;
}
class AssessmentNoDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) assessmentNo!: number;
}
class ObjectionDto extends AssessmentNoDto {
  @ApiProperty() @IsString() @Length(3, 2000) reason!: string;
}
class ObjectionDecisionDto extends AssessmentNoDto {
  @ApiProperty({ enum: ['upheld', 'rejected'], description: 'upheld: the levy is reassessed from corrected data before it is settled; rejected: the levy is settled as assessed' })
  @IsIn(['upheld', 'rejected'])
  outcome!: 'upheld' | 'rejected';
  @ApiProperty({ example: 'the transport registry records no delivery off the farm' }) @IsString() @Length(3, 2000) reason!: string;
}

/**
 * What the payer and the norm authority see of a levy: what is owed and where it stands, not the
 * farm data it was computed from (area, surpluses): they see no farm data. The norm authority also
 * sees the objections, which are addressed to it and which it decides (D36); the payer does not.
 */
const levyPaymentView = (doc: LevyDoc, role: Actor['role']) => ({
  levyId: doc.levyId,
  farmId: doc.farmId,
  year: doc.year,
  province: doc.province,
  assessmentNo: doc.assessmentNo,
  status: doc.status,
  totalCents: doc.totalCents,
  settledCents: doc.settledCents,
  normSet: doc.normSet,
  ruleVersion: doc.ruleVersion,
  ...(role === 'norm_authority' ? { objections: doc.objections } : {}),
});

/** A levy as the read model holds it; a payer's view leaves the farm data out (levyPaymentView). */
const levySchema = json.object({
  levyId: json.string, farmId: json.string, year: json.number, province: json.string,
  assessmentNo: json.number,
  status: json.string,
  totalCents: json.number,
  settledCents: json.nullable(json.number),
  normSet: json.normSetRef,
  ruleVersion: json.string,
  assessedIn: json.recordedIn,
  objections: json.array(json.anyObject),
  objectionDeadline: json.string,
  assessment: json.object({ levyId: json.string, lines: json.array(json.anyObject), totalCents: json.number, uncappedCents: json.number, capCentsPerFarm: json.nullable(json.number) }),
});

@ApiTags('levies')
@ApiBearerAuth()
@Controller()
export class LeviesController {
  constructor(
    private readonly access: FarmAccessService,
    private readonly contexts: CommandContextFactory,
    private readonly levies: LevyHandler,
    private readonly reader: FarmDataReader,
    private readonly levyService: LevyService,
    private readonly normSets: NormSetService,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly caughtUp: CaughtUp,
    private readonly leviesRead: LeviesQuery,
  ) {}

  /** The authority (ministry) assesses a farm-year under the levy norm set in force for it. */
  @Post('farms/:farmId/years/:year/levies/:levyId/assessment')
  @HttpCode(200)
  @Roles('norm_authority')
  @ApiDoc({
    summary: "Assess a farm-year's levy",
    response: json.object({
      events: json.events,
      levy: levySchema,
    }),
    errors: [...WRITE_ERRORS, 404],
  })
  async assess(@Param() p: LevyParams, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const result = await this.levyService.assess(p.levyId, p.farmId, p.year, this.contexts.create(actor, key));
    // The answer reads the read model: wait (bounded) until it includes this write (see ScoresController.calculate).
    await this.caughtUp.within(undefined, this.config.readYourWritesTimeoutMs);
    const levy = await this.levyService.levy(p.levyId, p.farmId, p.year);
    // The authority learns what it assessed, not the farm data behind it (its events hold no inputs either).
    return { events: result.events.map((e) => ({ type: e.type })), levy: levy && levyPaymentView(levy, actor.role) };
  }

  @Post('farms/:farmId/years/:year/levies/:levyId/objection')
  @HttpCode(200)
  @Roles('farmer')
  @ApiDoc({ summary: 'Object to a levy assessment (bezwaar), with a reason', response: CommandResultDto, errors: [...WRITE_ERRORS, 404] })
  async object(@Param() p: LevyParams, @Body() dto: ObjectionDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const { farm } = await this.access.authorise(actor, p.farmId, 'manage');
    const result = await this.levyService.object(p.levyId, { farmId: p.farmId, province: farm.province, farmerId: farm.farmerId }, p.year, { assessmentNo: dto.assessmentNo, reason: dto.reason }, this.contexts.create(actor, key));
    return { events: result.events };
  }

  /** The norm authority decides an objection within the levy's `objections.decisionDays` (D36). */
  @Post('farms/:farmId/years/:year/levies/:levyId/objection/decision')
  @HttpCode(200)
  @Roles('norm_authority')
  @ApiDoc({
    summary: 'Decide an objection to a levy: upheld or rejected, with a reason',
    description:
      'The role the levy names (`objections.decidedBy`: the norm authority) decides the open objection to the current assessment. ' +
      'Rejected: the payer may settle the levy as assessed. Upheld: the levy is reassessed from corrected data before it is settled. ' +
      'A decision after the due date (`objections.decisionDays` after the objection) is recorded with `late: true`. 409 NO_OPEN_OBJECTION, ASSESSMENT_SUPERSEDED, LEVY_SETTLED.',
    response: CommandResultDto,
    errors: [...WRITE_ERRORS, 404],
  })
  async decideObjection(@Param() p: LevyParams, @Body() dto: ObjectionDecisionDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const farm = await this.reader.farm(p.farmId);
    if (farm.status !== 'registered') throw new NotFoundException({ code: 'FARM_NOT_FOUND', message: `farm ${p.farmId} is not registered`, field: 'farmId' });
    const result = await this.levyService.decideObjection(p.levyId, { farmId: p.farmId, province: farm.province }, p.year, { assessmentNo: dto.assessmentNo, outcome: dto.outcome, reason: dto.reason }, this.contexts.create(actor, key));
    // The decision holds the authority's own reason and dates, not the farm's objection text.
    return { events: result.events };
  }

  @Post('farms/:farmId/years/:year/levies/:levyId/settlement')
  @HttpCode(200)
  @Roles('payer')
  @ApiDoc({ summary: 'Record the payment that settles a levy', response: CommandResultDto, errors: [...WRITE_ERRORS, 404] })
  async settle(@Param() p: LevyParams, @Body() dto: AssessmentNoDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const farm = await this.reader.farm(p.farmId);
    if (farm.status !== 'registered') throw new NotFoundException({ code: 'FARM_NOT_FOUND', message: `farm ${p.farmId} is not registered`, field: 'farmId' });
    const ctx = this.contexts.create(actor, key);
    const result = await this.levies.execute({ type: 'SettleLevy', data: { levyId: p.levyId, farmId: p.farmId, year: p.year, province: farm.province, assessmentNo: dto.assessmentNo, actorId: actor.id, actorRole: actor.role, now: ctx.now } }, ctx);
    return { events: result.events };
  }

  @Get('farms/:farmId/years/:year/levies/:levyId')
  @Roles('farmer', 'regulator', 'norm_authority', 'payer')
  @ApiDoc({
    summary: "A farm-year's levy: assessment lines, objections, settlement",
    response: levySchema,
    errors: [400, 401, 403, 404],
  })
  async get(@Param() p: LevyParams, @CurrentActor() actor: Actor) {
    const seesFarmData = actor.role === 'farmer' || actor.role === 'regulator';
    if (seesFarmData) await this.access.authoriseRead(actor, p.farmId, { resource: 'levy', levyId: p.levyId, year: p.year });
    const doc = await this.levyService.levy(p.levyId, p.farmId, p.year);
    if (!doc) throw new NotFoundException({ code: 'LEVY_NOT_ASSESSED', message: 'no levy has been assessed', field: 'levyId' });
    // The payer and the norm authority see the payment view by their statutory task: a read of the farm all the
    // same, recorded once there is something to show (no read stream for a guessed farm id).
    if (!seesFarmData) await this.access.recordReads(actor, [{ farmId: p.farmId }], { resource: 'levy', levyId: p.levyId, year: p.year });
    return seesFarmData ? doc : levyPaymentView(doc, actor.role);
  }

  /** Totals per region (province) for a levy and year. */
  @Get('levies/:levyId/totals')
  @Roles('regulator', 'norm_authority', 'policy_analyst', 'payer')
  @ApiDoc({
    summary: "A levy's totals for a year by province",
    response: json.object({ levyId: json.string, year: json.number, regions: json.array(json.anyObject), totalCents: json.number }),
    errors: [400, 401, 403, 404],
  })
  async totals(@Param() { levyId }: LevyIdParam, @Query() { year }: YearQuery) {
    const levy = await this.normSets.history(levyId);
    if (levy.kind !== 'levy') throw new NotFoundException({ code: 'LEVY_NOT_FOUND', message: `no levy ${levyId} has been published`, field: 'levyId' });
    // Summed on read from each farm's latest assessment: a reassessment replaces, never adds.
    const byProvince = new Map<string, { province: string; farms: number; totalCents: number }>();
    for (const doc of await this.leviesRead.ofLevy(levyId)) {
      if (doc.year !== year) continue;
      const row = byProvince.get(doc.province) ?? { province: doc.province, farms: 0, totalCents: 0 };
      row.farms += 1;
      row.totalCents += doc.totalCents;
      byProvince.set(doc.province, row);
    }
    const regions = [...byProvince.values()].sort((a, b) => a.province.localeCompare(b.province));
    return { levyId, year, regions, totalCents: regions.reduce((a, r) => a + r.totalCents, 0) };
  }
}
