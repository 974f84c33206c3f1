import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { Actor } from '@asb/event-store';
import { CLOCK, type Clock } from '@asb/ledger';
import { AuthorisationsQuery, CalculatorWorkQuery, WORK_KINDS, workPrefix, type WorkKind } from '@asb/projections';
import { FarmAccessService } from '../access/farm-access.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { cursorPage, CursorPageQuery, cursorRefused, decodeCursor } from '../http/cursor-page';
import { ApiDoc, json } from '../http/openapi';

class WorkQueueQuery extends CursorPageQuery {
  @ApiProperty({ enum: WORK_KINDS, description: 'to-present: scores to present (again); disputed: disputes to decide and upheld ones to recalculate; blocking: open blocking findings' })
  @IsIn(WORK_KINDS, { message: `kind must be one of ${WORK_KINDS.join(', ')}` })
  kind!: WorkKind;
}

const workItemSchema = json.object({
  kind: { type: 'string', enum: [...WORK_KINDS] },
  task: {
    type: 'string',
    enum: ['present', 'present-again', 'decide-dispute', 'recalculate', 'decide-finding'],
    description: 'what is to be done: present a calculated score; present it again after a rejected dispute; decide a dispute; recalculate after an upheld one; decide a blocking finding',
  },
  farmId: json.string,
  year: json.number,
  since: { type: 'string', description: 'since when it waits (ISO instant): calculated, disputed, decided or raised' },
  scheme: { type: 'string', description: 'score tasks: the scheme' },
  scoreVersion: { type: 'number', description: 'score tasks: the version to act on' },
  totalCents: { type: 'number', description: 'score tasks: what the version pays, euro cents' },
  disputeReason: { type: 'string', description: "decide-dispute, recalculate: the farmer's reason" },
  decideBy: { type: 'string', description: 'decide-dispute: when the decision is due, where the scheme sets a term' },
  decision: { ...json.complete({ outcome: { type: 'string', enum: ['upheld', 'rejected'] }, reason: json.string }), description: 'present-again, recalculate: the decision on the dispute' },
  findingId: { type: 'string', description: 'decide-finding: the finding' },
  checkId: { type: 'string', description: 'decide-finding: the check that raised it' },
  subject: { type: 'string', description: 'decide-finding: what the check compared' },
  message: { type: 'string', description: 'decide-finding: what the check found' },
  values: { ...json.map(json.figure), description: 'decide-finding: the figures the check compared' },
}, ['kind', 'task', 'farmId', 'year', 'since']);

/**
 * The calculator's work queue (issue 16): what waits on it over the farms that authorise it now — scores
 * to present, disputes to decide or recalculate, blocking findings to decide — one kind a page at a time.
 * Each farm on a page is a read of its data, and put on record as one (D64); a farm off the page is not.
 */
@ApiTags('calculator')
@ApiBearerAuth()
@Controller('calculator/work-queue')
export class WorkQueueController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: FarmAccessService,
    private readonly authorisations: AuthorisationsQuery,
    private readonly work: CalculatorWorkQuery,
  ) {}

  @Get()
  @Roles('calculator')
  @ApiDoc({
    summary: 'The work waiting on the calculator over the farms that authorise it: one kind, by farm and year, a page at a time (cursor pagination)',
    response: json.page(workItemSchema),
    errors: [400, 401, 403],
  })
  async list(@Query() { kind, cursor, limit = 20 }: WorkQueueQuery, @CurrentActor() actor: Actor) {
    const after = decodeCursor(cursor);
    // A cursor is where a page of this kind ended: one of another kind names no place in it.
    if (after !== undefined && !after.startsWith(workPrefix(kind))) throw cursorRefused(`kind ${kind}`);
    const authorising = await this.authorisations.farmsAuthorising(actor.id, actor.role, this.clock.now());
    const page = await this.work.waiting(kind, (farmId) => authorising.has(farmId), { after, limit });
    await this.access.recordReads(actor, page.items.map(({ farmId }) => ({ farmId, authorisationId: authorising.get(farmId)! })), { resource: 'work-queue' });
    return cursorPage(page, (item) => item);
  }
}
