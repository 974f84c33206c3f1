import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@asb/event-store';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { IdempotencyKey, type IdempotencyKeyValue } from '../http/idempotency-key';
import { BulkIntake } from './bulk-intake';
import { BULK_MAX_ITEMS, BulkSubmissionsDto, BulkSubmissionsResultDto } from './dto/bulk-submissions.dto';

const refusal = { description: 'refused, in the one error shape {statusCode, code, message, field}' };

@ApiTags('submissions')
@ApiBearerAuth()
@Controller('submissions')
export class BulkSubmissionsController {
  constructor(private readonly intake: BulkIntake) {}

  @Post('bulk')
  @HttpCode(200)
  @Roles('farmer', 'calculator', 'data_source')
  @ApiOperation({
    summary: `Submit balance data for many farm-years at once (up to ${BULK_MAX_ITEMS}): each item recorded or refused on its own`,
    description:
      'Each item is the request `POST /farms/{farmId}/years/{year}/submissions` for its farm-year, with `farmId` and `year` in the item: ' +
      'checked, authorised and decided on its own, one command and one event per accepted item. The answer lists every item as `accepted` ' +
      '(its events) or `refused` (the status, code and field a single request would have answered, the field named from this body). ' +
      'A retry with the same Idempotency-Key answers every item that was recorded with what it recorded (D58).',
  })
  @ApiOkResponse({ type: BulkSubmissionsResultDto, description: 'every item’s result, in request order' })
  @ApiResponse({ status: 400, ...refusal })
  @ApiResponse({ status: 401, ...refusal })
  @ApiResponse({ status: 403, ...refusal })
  @ApiResponse({ status: 413, ...refusal })
  submit(@Body() dto: BulkSubmissionsDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue): Promise<BulkSubmissionsResultDto> {
    return this.intake.submit(actor, key, dto.items);
  }
}
