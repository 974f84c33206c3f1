import { Body, Controller, ForbiddenException, Get, Headers, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@asb/event-store';
import { READ_MODEL_STORE, type FarmRecord, type ReadModelStore } from '@asb/projections';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CommandContextFactory } from '../http/command-context.factory';
import { RegisterFarmDto } from './dto/register-farm.dto';
import { RegisterFarmCommand } from './register-farm.command';

@ApiTags('farms')
@ApiBearerAuth()
@Controller('farms')
export class FarmsController {
  constructor(
    private readonly bus: CommandBus,
    private readonly contexts: CommandContextFactory,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  @Post()
  @Roles('farmer')
  async register(@Body() dto: RegisterFarmDto, @CurrentActor() actor: Actor, @Headers('idempotency-key') key?: string) {
    const ctx = this.contexts.create(actor, key);
    const result = await this.bus.execute(new RegisterFarmCommand({ ...dto, farmerId: actor.id }, ctx));
    return { farmId: dto.farmId, events: result.stored.map((e: { id: string; type: string; position: number }) => ({ id: e.id, type: e.type, position: e.position })) };
  }

  @Get(':farmId')
  @Roles('farmer', 'regulator')
  get(@Param('farmId') farmId: string, @CurrentActor() actor: Actor) {
    const farm = this.readModels.get<FarmRecord>('farm-register', farmId);
    if (!farm) throw new NotFoundException({ message: `farm ${farmId} is not registered`, code: 'FARM_NOT_FOUND' });
    if (actor.role === 'farmer' && farm.farmerId !== actor.id) throw new ForbiddenException({ message: 'not your farm', code: 'NOT_YOUR_FARM' });
    return farm;
  }
}
