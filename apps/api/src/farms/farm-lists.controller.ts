import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { findValidAuthorisation } from '@asb/domain';
import type { Actor } from '@asb/event-store';
import { CLOCK, type Clock } from '@asb/ledger';
import { type FarmRecord, FarmRegisterQuery, AuthorisationsQuery, FarmYearsQuery, FarmScoresQuery } from '@asb/projections';
import { FarmAccessService, type FarmShown } from '../access/farm-access.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { FarmIdParam } from '../http/params';
import { DecimalInteger } from '../http/input/decimal-integer';
import { ApiDoc } from '../http/openapi';
import { CursorPageQuery, numberDescending, pageOfList } from '../http/cursor-page';

/** A cursor is the base64url of the last farm id of the page before: opaque to clients, stable across writes. */
const CURSOR = /^[A-Za-z0-9_-]{1,120}$/;
const encodeCursor = (farmId: string) => Buffer.from(farmId, 'utf8').toString('base64url');
const decodeCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');

class PageQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the page before; leave out for the first page' })
  @IsOptional() @IsString() @Matches(CURSOR, { message: 'cursor must be the nextCursor of a page' }) cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @DecimalInteger({ min: 1, max: 3 }) @IsInt() @Min(1) @Max(100) limit?: number;
}

class FarmSummary {
  @ApiProperty({ example: 'nl-drenthe-0001' }) farmId!: string;
  @ApiProperty({ example: 'boer-jansen' }) farmerId!: string;
  @ApiProperty({ example: 'drenthe' }) province!: string;
  @ApiProperty({ example: 120 }) livestockUnits!: number;
  @ApiProperty({ description: 'hectares per land use', example: { grasslandHa: 40, maizeHa: 10, arableHa: 0 } }) landUse!: Record<string, number>;
  @ApiProperty() registeredAt!: string;
}

class FarmPage {
  @ApiProperty({ type: [FarmSummary] }) items!: FarmSummary[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

class ScoreSummary {
  @ApiProperty({ example: 'drenthe-2025' }) scheme!: string;
  @ApiProperty({ example: 'presented' }) status!: string;
  @ApiProperty() scoreVersion!: number;
  @ApiProperty({ description: 'euro cents' }) totalCents!: number;
}

class FarmYearSummary {
  @ApiProperty({ example: 2025 }) year!: number;
  @ApiProperty({ description: 'when data of this year was last recorded; empty when the year has scores but no data' }) lastRecordedAt!: string;
  @ApiProperty({ type: [ScoreSummary] }) scores!: ScoreSummary[];
}

class FarmYearPage {
  @ApiProperty({ type: [FarmYearSummary] }) items!: FarmYearSummary[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

/**
 * Read-only lists the web application starts from (D49): the caller's farms and a farm's years.
 * What a caller may list is what it may read: a farmer its own farms, a calculator or data source
 * the farms whose authorisation of it is valid now, the regulator every farm.
 */
@ApiTags('farms')
@ApiBearerAuth()
@Controller('farms')
export class FarmListsController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: FarmAccessService,
    private readonly register: FarmRegisterQuery,
    private readonly authorisations: AuthorisationsQuery,
    private readonly farmYears: FarmYearsQuery,
    private readonly scores: FarmScoresQuery,
  ) {}

  @Get()
  @Roles('farmer', 'calculator', 'data_source', 'regulator')
  @ApiDoc({ summary: 'The farms the caller may see, by farm id, a page at a time (cursor pagination)', response: FarmPage, errors: [400, 401, 403] })
  async list(@Query() { cursor, limit = 20 }: PageQuery, @CurrentActor() actor: Actor, @Req() request: { farmClaim?: readonly string[] }): Promise<FarmPage> {
    const after = cursor === undefined ? '' : decodeCursor(cursor);
    const now = this.clock.now();
    /** Whether the caller may see the farm, and on what: the authorisation it relies on, if any. */
    const visible = async (farm: NonNullable<FarmRecord>): Promise<FarmShown | null> => {
      switch (actor.role) {
        case 'farmer':
          // The ledger's record, and the provider's farms claim where the token has one (D49).
          return farm.farmerId === actor.id && (!request.farmClaim || request.farmClaim.includes(farm.farmId)) ? { farmId: farm.farmId } : null;
        case 'regulator':
          return { farmId: farm.farmId };
        default: {
          const authorisations = await this.authorisations.ofFarm(farm.farmId);
          const authorisation = authorisations && findValidAuthorisation(authorisations, { granteeId: actor.id, granteeRole: actor.role, at: now });
          return authorisation ? { farmId: farm.farmId, authorisationId: authorisation.authorisationId } : null;
        }
      }
    };
    const items: FarmSummary[] = [];
    const shown: FarmShown[] = [];
    let more = false;
    // Keys are farm ids, listed in order: the page starts after the cursor's farm.
    for (const { key, doc } of await this.register.all()) {
      const seen = key <= after || !doc ? null : await visible(doc);
      if (!seen || !doc) continue;
      if (items.length === limit) {
        more = true;
        break;
      }
      shown.push(seen);
      items.push({ farmId: doc.farmId, farmerId: doc.farmerId, province: doc.province, livestockUnits: doc.livestockUnits, landUse: { ...doc.landUse }, registeredAt: doc.registeredAt });
    }
    // Each farm on the page is shown with its register details: a read of each by anyone but its farmer (D64).
    await this.access.recordReads(actor, shown, { resource: 'farm-list' });
    return { items, nextCursor: more ? encodeCursor(items[items.length - 1]!.farmId) : null };
  }

  @Get(':farmId/years')
  @Roles('farmer', 'calculator', 'data_source', 'regulator')
  @ApiDoc({ summary: 'The years of a farm with data or a score, newest first, with the status of each score, a page at a time (cursor pagination)', response: FarmYearPage, errors: [400, 401, 403, 404] })
  async years(@Param() { farmId }: FarmIdParam, @Query() page: CursorPageQuery, @CurrentActor() actor: Actor): Promise<FarmYearPage> {
    await this.access.authoriseRead(actor, farmId, { resource: 'years' });
    const years = new Map<number, FarmYearSummary>();
    const yearOf = (year: number) => years.get(year) ?? years.set(year, { year, lastRecordedAt: '', scores: [] }).get(year)!;
    for (const doc of await this.farmYears.ofFarm(farmId)) {
      if (doc.farmId === farmId) yearOf(doc.year).lastRecordedAt = doc.lastRecordedAt;
    }
    // A score is kept under scheme:farm:year; farm ids hold no colon, so the suffix names this farm-year exactly.
    for (const year of [...years.keys()]) {
      for (const doc of await this.scores.ofFarmYear(farmId, year)) {
        yearOf(year).scores.push({ scheme: doc.scheme, status: doc.status, scoreVersion: doc.scoreVersion, totalCents: doc.totalCents });
      }
    }
    return pageOfList([...years.values()].sort((a, b) => b.year - a.year), (y) => String(y.year), numberDescending, page);
  }
}
