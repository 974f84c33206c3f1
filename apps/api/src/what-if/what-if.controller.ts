import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { compareWhatIfReports, type WhatIfReport } from '@asb/domain';
import type { Actor } from '@asb/event-store';
import { JOB_QUEUE, type JobQueue } from '@asb/jobs';
import { enqueueWhatIf, renderWhatIfCsv, renderWhatIfHtml, WhatIfService } from '@asb/ledger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CommandContextFactory } from '../http/command-context.factory';
import { IdempotencyKey, type IdempotencyKeyValue } from '../http/idempotency-key';
import { ComparisonQuery, ComparisonView, RunIdParam, RunRequested, RunStatus, SavedScenario, ScenarioDto, ScenarioIdParam, ScenarioPage, ScenarioView, WhatIfReportView } from './what-if.dto';
import { ApiDoc, WRITE_ERRORS } from '../http/openapi';
import { asAttachment, asHtmlDocument } from '../http/attachment';
import { cursorPage, CursorPageQuery, decodeCursor } from '../http/cursor-page';

/**
 * Policy what-if (issue 17, D51/D52): analysts save scenarios, run them over the official record as a
 * background job with progress, and read and compare the reports. Farms appear only under pseudonyms.
 */
@ApiTags('what-if')
@ApiBearerAuth()
@Controller('what-if')
@Roles('policy_analyst', 'regulator')
export class WhatIfController {
  constructor(
    private readonly whatIf: WhatIfService,
    private readonly contexts: CommandContextFactory,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
  ) {}

  @Post('scenarios')
  @ApiDoc({
    summary: 'Save a scenario: drafts of any norm sets by named paths, years, simplifications and sampling; refused, naming the field, when a draft is invalid',
    response: SavedScenario,
    status: 201,
    errors: [...WRITE_ERRORS, 404],
  })
  async save(@Body() dto: ScenarioDto, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue): Promise<SavedScenario> {
    return (await this.whatIf.save(dto, this.contexts.create(actor, key))) as SavedScenario;
  }

  @Get('scenarios')
  @ApiDoc({ summary: 'The saved scenarios with their runs, a page at a time (cursor pagination)', response: ScenarioPage, errors: [400, 401, 403] })
  async list(@Query() { cursor, limit = 20 }: CursorPageQuery): Promise<ScenarioPage> {
    const page = await this.whatIf.list({ after: decodeCursor(cursor), limit });
    return cursorPage(page, (item) => item as unknown as ScenarioView);
  }

  @Get('scenarios/:scenarioId')
  @ApiDoc({ summary: 'Reopen a saved scenario with its runs', response: ScenarioView, errors: [400, 401, 403, 404] })
  async scenario(@Param() { scenarioId }: ScenarioIdParam): Promise<ScenarioView> {
    return (await this.whatIf.scenario(scenarioId)) as unknown as ScenarioView;
  }

  @Post('scenarios/:scenarioId/runs')
  @HttpCode(202)
  @ApiDoc({
    summary: 'Run a scenario on the log as it stands, as a background job; the same scenario on the same log is the same run',
    response: RunRequested,
    status: 202,
    errors: [...WRITE_ERRORS, 404],
  })
  async run(@Param() { scenarioId }: ScenarioIdParam, @CurrentActor() actor: Actor, @IdempotencyKey() key: IdempotencyKeyValue): Promise<RunRequested> {
    const run = await this.whatIf.requestRun(scenarioId, this.contexts.create(actor, key));
    await enqueueWhatIf(this.jobs, { scenarioId, runId: run.runId });
    return { scenarioId, ...run };
  }

  @Get('runs/:runId')
  @ApiDoc({ summary: 'The state and progress of a run (events read, then farm-years computed)', response: RunStatus, errors: [400, 401, 403, 404] })
  async status(@Param() { runId }: RunIdParam): Promise<RunStatus> {
    const status = await this.jobs.status<{ report: WhatIfReport }>(runId);
    if (!status) throw new NotFoundException({ code: 'RUN_NOT_FOUND', message: `no run ${runId}`, field: 'runId' });
    return { runId, state: status.state, progress: status.progress ?? null, failedReason: status.failedReason ?? null };
  }

  @Get('runs/:runId/report')
  @ApiDoc({ summary: 'The report of a finished run as JSON: totals with intervals, per year, per part, groups, pseudonymised farm-years', response: WhatIfReportView, errors: [400, 401, 403, 404] })
  async report(@Param() { runId }: RunIdParam): Promise<WhatIfReport> {
    return this.finished(runId);
  }

  @Get('runs/:runId/report.csv')
  @ApiDoc({
    summary: 'The report of a finished run as CSV (section, key, unit, official, scenario, change, interval)',
    response: { type: 'string', description: 'the report as CSV: section, key, unit, official, scenario, change, interval' },
    produces: 'text/csv',
    errors: [400, 401, 403, 404],
  })
  async csv(@Param() { runId }: RunIdParam, @Res({ passthrough: true }) response: Response): Promise<string> {
    const report = await this.finished(runId);
    response.type('text/csv');
    // Named for the browser's save dialog (the analyst's page downloads it under this name).
    asAttachment(response, `wat-als-rapport-${runId}.csv`);
    return renderWhatIfCsv(report);
  }

  @Get('runs/:runId/report.html')
  @ApiDoc({
    summary: 'The report of a finished run as a self-contained page with charts labelled in words and axes with units',
    response: { type: 'string', description: 'a self-contained HTML page' },
    produces: 'text/html',
    errors: [400, 401, 403, 404],
  })
  async html(@Param() { runId }: RunIdParam, @Res({ passthrough: true }) response: Response): Promise<string> {
    const report = await this.finished(runId);
    // HTML only once there is a report: a refusal stays JSON in the one error shape.
    asHtmlDocument(response);
    return renderWhatIfHtml(report);
  }

  @Get('comparison')
  @ApiDoc({ summary: 'Two runs side by side, or one run against the official record, per measure', response: ComparisonView, errors: [400, 401, 403, 404] })
  async compare(@Query() { a, b }: ComparisonQuery): Promise<ComparisonView> {
    return compareWhatIfReports(await this.finished(a, 'a'), b === undefined ? null : await this.finished(b, 'b')) as unknown as ComparisonView;
  }

  private async finished(runId: string, field = 'runId'): Promise<WhatIfReport> {
    const status = await this.jobs.status<{ report: WhatIfReport }>(runId);
    if (!status) {
      const stored = this.whatIf.storedReport(runId);
      if (stored) return stored;
      throw new NotFoundException({ code: 'RUN_NOT_FOUND', message: `no run ${runId}`, field });
    }
    if (!status.result) throw new NotFoundException({ code: 'REPORT_NOT_READY', message: `run ${runId} is ${status.state}`, field });
    return status.result.report;
  }
}
