import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@asb/event-store';
import { READ_MODEL_STORE, type ReadModelStore } from '@asb/projections';
import type { FarmAuthorisations } from '@asb/domain';
import { FarmAccessService } from '../access/farm-access.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CommandContextFactory } from '../http/command-context.factory';
import { IdempotencyKey, type IdempotencyKeyValue } from '../http/idempotency-key';
import { AuthorisationParams, FarmIdParam } from '../http/params';
import { authorisationDecider, streams } from '@asb/domain';
import { DeciderCommand } from '../http/decider-command';
import { GrantAuthorisationDto, RevokeAuthorisationDto } from './dto/grant-authorisation.dto';

const iso = (s: string) => new Date(s).toISOString();

@ApiTags('authorisations')
@ApiBearerAuth()
@Controller('farms/:farmId/authorisations')
export class AuthorisationsController {
  constructor(
    private readonly bus: CommandBus,
    private readonly contexts: CommandContextFactory,
    private readonly access: FarmAccessService,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  @Post()
  @Roles('farmer')
  async grant(@Param() { farmId }: FarmIdParam, @Body() dto: GrantAuthorisationDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const { farm } = await this.access.authorise(actor, farmId, 'manage');
    const ctx = this.contexts.create(actor, key);
    const result = await this.bus.execute(
      new DeciderCommand(
        streams.authorisations(farmId),
        authorisationDecider,
        { type: 'GrantAuthorisation', data: { ...dto, validFrom: iso(dto.validFrom), validTo: iso(dto.validTo), farmId, farmOwnerId: farm.farmerId, actorId: actor.id, now: ctx.now } },
        ctx,
      ),
    );
    return { authorisationId: dto.authorisationId, events: result.events };
  }

  @Post(':authorisationId/revoke')
  @HttpCode(200)
  @Roles('farmer')
  async revoke(@Param() { farmId, authorisationId }: AuthorisationParams, @Body() dto: RevokeAuthorisationDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const { farm } = await this.access.authorise(actor, farmId, 'manage');
    const ctx = this.contexts.create(actor, key);
    const result = await this.bus.execute(
      new DeciderCommand(streams.authorisations(farmId), authorisationDecider, { type: 'RevokeAuthorisation', data: { authorisationId, farmId, farmOwnerId: farm.farmerId, actorId: actor.id, reason: dto.reason, now: ctx.now } }, ctx),
    );
    return { authorisationId, events: result.events };
  }

  @Get()
  @Roles('farmer', 'regulator')
  async list(@Param() { farmId }: FarmIdParam, @CurrentActor() actor: Actor) {
    await this.access.authorise(actor, farmId, 'read');
    return Object.values(this.readModels.get<FarmAuthorisations>('authorisations', farmId)?.byId ?? {});
  }
}
