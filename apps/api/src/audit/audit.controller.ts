import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DecimalInteger } from '../http/input/decimal-integer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Min } from 'class-validator';
import { IntegrityService, Explanations, FarmHistory } from '@asb/ledger';
import { EventCatalogueQuery } from '@asb/projections';
import { Roles } from '../auth/roles.decorator';
import { AsOfQuery, FarmIdParam, FarmYearParams } from '../http/params';
import { PublishedSchemeGuard, SchemeId } from '../schemes/scheme-catalogue';

class AtQuery {
  @ApiProperty({ description: 'ISO instant: what was known then' }) @IsISO8601({ strict: true }) at!: string;
}
class ScoreExplainParams extends FarmYearParams {
  @SchemeId() scheme!: string;
}
class LevyExplainParams extends FarmYearParams {
  @ApiProperty() @IsString() @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/) levyId!: string;
}
class VersionQuery {
  @ApiPropertyOptional() @IsOptional() @DecimalInteger() @IsInt() @Min(1) version?: number;
}
class ExportQuery {
  @ApiPropertyOptional({ description: 'a farm; without it the whole log' }) @IsOptional() @IsString() @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/) farmId?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
@Roles('regulator')
export class AuditController {
  constructor(
    private readonly integrity: IntegrityService,
    private readonly farms: FarmHistory,
    private readonly explanations: Explanations,
    private readonly eventTypesRead: EventCatalogueQuery,
  ) {}

  /** Checks the whole log against its signed checkpoints, to the end; names every altered, deleted or inserted event. Works on a damaged store. */
  @Get('verify')
  verify() {
    return this.integrity.verify();
  }

  /** The name before checkpoints replaced seals: signs a checkpoint now (POST /audit/checkpoints). */
  @Post('seal')
  @HttpCode(200)
  async seal() {
    const { checkpoint } = await this.integrity.checkpoint();
    return { checkpoint };
  }

  @Get('event-types')
  eventTypes() {
    return this.eventTypesRead.all();
  }

  /** A farm's full history: every event with its actor, recorded time and the authorisation it relied on. */
  @Get('farms/:farmId/history')
  async history(@Param() { farmId }: FarmIdParam, @Query() { asOf }: AsOfQuery) {
    const events = await this.farms.history(farmId, asOf);
    if (!events.length) throw new NotFoundException({ code: 'FARM_NOT_FOUND', message: `no history for ${farmId}`, field: 'farmId' });
    return events.map((e) => ({
      position: e.position, streamId: e.streamId, revision: e.revision, type: e.type, recordedAt: e.metadata.recordedAt, actor: e.metadata.actor,
      authorisationId: e.metadata.authorisationId ?? null, normSet: e.metadata.normSet ?? null, causationId: e.metadata.causationId, hash: e.hash, data: e.data,
    }));
  }

  /** Balances, scores, findings, levies and money of a farm as they were known at a moment. */
  @Get('farms/:farmId/as-of')
  asOf(@Param() { farmId }: FarmIdParam, @Query() { at }: AtQuery) {
    return this.farms.asOf(farmId, at);
  }

  /** Explains a score: its input events, norm-set and rule versions, and a recomputation that must match. */
  @Get('explain/scores/:scheme/:farmId/:year')
  @UseGuards(PublishedSchemeGuard)
  async explainScore(@Param() p: ScoreExplainParams, @Query() { version }: VersionQuery) {
    const explanation = await this.explanations.explainScore(p.scheme, p.farmId, p.year, version);
    if (!explanation) throw new NotFoundException({ code: 'SCORE_NOT_FOUND', message: 'no such score', field: 'year' });
    return explanation;
  }

  @Get('explain/levies/:levyId/:farmId/:year')
  async explainLevy(@Param() p: LevyExplainParams, @Query() { version }: VersionQuery) {
    const explanation = await this.explanations.explainLevy(p.levyId, p.farmId, p.year, version);
    if (!explanation) throw new NotFoundException({ code: 'LEVY_NOT_ASSESSED', message: 'no such assessment', field: 'levyId' });
    return explanation;
  }

  /** An audit bundle (stored event bytes, a checkpoint signed now, the public key, proofs) for `asb verify <bundle>` offline. */
  @Get('export')
  async export(@Query() { farmId }: ExportQuery, @Res({ passthrough: true }) response: Response) {
    const bundle = farmId ? await this.integrity.exportStreams(`farm ${farmId}`, await this.farms.farmStreams(farmId)) : await this.integrity.exportLog();
    // A download names what it holds: the farm (or the log) and the checkpoint's tree size (D54).
    response.setHeader('content-disposition', `attachment; filename="asb-bundel-${farmId ?? 'log'}-${bundle.checkpoint.treeSize}.json"`);
    return bundle;
  }
}
