import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ascending, CursorPageQuery, pageOfList } from '../http/cursor-page';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@asb/event-store';
import { AuthorisationHandler, NormSetCatalogue } from '@asb/ledger';
import { AuthorisationsQuery } from '@asb/projections';
import { FarmAccessService } from '../access/farm-access.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CommandContextFactory } from '../http/command-context.factory';
import { IdempotencyKey, type IdempotencyKeyValue } from '../http/idempotency-key';
import { AuthorisationParams, FarmIdParam } from '../http/params';
import { GrantAuthorisationDto, RevokeAuthorisationDto } from './dto/grant-authorisation.dto';
import { ApiDoc, WRITE_ERRORS, json } from '../http/openapi';

const iso = (s: string) => new Date(s).toISOString();

@ApiTags('authorisations')
@ApiBearerAuth()
@Controller('farms/:farmId/authorisations')
export class AuthorisationsController {
  constructor(
    private readonly contexts: CommandContextFactory,
    private readonly access: FarmAccessService,
    private readonly authorisations: AuthorisationHandler,
    private readonly catalogue: NormSetCatalogue,
    private readonly authorisationsRead: AuthorisationsQuery,
  ) {}

  @Post()
  @Roles('farmer')
  @ApiDoc({
    summary: 'Grant a calculator or data source an authorisation (machtiging) for data sources and a period',
    response: json.object({ authorisationId: json.string, events: json.events }),
    status: 201,
    errors: [...WRITE_ERRORS, 404],
  })
  async grant(@Param() { farmId }: FarmIdParam, @Body() dto: GrantAuthorisationDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    // Which sources exist is the published catalogues' (D40), not a list in the DTO.
    const declared = await this.catalogue.sources();
    const unknown = dto.sources.findIndex((s) => !declared.includes(s));
    if (unknown >= 0) throw new BadRequestException({ code: 'INVALID_INPUT', message: `sources.${unknown}: ${dto.sources[unknown]} is not a data source any published catalogue declares`, field: `sources.${unknown}` });
    const { farm } = await this.access.authorise(actor, farmId, 'manage');
    const ctx = this.contexts.create(actor, key);
    const result = await this.authorisations.execute({ type: 'GrantAuthorisation', data: { ...dto, validFrom: iso(dto.validFrom), validTo: iso(dto.validTo), farmId, farmOwnerId: farm.farmerId, actorId: actor.id, now: ctx.now } }, ctx);
    return { authorisationId: dto.authorisationId, events: result.events };
  }

  @Post(':authorisationId/revoke')
  @HttpCode(200)
  @Roles('farmer')
  @ApiDoc({ summary: 'Revoke an authorisation, with a reason', response: json.object({ authorisationId: json.string, events: json.events }), errors: [...WRITE_ERRORS, 404] })
  async revoke(@Param() { farmId, authorisationId }: AuthorisationParams, @Body() dto: RevokeAuthorisationDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const { farm } = await this.access.authorise(actor, farmId, 'manage');
    const ctx = this.contexts.create(actor, key);
    const result = await this.authorisations.execute({ type: 'RevokeAuthorisation', data: { authorisationId, farmId, farmOwnerId: farm.farmerId, actorId: actor.id, reason: dto.reason, now: ctx.now } }, ctx);
    return { authorisationId, events: result.events };
  }

  @Get()
  @Roles('farmer', 'regulator')
  @ApiDoc({
    summary: "A farm's authorisations, granted, expired and revoked, by authorisation id, a page at a time (cursor pagination)",
    response: json.page(json.complete({ authorisationId: json.string, farmId: json.string, grantedAt: json.string, grantedBy: json.string, grantee: json.complete({ id: json.string, role: json.string }), purpose: json.string, sources: json.array(json.string), validFrom: json.string, validTo: json.string, status: json.string })),
    errors: [400, 401, 403, 404],
  })
  async list(@Param() { farmId }: FarmIdParam, @Query() page: CursorPageQuery, @CurrentActor() actor: Actor) {
    await this.access.authoriseRead(actor, farmId, { resource: 'authorisations' });
    const all = Object.values((await this.authorisationsRead.ofFarm(farmId))?.byId ?? {}).sort((a, b) => (a.authorisationId < b.authorisationId ? -1 : 1));
    return pageOfList(all, (a) => a.authorisationId, ascending, page);
  }
}
