import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@asb/event-store';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { errorBody } from '../http/error-body';
import { IdempotencyKey, type IdempotencyKeyValue } from '../http/idempotency-key';
import { BulkIntake } from './bulk-intake';
import { BULK_MAX_ITEMS, BulkSubmissionsDto, BulkSubmissionsResultDto } from './dto/bulk-submissions.dto';

const refusal = { description: 'refused, in the one error shape {statusCode, code, message, field}' };
const nothingRecorded = (what: string) => ({
  description: `${what}; or no item was recorded: the request is refused with the first item's status, code and field, and \`items\` lists every item's result`,
  type: BulkSubmissionsResultDto,
});

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
      'A request of which no item is recorded is refused as a whole: the status, code and field of its first refused item, with every item’s result beside them. ' +
      'A retry with the same Idempotency-Key answers every item that was recorded with what it recorded (D58).',
  })
  @ApiOkResponse({ type: BulkSubmissionsResultDto, description: 'every item’s result, in request order' })
  @ApiResponse({ status: 400, ...nothingRecorded('the list is not 1–200 objects, or the Idempotency-Key is missing') })
  @ApiResponse({ status: 401, ...refusal })
  @ApiResponse({ status: 403, ...nothingRecorded('the role may not submit') })
  @ApiResponse({ status: 404, ...nothingRecorded('no item was recorded') })
  @ApiResponse({ status: 409, ...nothingRecorded('no item was recorded') })
  @ApiResponse({ status: 413, ...refusal })
  @ApiResponse({ status: 422, ...nothingRecorded('no item was recorded') })
  async submit(@Body() dto: BulkSubmissionsDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue, @Res({ passthrough: true }) res: Response) {
    const result = await this.intake.submit(actor, key, dto.items);
    if (result.accepted > 0) return result;
    // Nothing recorded: a refusal like any other request's (the one error shape), with every item's result.
    const first = result.items.find((i) => i.status === 'refused')!;
    res.status(first.statusCode!);
    return { ...errorBody(first.statusCode!, first.code!, first.message!, first.field), ...result };
  }
}
