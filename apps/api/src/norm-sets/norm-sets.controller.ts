import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { DecimalInteger } from '../http/input/decimal-integer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { AMENDMENT_GROUNDS, NORM_SET_KINDS, type AmendmentGrounds, type NormSetDocument, type NormSetKind } from '@asb/domain';
import type { Actor } from '@asb/event-store';
import { NormSetCatalogue, NormSetService } from '@asb/ledger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CommandContextFactory } from '../http/command-context.factory';
import { IdempotencyKey, type IdempotencyKeyValue } from '../http/idempotency-key';
import { catalogueEntrySchema, normSetDocumentSchema, parameterValueSchema } from './norm-set.schema';
import { ApiDoc, WRITE_ERRORS, json } from '../http/openapi';
import { ascending, CursorPageQuery, pageOfList } from '../http/cursor-page';

const KINDS: readonly NormSetKind[] = NORM_SET_KINDS;
const ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

class NormSetIdParam {
  @ApiProperty() @IsString() @Matches(ID) normSetId!: string;
}
class NormSetQuery {
  @ApiPropertyOptional({ description: 'what was published as of this recorded moment' }) @IsOptional() @IsISO8601({ strict: true }) asOf?: string;
  @ApiPropertyOptional({ description: 'the version in force on this date (default: the latest)' }) @IsOptional() @IsISO8601({ strict: true }) effectiveAt?: string;
}
class CatalogueQuery extends CursorPageQuery {
  @ApiPropertyOptional({ enum: KINDS, description: 'only norm sets of this kind' }) @IsOptional() @IsIn(KINDS) kind?: NormSetKind;
}
class DiffQuery {
  @ApiProperty() @DecimalInteger() @IsInt() @Min(1) from!: number;
  @ApiProperty() @DecimalInteger() @IsInt() @Min(1) to!: number;
}
class PublishDto {
  @ApiProperty() @IsString() @Matches(ID) normSetId!: string;
  @ApiProperty({ enum: KINDS }) @IsIn(KINDS) kind!: NormSetKind;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) version!: number;
  @ApiProperty() @IsString() @Length(3, 300) title!: string;
  @ApiProperty() @IsString() @Length(3, 1000) legalBasis!: string;
  @ApiProperty() @IsISO8601({ strict: true }) effectiveFrom!: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) effectiveTo?: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) @IsDefined() @IsObject() parameters!: Record<string, unknown>;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { 'extreme-weather': { lowerOnly: ['kpis.*.tiers.*.threshold'], timesPerYear: 1 } },
    description: 'What an amendment on declared grounds may do: which parameters it may lower, how many times a year (D43)',
  })
  @IsOptional()
  @IsObject()
  amendmentRules?: Record<string, unknown>;
}
class ParameterChangeDto {
  @ApiProperty({
    example: 'kpis[nSoilSurplus].landUses.grassland.tiers[1].threshold',
    description: 'The parameter by name (D61): a list entry by its id (`kpis[nSoilSurplus]`) or, in a list without ids, by its number from 1 (`tiers[1]`). An array index (`kpis.9`) is refused with 400 INDEX_PATH, which names the parameter to send instead.',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9_.[\]-]{1,300}$/, { message: 'path is a parameter name such as kpis[nSoilSurplus].tiers[1].threshold' })
  path!: string;
  // Any JSON the parameter at the path holds: the norm set's validation judges it, not the DTO.
  @ApiProperty(parameterValueSchema)
  @IsDefined()
  value!: unknown;
}
class AmendDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) baseVersion!: number;
  @ApiProperty({ type: [ParameterChangeDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => ParameterChangeDto) changes!: ParameterChangeDto[];
  @ApiProperty({ example: 'extreme weather 2025: grassland targets lowered by 10 kg N/ha' }) @IsString() @Length(3, 1000) reason!: string;
  @ApiProperty({ example: 'Gedeputeerde Staten van Drenthe' }) @IsString() @Length(2, 300) authority!: string;
  @ApiProperty() @IsString() @Length(3, 1000) legalBasis!: string;
  @ApiProperty() @IsISO8601({ strict: true }) effectiveFrom!: string;
  @ApiPropertyOptional({ enum: AMENDMENT_GROUNDS, description: "Declared grounds; the norm set's amendmentRules then apply (extreme weather: only the targets it names, in the direction that eases them, once a year; D43)" })
  @IsOptional()
  @IsIn(AMENDMENT_GROUNDS)
  grounds?: AmendmentGrounds;
}
class WithdrawNormSetDto {
  @ApiProperty() @IsString() @Length(3, 1000) reason!: string;
  @ApiProperty() @IsString() @Length(2, 300) authority!: string;
}

/** Every parameter change is an event: publish, amend (a diff with a reason), withdraw; read as of any date. */
@ApiTags('norm sets')
@ApiBearerAuth()
@Controller('norm-sets')
export class NormSetsController {
  constructor(
    private readonly contexts: CommandContextFactory,
    private readonly published: NormSetCatalogue,
    private readonly normSets: NormSetService,
  ) {}

  /**
   * The catalogue (D40): every published norm set with its kind, versions and windows — a scheme's
   * years, window and budget, a levy's indicators, the indicators each names or declares — as the API
   * validates scheme ids, years and indicator keys against it; and the indicator vocabulary in force.
   */
  @Get()
  @Roles('norm_authority', 'regulator', 'calculator', 'payer', 'policy_analyst', 'farmer', 'data_source')
  @ApiDoc({
    summary: 'The published norm sets by id, a page at a time (cursor pagination), with the indicators and data sources they use and declare',
    response: json.page(catalogueEntrySchema, { indicators: json.map(json.string), dataSources: json.array(json.string) }),
    errors: [400, 401, 403],
  })
  async catalogue(@Query() { kind, ...page }: CatalogueQuery) {
    const published = await this.published.current();
    const entries = published.entries().filter((e) => !kind || e.kind === kind);
    const sorted = entries.sort((a, b) => (a.normSetId < b.normSetId ? -1 : 1));
    // The vocabulary and sources are the whole catalogue's, on every page: the API validates against them.
    return { ...pageOfList(sorted, (e) => e.normSetId, ascending, page), indicators: published.vocabulary(), dataSources: published.sources() };
  }

  @Post()
  @Roles('norm_authority')
  @ApiDoc({ summary: 'Publish a norm set', response: json.object({ normSetId: json.string, events: json.events }), status: 201, errors: WRITE_ERRORS })
  async publish(@Body() dto: PublishDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const document: NormSetDocument = { ...dto, effectiveFrom: new Date(dto.effectiveFrom).toISOString().slice(0, 10) };
    const result = await this.normSets.publish(document, this.contexts.create(actor, key));
    return { normSetId: dto.normSetId, events: result.events };
  }

  @Post(':normSetId/amendments')
  @Roles('norm_authority')
  @ApiDoc({
    summary: 'Amend a norm set: changed parameters, with reason and legal basis',
    response: json.object({ normSetId: json.string, events: json.events }),
    status: 201,
    errors: [...WRITE_ERRORS, 404],
  })
  async amend(@Param() { normSetId }: NormSetIdParam, @Body() dto: AmendDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const result = await this.normSets.amend(normSetId, { ...dto, effectiveFrom: new Date(dto.effectiveFrom).toISOString().slice(0, 10) }, this.contexts.create(actor, key));
    return { normSetId, events: result.events };
  }

  @Post(':normSetId/withdrawal')
  @HttpCode(200)
  @Roles('norm_authority')
  @ApiDoc({ summary: 'Withdraw a norm set, with a reason', response: json.object({ normSetId: json.string, events: json.events }), errors: [...WRITE_ERRORS, 404] })
  async withdraw(@Param() { normSetId }: NormSetIdParam, @Body() dto: WithdrawNormSetDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const result = await this.normSets.withdraw(normSetId, dto, this.contexts.create(actor, key));
    return { normSetId, events: result.events };
  }

  /** The document as published at `asOf`, in force at `effectiveAt`; with every version's summary. */
  @Get(':normSetId')
  @Roles('norm_authority', 'regulator', 'calculator', 'payer', 'policy_analyst', 'farmer', 'data_source')
  @ApiDoc({
    summary: "A norm set's document (a version, default the latest) and its versions",
    response: json.complete({
      document: normSetDocumentSchema,
      withdrawn: json.boolean,
      versions: json.array(
        json.complete({
          version: json.number,
          effectiveFrom: json.string,
          recordedAt: json.string,
          // Null for the first publication; changes is the number of parameters an amendment changed.
          reason: json.nullable(json.string),
          changes: json.nullable(json.number),
          grounds: json.nullable(json.string),
        }),
      ),
    }),
    errors: [400, 401, 403, 404],
  })
  async get(@Param() { normSetId }: NormSetIdParam, @Query() q: NormSetQuery) {
    const history = await this.normSets.history(normSetId, q.asOf);
    if (!history.versions.length) throw new NotFoundException({ code: 'NORM_SET_NOT_FOUND', message: `no norm set ${normSetId}${q.asOf ? ` as of ${q.asOf}` : ''}`, field: 'normSetId' });
    const document = q.effectiveAt ? await this.normSets.inForce(normSetId, q.effectiveAt.slice(0, 10), q.asOf) : history.versions.at(-1)!.document;
    return {
      document,
      withdrawn: history.withdrawn,
      versions: history.versions.map((v) => ({ version: v.document.version, effectiveFrom: v.document.effectiveFrom, recordedAt: v.recordedAt, reason: v.reason ?? null, changes: v.changes?.length ?? null, grounds: v.grounds ?? null })),
    };
  }

  @Get(':normSetId/diff')
  @Roles('norm_authority', 'regulator', 'calculator', 'payer', 'policy_analyst', 'farmer', 'data_source')
  @ApiDoc({
    summary: 'The parameters that differ between two versions of a norm set',
    response: json.complete({ normSetId: json.string, from: json.number, to: json.number, changes: json.array(json.object({ path: json.string, from: json.anyValue, to: json.anyValue }, ['path'])) }),
    errors: [400, 401, 403, 404],
  })
  async diff(@Param() { normSetId }: NormSetIdParam, @Query() q: DiffQuery) {
    const changes = await this.normSets.diff(normSetId, q.from, q.to);
    return { normSetId, from: q.from, to: q.to, changes };
  }
}
