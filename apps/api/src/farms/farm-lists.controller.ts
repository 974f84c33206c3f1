import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { findValidAuthorisation } from '@asb/domain';
import type { Actor } from '@asb/event-store';
import { CLOCK, type Clock } from '@asb/ledger';
import { type FarmRecord, FarmRegisterQuery, AuthorisationsQuery, FarmYearsQuery, FarmScoresQuery } from '@asb/projections';
import { FarmAccessService, type FarmShown } from '../access/farm-access.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { FarmIdParam } from '../http/params';
import { LandUseDto } from './dto/register-farm.dto';
import { ApiDoc } from '../http/openapi';
import { cursorPage, CursorPageQuery, decodeCursor, numberDescending, pageOfList } from '../http/cursor-page';

class FarmSummary {
  @ApiProperty({ example: 'nl-drenthe-0001' }) farmId!: string;
  @ApiProperty({ example: 'boer-jansen' }) farmerId!: string;
  @ApiProperty({ example: 'drenthe' }) province!: string;
  @ApiProperty({ example: 120 }) livestockUnits!: number;
  @ApiProperty({ description: 'hectares per land use', type: () => LandUseDto }) landUse!: Record<string, number>;
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
  async list(@Query() { cursor, limit = 20 }: CursorPageQuery, @CurrentActor() actor: Actor, @Req() request: { farmClaim?: readonly string[] }): Promise<FarmPage> {
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
    // Keys are farm ids: the page starts after the cursor's farm (D54).
    const page = await this.register.page({ after: decodeCursor(cursor), limit }, async (doc) => {
      const seen = await visible(doc);
      return seen && { seen, doc };
    });
    const shown = page.items.map((i) => i.seen);
    // Each farm on the page is shown with its register details: a read of each by anyone but its farmer (D64).
    await this.access.recordReads(actor, shown, { resource: 'farm-list' });
    return cursorPage(page, ({ doc }) => ({ farmId: doc.farmId, farmerId: doc.farmerId, province: doc.province, livestockUnits: doc.livestockUnits, landUse: { ...doc.landUse }, registeredAt: doc.registeredAt }));
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
