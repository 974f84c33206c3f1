import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, Max, Min, ValidateNested } from 'class-validator';
import type { Actor } from '@asb/event-store';
import { NormSetCatalogue, ScoringService, SubsidyService } from '@asb/ledger';
import { SchemeApplicationsQuery, type SchemeDecisionRef } from '@asb/projections';
import { FarmAccessService } from '../access/farm-access.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CommandContextFactory } from '../http/command-context.factory';
import { IdempotencyKey, type IdempotencyKeyValue } from '../http/idempotency-key';
import { FarmIdParam } from '../http/params';
import { PublishedSchemeGuard, SchemeId } from './scheme-catalogue';
import { ApiDoc, CommandResultDto, WRITE_ERRORS, json } from '../http/openapi';
import { RenamedTo } from '../http/renamed-field';
import { asAttachment, asHtmlDocument } from '../http/attachment';
import { CursorPageQuery, numberAscending, pageOfList } from '../http/cursor-page';

class SchemeParam {
  @SchemeId() scheme!: string;
}
class SchemeFarmParams extends FarmIdParam {
  @SchemeId() scheme!: string;
}
class DecisionParams extends SchemeFarmParams {
  @ApiProperty({ description: 'the id of the event that holds the decision (listed under application.decisions of GET /schemes/{scheme}/farms/{farmId})' }) @IsUUID() decisionId!: string;
}
class FiscalYearAidDto {
  @ApiProperty({ example: 2024 }) @IsInt() @Min(2000) @Max(2100) fiscalYear!: number;
  @ApiProperty({ example: 0, description: 'other de-minimis aid in cents' }) @IsInt() @Min(0) @Max(1e11) aidCents!: number;
  @ApiPropertyOptional({ example: '2024-03-15', description: 'the day the aid was granted: places it exactly in a rolling de-minimis period (D39)' })
  @IsOptional() @IsISO8601({ strict: true }) @MaxLength(40) grantedOn?: string;
}
class DeMinimisDto {
  @ApiProperty({ type: [FiscalYearAidDto] }) @IsArray() @ArrayMaxSize(4) @ValidateNested({ each: true }) @Type(() => FiscalYearAidDto) fiscalYears!: FiscalYearAidDto[];
}
/** Art. 1 and 4: the KvK registration and the KringloopWijzer (D38). The province is the farm's registered one. */
class EligibilityDto {
  @ApiProperty({ example: '12345678', description: 'KvK number (8 digits)' }) @IsString() @Matches(/^\d{8}$/) kvkNumber!: string;
  @ApiProperty({ example: ['01.41.1'], description: 'SBI codes as registered with the KvK' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @Matches(/^\d{2}(\.?\d{1,2}){0,2}$/, { each: true }) sbiCodes!: string[];
  @ApiProperty({ example: true, description: 'the farm uses the KringloopWijzer' }) @IsBoolean() kringloopWijzerInUse!: boolean;
}
class WithdrawApplicationDto {
  @ApiPropertyOptional({ example: 'bedrijf verkocht' }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}
class SupplementDto {
  @ApiPropertyOptional({ type: DeMinimisDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => DeMinimisDto) deMinimis?: DeMinimisDto;
  @ApiPropertyOptional({ type: EligibilityDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => EligibilityDto) eligibility?: EligibilityDto;
  @ApiPropertyOptional({
    example: 'machtiging-wur',
    description: "the id of the farmer's authorisation of the scheme's calculator for the data sources the scheme requires for its monitoring (D63; formerly wurAuthorisationId, now refused)",
  })
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{1,62}$/) dataAuthorisationId?: string;
  @RenamedTo('dataAuthorisationId', 'D63') wurAuthorisationId?: never;
}
class ApplyDto extends SupplementDto {
  @ApiProperty({ example: 'dbd-2025-0001' }) @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{1,62}$/) applicationId!: string;
}

/**
 * A decision document's file name says what it is: `beschikking-{scheme}-{farm}-{kind}-{date}.html`, e.g.
 * `beschikking-drenthe-2025-nl-drenthe-0001-settlement-2027-02-01.html` (the Dutch word for the document,
 * the kind as the API names it); a second decision of a kind on one day gets its number in the list.
 */
const decisionFileName = (scheme: string, farmId: string, decisionId: string, decisions: readonly SchemeDecisionRef[]): string => {
  const index = decisions.findIndex((d) => d.decisionId === decisionId);
  const decision = decisions[index];
  if (!decision) return `beschikking-${scheme}-${farmId}-${decisionId}.html`;
  const day = decision.decidedAt.slice(0, 10);
  const twin = decisions.some((d, i) => i !== index && d.kind === decision.kind && d.decidedAt.slice(0, 10) === day);
  return `beschikking-${scheme}-${farmId}-${decision.kind}-${day}${twin ? `-${index + 1}` : ''}.html`;
};

/** A farm's application under a scheme, as the scheme-applications read model holds it. */
const schemeApplicationSchema = json.object(
  {
    scheme: json.string,
    farmId: json.string,
    applicationId: json.string,
    status: { type: 'string', enum: ['submitted', 'complete', 'withdrawn', 'closed'] },
    submittedAt: json.string,
    completedAt: json.nullable(json.string),
    completedMinute: json.nullable(json.string),
    completedPosition: json.nullable(json.number),
    deMinimis: json.nullable(json.anyObject),
    eligibility: json.nullable(json.anyObject),
    grant: json.nullable(json.object({ rank: json.number, reservedCents: json.number, partial: json.boolean, limitedBy: json.string }, ['reservedCents'])),
    refusal: json.nullable(json.object({ rank: json.number, reason: json.string }, ['reason'])),
    advanceCents: json.number,
    advancePaidAt: json.nullable(json.string),
    advanceReclaimedCents: json.number,
    advanceReclaimedAt: json.nullable(json.string),
    settlements: json.array(json.object({ settlementNo: json.number, settledAt: json.string, earnedCents: json.number, netPaymentCents: json.number }, ['settlementNo', 'settledAt', 'earnedCents', 'netPaymentCents'])),
    releasedCents: json.number,
    closure: json.nullable(json.object({ reason: json.string, missingYears: json.array(json.number), closedAt: json.string }, ['reason', 'closedAt'])),
    withdrawnAt: json.nullable(json.string),
    // Absent in records from before decisions were kept (projection version 2).
    decisions: json.array(json.object({ decisionId: json.string, kind: { type: 'string', enum: ['grant', 'refusal', 'settlement', 'closure', 'withdrawal'] }, streamId: json.string, revision: json.number, position: json.number, decidedAt: json.string }, ['decisionId', 'kind', 'decidedAt'])),
  },
  ['scheme', 'farmId', 'applicationId', 'status', 'submittedAt', 'grant', 'refusal', 'advanceCents', 'settlements', 'releasedCents'],
);

@ApiTags('schemes')
@ApiBearerAuth()
@Controller('schemes/:scheme')
@UseGuards(PublishedSchemeGuard)
export class SchemesController {
  constructor(
    private readonly contexts: CommandContextFactory,
    private readonly access: FarmAccessService,
    private readonly catalogue: NormSetCatalogue,
    private readonly scoring: ScoringService,
    private readonly subsidy: SubsidyService,
    private readonly applications: SchemeApplicationsQuery,
  ) {}

  @Post('applications/:farmId')
  @Roles('farmer')
  @ApiDoc({ summary: 'Apply for a subsidy scheme for a farm', response: CommandResultDto, status: 201, errors: [...WRITE_ERRORS, 404] })
  async apply(@Param() p: SchemeFarmParams, @Body() dto: ApplyDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const { farm } = await this.access.authorise(actor, p.farmId, 'manage');
    const result = await this.subsidy.apply(p.scheme, p.farmId, { ...dto, farmOwnerId: farm.farmerId }, this.contexts.create(actor, key));
    return { events: result.events };
  }

  @Post('applications/:farmId/supplement')
  @HttpCode(200)
  @Roles('farmer')
  @ApiDoc({ summary: 'Supplement an incomplete application (de-minimis declaration, authorisation, eligibility)', response: CommandResultDto, errors: [...WRITE_ERRORS, 404] })
  async supplement(@Param() p: SchemeFarmParams, @Body() dto: SupplementDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const { farm } = await this.access.authorise(actor, p.farmId, 'manage');
    const result = await this.subsidy.supplement(p.scheme, p.farmId, { ...dto, farmOwnerId: farm.farmerId }, this.contexts.create(actor, key));
    return { events: result.events };
  }

  /** The farmer withdraws the application: a reservation goes back, a paid advance is reclaimed. */
  @Post('applications/:farmId/withdrawal')
  @HttpCode(200)
  @Roles('farmer')
  @ApiDoc({ summary: 'Withdraw an application, with a reason', response: CommandResultDto, errors: [...WRITE_ERRORS, 404] })
  async withdraw(@Param() p: SchemeFarmParams, @Body() dto: WithdrawApplicationDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const { farm } = await this.access.authorise(actor, p.farmId, 'manage');
    const result = await this.subsidy.withdraw(p.scheme, p.farmId, { ...dto, farmOwnerId: farm.farmerId }, this.contexts.create(actor, key));
    return { events: result.events };
  }

  /** SNN allocates the ceiling over the complete applications, first come first served. */
  @Post('allocation')
  @HttpCode(200)
  @Roles('payer')
  @ApiDoc({
    summary: 'Allocate the budget ceiling to complete applications, first come first served',
    response: json.object({ granted: json.number, refused: json.number }),
    errors: [...WRITE_ERRORS, 404],
  })
  async allocate(@Param() { scheme }: SchemeParam, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const result = await this.subsidy.allocate(scheme, this.contexts.create(actor, key));
    return { granted: result.events.filter((e) => e.type === 'SubsidyGranted').length, refused: result.events.filter((e) => e.type === 'SubsidyRefused').length };
  }

  /** Budget used and left: totals only, so looking at the budget reads no farm's data (D64). */
  @Get('budget')
  @Roles('payer', 'regulator', 'norm_authority')
  @ApiDoc({
    summary: "A scheme's budget: ceiling, reserved, released, used and left, and how many applications were granted or refused (the farms by rank: GET /schemes/{scheme}/budget/ranking)",
    response: json.complete({
      scheme: json.string,
      years: json.array(json.number),
      ceilingCents: json.number,
      reservedCents: json.number,
      releasedCents: json.number,
      usedCents: json.number,
      leftCents: json.number,
      applications: json.complete({ total: json.number, complete: json.number, granted: json.number, refused: json.number }),
    }),
    errors: [400, 401, 403, 404],
  })
  async budget(@Param() { scheme }: SchemeParam) {
    const norms = (await this.catalogue.scheme(scheme))!;
    const state = await this.subsidy.budget(scheme);
    const ceiling = (await this.subsidy.norms(scheme)).budgetCeilingCents;
    const applications = await this.applications.ofScheme(scheme);
    return {
      scheme,
      years: norms.years,
      ceilingCents: ceiling,
      reservedCents: state.reservedCents,
      releasedCents: state.releasedCents,
      usedCents: state.reservedCents - state.releasedCents,
      leftCents: ceiling - state.reservedCents,
      applications: {
        total: applications.length,
        complete: applications.filter((a) => a.status === 'complete').length,
        granted: applications.filter((a) => a.grant).length,
        refused: applications.filter((a) => a.refusal).length,
      },
    };
  }

  /** The allocation's ranking, first come first served, a page at a time; each farm on the page is a read of its data (D64). */
  @Get('budget/ranking')
  @Roles('payer', 'regulator', 'norm_authority')
  @ApiDoc({
    summary: "The farms a scheme's allocation ranked, by rank: reservation, partial grant or refusal, a page at a time (cursor pagination)",
    response: json.page(json.object({ rank: json.number, farmId: json.string, applicationId: json.string, completedMinute: json.nullable(json.string), reservedCents: json.number, partial: json.boolean, refusal: json.nullable(json.string) })),
    errors: [400, 401, 403, 404],
  })
  async ranking(@Param() { scheme }: SchemeParam, @Query() page: CursorPageQuery, @CurrentActor() actor: Actor) {
    const rankOf = (a: { grant?: { rank: number } | null; refusal?: { rank: number } | null }) => a.grant?.rank ?? a.refusal!.rank;
    const ranked = (await this.applications.ofScheme(scheme)).filter((a) => a.grant || a.refusal).sort((a, b) => rankOf(a) - rankOf(b));
    const shown = pageOfList(ranked, (a) => String(rankOf(a)), numberAscending, page);
    await this.access.recordReads(actor, shown.items.map((f) => ({ farmId: f.farmId })), { resource: 'payments', scheme });
    return {
      items: shown.items.map((a) => ({ rank: rankOf(a), farmId: a.farmId, applicationId: a.applicationId, completedMinute: a.completedMinute, reservedCents: a.grant?.reservedCents ?? 0, partial: a.grant?.partial ?? false, refusal: a.refusal?.reason ?? null })),
      nextCursor: shown.nextCursor,
    };
  }

  @Post('farms/:farmId/advance')
  @HttpCode(200)
  @Roles('payer')
  @ApiDoc({ summary: 'Pay the advance on a granted subsidy', response: CommandResultDto, errors: [...WRITE_ERRORS, 404] })
  async advance(@Param() p: SchemeFarmParams, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const result = await this.subsidy.payAdvance(p.scheme, p.farmId, this.contexts.create(actor, key));
    return { events: result.events };
  }

  @Post('farms/:farmId/settlement')
  @HttpCode(200)
  @Roles('payer')
  @ApiDoc({ summary: "Settle a farm's subsidy from its forwarded scores", response: CommandResultDto, errors: [...WRITE_ERRORS, 404] })
  async settle(@Param() p: SchemeFarmParams, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const result = await this.subsidy.settle(p.scheme, p.farmId, this.contexts.create(actor, key));
    return { events: result.events };
  }

  /**
   * SNN closes an application that is not settleable past the closure deadline (D39): incomplete,
   * never allocated, or a year without a forwarded score. The reservation is released and a paid
   * advance reclaimed, each naming the rule.
   */
  @Post('farms/:farmId/closure')
  @HttpCode(200)
  @Roles('payer')
  @ApiDoc({ summary: 'Close an application whose scores were not forwarded in time', response: CommandResultDto, errors: [...WRITE_ERRORS, 404] })
  async close(@Param() p: SchemeFarmParams, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const result = await this.subsidy.close(p.scheme, p.farmId, this.contexts.create(actor, key));
    return { events: result.events };
  }

  /** A decision (grant, refusal, settlement, closure, withdrawal) as a Dutch HTML document, with the events behind it. */
  @Get('farms/:farmId/decisions/:decisionId')
  @Roles('farmer', 'regulator')
  @ApiDoc({ summary: 'A decision document (beschikking) as HTML, in Dutch', response: { type: 'string', description: 'an HTML document, with the events behind the decision' }, produces: 'text/html', errors: [400, 401, 403, 404] })
  async decision(@Param() p: DecisionParams, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<string> {
    await this.access.authoriseRead(actor, p.farmId, { resource: 'decision-document', scheme: p.scheme });
    const html = await this.subsidy.decisionDocument(p.scheme, p.farmId, p.decisionId);
    // HTML only once there is a document: a refusal stays JSON in the one error shape.
    asHtmlDocument(response);
    asAttachment(response, decisionFileName(p.scheme, p.farmId, p.decisionId, (await this.applications.application(p.scheme, p.farmId))?.decisions ?? []));
    return html;
  }

  /** Per farm: its scores and where they stand, amounts granted, advanced and settled. */
  @Get('farms/:farmId')
  @Roles('farmer', 'payer', 'regulator')
  @ApiDoc({
    summary: "A farm's application under a scheme with its scores",
    response: json.complete({
      scheme: json.string,
      farmId: json.string,
      // Null when the farm has scores under the scheme but never applied.
      application: json.nullable(schemeApplicationSchema),
      // One per scheme year, null for a year without a score; the payer sees only forwarded scores (no status).
      scores: json.array(json.nullable(json.object({ year: json.number, status: json.string, scoreVersion: json.number, totalCents: json.number }, ['year', 'scoreVersion', 'totalCents']))),
    }),
    errors: [400, 401, 403, 404],
  })
  async farm(@Param() p: SchemeFarmParams, @CurrentActor() actor: Actor) {
    if (actor.role !== 'payer') await this.access.authoriseRead(actor, p.farmId, { resource: 'application', scheme: p.scheme });
    const application = (await this.applications.application(p.scheme, p.farmId)) ?? null;
    const scores = await Promise.all((await this.catalogue.scheme(p.scheme))!.years.map((year) => this.scoring.score(p.scheme, p.farmId, year)));
    if (actor.role === 'payer') {
      // The payer sees the money side and the scores forwarded to it, not the farm's working data.
      if (!application) throw new NotFoundException({ code: 'APPLICATION_NOT_FOUND', message: 'no application' });
      // By the payer's statutory task, recorded once there is an application to show (D64).
      await this.access.recordReads(actor, [{ farmId: p.farmId }], { resource: 'application', scheme: p.scheme });
      return { scheme: p.scheme, farmId: p.farmId, application, scores: scores.map((s) => s && s.forwarded && { year: s.year, ...s.forwarded }) };
    }
    if (!application && scores.every((s) => !s)) throw new NotFoundException({ code: 'NOTHING_FOR_SCHEME', message: `nothing for ${p.farmId} in ${p.scheme}` });
    return { scheme: p.scheme, farmId: p.farmId, application, scores };
  }
}
