import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { FarmHandler } from '@asb/ledger';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@asb/event-store';
import { FarmAccessService } from '../access/farm-access.service';
import { FarmIdParam } from '../http/params';
import { CorrectFarmDetailsDto } from './dto/correct-farm-details.dto';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CommandContextFactory } from '../http/command-context.factory';
import { IdempotencyKey, type IdempotencyKeyValue } from '../http/idempotency-key';
import { RegisterFarmDto } from './dto/register-farm.dto';
import { ApiDoc, WRITE_ERRORS, json } from '../http/openapi';

@ApiTags('farms')
@ApiBearerAuth()
@Controller('farms')
export class FarmsController {
  constructor(
    private readonly contexts: CommandContextFactory,
    private readonly access: FarmAccessService,
    private readonly farms: FarmHandler,
  ) {}

  @Post()
  @Roles('farmer')
  @ApiDoc({ summary: 'Register a farm; the caller becomes its farmer', response: json.object({ farmId: json.string, events: json.events }), status: 201, errors: WRITE_ERRORS })
  async register(@Body() dto: RegisterFarmDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    const ctx = this.contexts.create(actor, key);
    const result = await this.farms.execute({ type: 'RegisterFarm', data: { ...dto, farmerId: actor.id, now: ctx.now } }, ctx);
    return { farmId: dto.farmId, events: result.stored.map((e: { id: string; type: string; position: number }) => ({ id: e.id, type: e.type, position: e.position })) };
  }

  @Patch(':farmId')
  @Roles('farmer')
  @ApiDoc({
    summary: "Correct a farm's details (livestock units, land use, soil), with a reason",
    response: json.object({ farmId: json.string, events: json.events }),
    errors: [...WRITE_ERRORS, 404],
  })
  async correct(@Param() { farmId }: FarmIdParam, @Body() dto: CorrectFarmDetailsDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue) {
    await this.access.authorise(actor, farmId, 'manage');
    const { reason, ...changes } = dto;
    const ctx = this.contexts.create(actor, key);
    const result = await this.farms.execute({ type: 'CorrectFarmDetails', data: { farmId, changes, reason, actorFarmerId: actor.id, now: ctx.now } }, ctx);
    return { farmId, events: result.events };
  }

  /** Current details, read from the farm's stream (the same source access decisions use). */
  @Get(':farmId')
  @Roles('farmer', 'calculator', 'data_source', 'regulator')
  @ApiDoc({
    summary: "A farm's current details",
    response: json.complete({
      farmId: json.string,
      farmerId: json.string,
      registeredAt: json.string,
      province: json.string,
      landUse: json.complete({ arableHa: json.number, grasslandHa: json.number, maizeHa: json.number }),
      soilTypes: json.array(json.string),
      peatSharePct: json.number,
      livestockUnits: json.number,
    }),
    errors: [400, 401, 403, 404],
  })
  async get(@Param() { farmId }: FarmIdParam, @CurrentActor() actor: Actor) {
    const { farm } = await this.access.authoriseRead(actor, farmId, { resource: 'farm' });
    const { status: _status, ...details } = farm;
    return details;
  }
}
