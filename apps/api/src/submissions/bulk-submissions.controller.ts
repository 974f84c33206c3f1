import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@asb/event-store';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { errorBody } from '../http/error-body';
import { IdempotencyKey, type IdempotencyKeyValue } from '../http/idempotency-key';
import { ApiDoc } from '../http/openapi';
import { BulkIntake } from './bulk-intake';
import { BULK_MAX_ITEMS, BulkSubmissionsDto, BulkSubmissionsResultDto } from './dto/bulk-submissions.dto';

// No item recorded: the request is refused as a whole in the one error shape, with every item's result beside it.
const nothingRecorded = (status: 403 | 404 | 409 | 422 | 503, what: string) => ({
  status,
  description: `${what}; or no item was recorded: refused with the first item's status, code and field, and \`items\` lists every item's result`,
});

@ApiTags('submissions')
@ApiBearerAuth()
@Controller('submissions')
export class BulkSubmissionsController {
  constructor(private readonly intake: BulkIntake) {}

  @Post('bulk')
  @HttpCode(200)
  @Roles('farmer', 'calculator', 'data_source')
  @ApiDoc({
    summary: `Submit balance data for many farm-years at once (up to ${BULK_MAX_ITEMS}): each item recorded or refused on its own`,
    description:
      'Each item is the request `POST /farms/{farmId}/years/{year}/submissions` for its farm-year, with `farmId` and `year` in the item: ' +
      'checked, authorised and decided on its own, one command and one event per accepted item. The answer lists every item as `accepted` ' +
      '(its events) or `refused` (the status, code and field a single request would have answered, the field named from this body). ' +
      'A request of which no item is recorded is refused as a whole: the status, code and field of its first refused item, with every item’s result beside them. ' +
      'A retry with the same Idempotency-Key answers every item that was recorded with what it recorded (D58).',
    response: BulkSubmissionsResultDto,
    errors: [
      { status: 400, description: 'the list is not 1–200 objects, the Idempotency-Key is missing, or no item was recorded and the first was invalid (field named from the bulk body)' },
      401,
      nothingRecorded(403, 'the role may not submit'),
      nothingRecorded(404, 'a farm the items name does not exist'),
      nothingRecorded(409, 'refused by the rules'),
      413,
      415,
      nothingRecorded(422, 'the Idempotency-Key was used before for another request'),
      nothingRecorded(503, 'the store refuses writes'),
    ],
  })
  async submit(@Body() dto: BulkSubmissionsDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue, @Res({ passthrough: true }) res: Response, @Req() request: { farmClaim?: readonly string[] }) {
    const result = await this.intake.submit(actor, key, dto.items, request.farmClaim);
    if (result.accepted > 0) return result;
    // Nothing recorded: a refusal like any other request's (the one error shape), with every item's result.
    const first = result.items.find((i) => i.status === 'refused')!;
    res.status(first.statusCode!);
    return { ...errorBody(first.statusCode!, first.code!, first.message!, first.field), ...result };
  }
}
