import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FARM_DATA_RESOURCES } from '@asb/domain';
import type { Actor } from '@asb/event-store';
import { CaughtUp, LEDGER_CONFIG, type LedgerConfig } from '@asb/ledger';
import { accessLogPrefix, FarmAccessLogQuery } from '@asb/projections';
import { FarmAccessService } from '../access/farm-access.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { FarmIdParam } from '../http/params';
import { ApiDoc, json } from '../http/openapi';
import { cursorPage, CursorPageQuery, cursorRefused, decodeCursor } from '../http/cursor-page';

const accessLogEntrySchema = json.object({
  kind: { type: 'string', enum: ['read', 'refusal'], description: 'read: shown the data; refusal: access refused' },
  eventId: json.string,
  at: { type: 'string', description: 'when it was read or refused (ISO instant)' },
  actorId: json.string,
  actorRole: json.string,
  resource: { type: 'string', enum: [...FARM_DATA_RESOURCES], description: 'what was read, or what a refused attempt was after' },
  year: { type: 'number', description: 'read: the year, where the answer was about one' },
  scheme: { type: 'string', description: 'read: the scheme, where the answer was about one' },
  levyId: { type: 'string', description: 'read: the levy, where the answer was about one' },
  basis: { type: 'string', enum: ['authorisation', 'statutory-task'], description: "read: the farmer's authorisation, or the reader's statutory task" },
  authorisationId: { type: 'string', description: 'the authorisation relied on' },
  action: { type: 'string', description: 'refusal: what was attempted (read, submit, decide, manage)' },
  source: { type: 'string', description: 'refusal: the data source the attempt named' },
  code: { type: 'string', description: 'refusal: the refusal\'s code (NOT_YOUR_FARM, ROLE_NOT_ALLOWED, NO_VALID_AUTHORISATION, …; D69)' },
  reason: { type: 'string', description: 'refusal: why it was refused' },
}, ['kind', 'eventId', 'at', 'actorId', 'actorRole']);

/**
 * A farm's access log (D64): who read its data or was refused it, newest first — the farmer's inspection
 * of the processing of their data. The farmer reads it unrecorded; the regulator, who supervises that access
 * is lawful, reads it as any other farm data: its read goes on record too.
 */
@ApiTags('farms')
@ApiBearerAuth()
@Controller('farms/:farmId/access-log')
export class AccessLogController {
  constructor(
    private readonly access: FarmAccessService,
    private readonly log: FarmAccessLogQuery,
    private readonly caughtUp: CaughtUp,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  @Get()
  @Roles('farmer', 'regulator')
  @ApiDoc({
    summary: "Who read the farm's data or was refused it, newest first, a page at a time (cursor pagination)",
    response: json.page(accessLogEntrySchema),
    errors: [400, 401, 403, 404],
  })
  async list(@Param() { farmId }: FarmIdParam, @Query() { cursor, limit = 20 }: CursorPageQuery, @CurrentActor() actor: Actor) {
    const after = decodeCursor(cursor);
    // A cursor is where a page of this farm's log ended: another farm's (or a made-up one) names no place in it.
    if (after !== undefined && !after.startsWith(accessLogPrefix(farmId))) throw cursorRefused("this farm's access log");
    await this.access.authoriseRead(actor, farmId, { resource: 'access-log' });
    // Every read recorded before this request is in the answer: the log is read once the read model has it (bounded wait).
    await this.caughtUp.within(undefined, this.config.readYourWritesTimeoutMs);
    return cursorPage(await this.log.ofFarm(farmId, { after, limit }), (entry) => entry);
  }
}
