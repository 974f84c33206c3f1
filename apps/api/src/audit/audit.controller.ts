import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { READ_MODEL_STORE, type EventTypeCount, type ReadModelStore } from '@asb/projections';
import { IntegrityService } from '@asb/ledger';
import { Roles } from '../auth/roles.decorator';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly integrity: IntegrityService,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  /** Walks every stream and seal; names the first event whose content or order was altered. */
  @Get('verify')
  @Roles('regulator')
  verify() {
    return this.integrity.verify();
  }

  /** Seals the log now (the background job does this periodically). */
  @Post('seal')
  @HttpCode(200)
  @Roles('regulator')
  async seal() {
    const result = await this.integrity.seal();
    return { seals: result.sealed };
  }

  @Get('event-types')
  @Roles('regulator')
  eventTypes() {
    return this.readModels.list<EventTypeCount>('event-catalogue').map((r) => r.doc);
  }
}
