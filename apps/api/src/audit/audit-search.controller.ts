import { BadRequestException, Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { FARM_ID_PATTERN } from '@asb/domain';
import { CheckpointList, EventSearch, FarmDifference } from '@asb/ledger';
import { FarmRegisterQuery } from '@asb/projections';
import type { Actor as Reader } from '@asb/event-store';
import { FarmAccessService } from '../access/farm-access.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { cursorPage, CursorPageQuery, decodeCursor, decodeNumberCursor } from '../http/cursor-page';
import { FarmIdParam } from '../http/params';
import { ApiDoc, json } from '../http/openapi';
import type { ApiPropertyOptions } from '@nestjs/swagger';

class EventSearchQuery extends CursorPageQuery {
  @ApiPropertyOptional({ example: 'nl-drenthe-0001', description: 'events about this farm' }) @IsOptional() @IsString() @Matches(FARM_ID_PATTERN, { message: 'farmId must be 2-63 lower-case letters, digits or dashes' }) farmId?: string;
  @ApiPropertyOptional({ example: 'ScoreApproved', description: 'events of this type (GET /audit/event-types lists them)' }) @IsOptional() @IsString() @Matches(/^[A-Z][A-Za-z0-9]{1,80}$/, { message: 'type must be an event type, e.g. ScoreApproved' }) type?: string;
  @ApiPropertyOptional({ example: 'wur', description: 'events recorded by this actor' }) @IsOptional() @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/, { message: 'actorId must be an actor id' }) actorId?: string;
  @ApiPropertyOptional({ description: 'recorded at or after this instant' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ description: 'recorded before this instant' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}
class FarmSearchQuery extends CursorPageQuery {
  @ApiPropertyOptional({ example: 'drenthe', description: 'words that the farm id, the farmer or the province must hold' }) @IsOptional() @IsString() @Length(1, 100) q?: string;
}
class DifferenceQuery {
  @ApiProperty({ description: 'the earlier moment (ISO instant)' }) @IsISO8601({ strict: true }) from!: string;
  @ApiProperty({ description: 'the later moment (ISO instant)' }) @IsISO8601({ strict: true }) to!: string;
}

class Actor {
  @ApiProperty() id!: string;
  @ApiProperty() role!: string;
}
class EventSummaryItem {
  @ApiProperty() position!: number;
  @ApiProperty() streamId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() type!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ type: Actor }) actor!: Actor;
  @ApiProperty({ type: String, nullable: true }) farmId!: string | null;
}
class EventPage {
  @ApiProperty({ type: [EventSummaryItem] }) items!: EventSummaryItem[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as cursor for the next page; null once the log is searched to its end' }) nextCursor!: string | null;
}
class FarmHitItem {
  @ApiProperty() farmId!: string;
  @ApiProperty() farmerId!: string;
  @ApiProperty() province!: string;
  @ApiProperty() livestockUnits!: number;
  @ApiProperty() registeredAt!: string;
}
class FarmHitPage {
  @ApiProperty({ type: [FarmHitItem] }) items!: FarmHitItem[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
class CheckpointItem {
  @ApiProperty() treeSize!: number;
  @ApiProperty() rootHash!: string;
  @ApiProperty() lastPosition!: number;
  @ApiProperty() issuedAt!: string;
  @ApiProperty() keyId!: string;
}
class CheckpointPage {
  @ApiProperty({ type: [CheckpointItem] }) items!: CheckpointItem[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
class StateChangeItem {
  @ApiProperty({ example: 'scores[score-drenthe-2025-nl-drenthe-0001-2025].status' }) path!: string;
  @ApiPropertyOptional({ ...json.anyValue, description: 'the value at `from`; absent when there was none' } as ApiPropertyOptions) before?: unknown;
  @ApiPropertyOptional({ ...json.anyValue, description: 'the value at `to`; absent when there is none' } as ApiPropertyOptions) after?: unknown;
}
class Difference {
  @ApiProperty() farmId!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [EventSummaryItem], description: 'the events recorded between the two moments' }) events!: EventSummaryItem[];
  @ApiProperty({ type: [StateChangeItem], description: 'what the as-of state says differently (at most 500)' }) changes!: StateChangeItem[];
}

/**
 * The regulator's searches and comparisons (D54), beside the audit endpoints: the log's events by
 * farm, type, actor and time; farms by words; the signed checkpoints; and what changed about a farm
 * between two moments.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
@Roles('regulator')
export class AuditSearchController {
  constructor(
    private readonly search: EventSearch,
    private readonly register: FarmRegisterQuery,
    private readonly checkpointList: CheckpointList,
    private readonly differences: FarmDifference,
    private readonly access: FarmAccessService,
  ) {}

  @Get('events')
  @ApiDoc({ summary: 'Search the log: events by farm, type, actor and time recorded, in log order, a page at a time (cursor pagination)', response: EventPage, errors: [400, 401, 403] })
  async events(@Query() { cursor, limit = 20, ...filter }: EventSearchQuery) {
    if (filter.from && filter.to && Date.parse(filter.from) > Date.parse(filter.to)) throw new BadRequestException({ code: 'INVALID_INPUT', message: 'to must not be before from', field: 'to' });
    return cursorPage(await this.search.events(filter, { after: decodeNumberCursor(cursor, 0), limit }), (e) => e);
  }

  @Get('farms')
  @ApiDoc({ summary: 'Search farms by farm id, farmer or province, by farm id, a page at a time (cursor pagination)', response: FarmHitPage, errors: [400, 401, 403] })
  async farms(@Query() { q, cursor, limit = 20 }: FarmSearchQuery, @CurrentActor() actor: Reader) {
    const page = await this.register.search((q ?? '').split(/\s+/).filter(Boolean), { after: decodeCursor(cursor), limit });
    // Each farm found is shown with its register details: a read of each (D64). The event search shows no farm's data.
    await this.access.recordReads(actor, page.items.map((f) => ({ farmId: f.farmId })), { resource: 'farm-list' });
    return cursorPage(page, (f) => ({ farmId: f.farmId, farmerId: f.farmerId, province: f.province, livestockUnits: f.livestockUnits, registeredAt: f.registeredAt }));
  }

  @Get('checkpoints')
  @ApiDoc({ summary: 'The signed checkpoints, newest first, a page at a time (cursor pagination)', response: CheckpointPage, errors: [400, 401, 403] })
  async checkpoints(@Query() { cursor, limit = 20 }: CursorPageQuery) {
    return cursorPage(await this.checkpointList.below(decodeNumberCursor(cursor, Number.MAX_SAFE_INTEGER), limit), (c) => c);
  }

  @Get('farms/:farmId/difference')
  @ApiDoc({ summary: 'What changed about a farm between two moments: the events recorded between them and every value of its as-of state that differs', response: Difference, errors: [400, 401, 403, 404] })
  async difference(@Param() { farmId }: FarmIdParam, @Query() { from, to }: DifferenceQuery, @CurrentActor() actor: Reader): Promise<Difference> {
    if (Date.parse(from) > Date.parse(to)) throw new BadRequestException({ code: 'INVALID_INPUT', message: 'to must not be before from', field: 'to' });
    const difference = await this.differences.between(farmId, from, to);
    if (!difference) throw new NotFoundException({ code: 'FARM_NOT_FOUND', message: `no history for ${farmId} as of ${to}`, field: 'farmId' });
    await this.access.recordReads(actor, [{ farmId }], { resource: 'difference' });
    return difference;
  }
}
