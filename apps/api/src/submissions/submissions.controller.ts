import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import type { Actor } from '@asb/event-store';
import { BalanceSubmissionHandler, FarmDataReader, NormSetCatalogue } from '@asb/ledger';
import { FarmAccessService } from '../access/farm-access.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CommandContextFactory } from '../http/command-context.factory';
import { IdempotencyKey, type IdempotencyKeyValue } from '../http/idempotency-key';
import { FarmYearParams } from '../http/params';
import { CorrectBalanceDataDto, SubmitBalanceDataDto, WithdrawBalanceDataDto } from './dto/submit-balance-data.dto';
import { toBalanceData } from './to-balance-data';
import { ApiDoc, WRITE_ERRORS, json } from '../http/openapi';

class SubmissionParams extends FarmYearParams {
  @ApiProperty() @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{1,62}$/) submissionId!: string;
}

const summary = (result: { stored: Array<{ id: string; type: string; position: number }> }) => ({
  events: result.stored.map((e) => ({ id: e.id, type: e.type, position: e.position })),
});

@ApiTags('submissions')
@ApiBearerAuth()
@Controller('farms/:farmId/years/:year/submissions')
export class SubmissionsController {
  constructor(
    private readonly contexts: CommandContextFactory,
    private readonly access: FarmAccessService,
    private readonly submissions: BalanceSubmissionHandler,
    private readonly catalogue: NormSetCatalogue,
    private readonly reader: FarmDataReader,
  ) {}

  @Post()
  @Roles('farmer', 'calculator', 'data_source')
  @ApiDoc({
    summary: 'Submit balance data for a farm-year from an authorised source',
    response: json.object({ submissionId: json.string, events: json.events }),
    status: 201,
    errors: [...WRITE_ERRORS, 404],
  })
  async submit(@Param() { farmId, year }: FarmYearParams, @Body() dto: SubmitBalanceDataDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const catalogue = await this.catalogue.current();
    const indicators = catalogue.vocabulary();
    const sources = catalogue.sources();
    const data = toBalanceData(dto, year, catalogue, indicators, sources);
    const { authorisationId } = await this.access.authorise(actor, farmId, 'submit', dto.source);
    const ctx = this.contexts.create(actor, key, { authorisationId });
    const result = await this.submissions.execute({ type: 'SubmitBalanceData', data: { farmId, year, submissionId: dto.submissionId, data, now: ctx.now, indicators, sources } }, ctx);
    return { submissionId: dto.submissionId, ...summary(result) };
  }

  @Post(':submissionId/corrections')
  @Roles('farmer', 'calculator', 'data_source')
  @ApiDoc({
    summary: 'Correct a submission: a new submission supersedes it, with a reason',
    response: json.object({ submissionId: json.string, supersedes: json.string, events: json.events }),
    status: 201,
    errors: [...WRITE_ERRORS, 404],
  })
  async correct(@Param() { farmId, year, submissionId }: SubmissionParams, @Body() dto: CorrectBalanceDataDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const catalogue = await this.catalogue.current();
    const indicators = catalogue.vocabulary();
    const sources = catalogue.sources();
    const data = toBalanceData(dto, year, catalogue, indicators, sources);
    const { authorisationId } = await this.access.authorise(actor, farmId, 'submit', dto.source);
    const ctx = this.contexts.create(actor, key, { authorisationId });
    const result = await this.submissions.execute({ type: 'CorrectBalanceData', data: { farmId, year, submissionId: dto.submissionId, supersedes: submissionId, data, reason: dto.reason, now: ctx.now, indicators, sources } }, ctx);
    return { submissionId: dto.submissionId, supersedes: submissionId, ...summary(result) };
  }

  @Post(':submissionId/withdrawal')
  @Roles('farmer', 'calculator', 'data_source')
  @ApiDoc({ summary: 'Withdraw a submission, with a reason', response: json.object({ submissionId: json.string, events: json.events }), status: 201, errors: [...WRITE_ERRORS, 404] })
  async withdraw(@Param() { farmId, year, submissionId }: SubmissionParams, @Body() dto: WithdrawBalanceDataDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const existing = (await this.reader.submissions(farmId, year)).active.find((s) => s.submissionId === submissionId);
    const { authorisationId } = await this.access.authorise(actor, farmId, 'submit', existing?.data.source);
    const ctx = this.contexts.create(actor, key, { authorisationId });
    const result = await this.submissions.execute({ type: 'WithdrawBalanceData', data: { farmId, year, submissionId, reason: dto.reason, now: ctx.now } }, ctx);
    return { submissionId, ...summary(result) };
  }

  @Get()
  @Roles('farmer', 'calculator', 'data_source', 'regulator')
  @ApiDoc({
    summary: "A farm-year's active submissions and their history",
    response: json.object({ farmId: json.string, year: json.number, active: json.array(json.anyObject), history: json.array(json.anyObject) }),
    errors: [400, 401, 403, 404],
  })
  async list(@Param() { farmId, year }: FarmYearParams, @CurrentActor() actor: Actor) {
    await this.access.authoriseRead(actor, farmId, { resource: 'submissions', year });
    return this.reader.submissions(farmId, year);
  }
}
