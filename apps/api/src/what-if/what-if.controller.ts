import { Body, Controller, Get, Inject, NotFoundException, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsInt, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import type { WhatIfReport } from '@asb/domain';
import { JOB_QUEUE, type JobQueue } from '@asb/jobs';
import { renderWhatIfHtml } from '@asb/ledger';
import { enqueueWhatIf, LedgerRuntime } from '@asb/ledger/composition';
import { Roles } from '../auth/roles.decorator';

class ChangeDto {
  @ApiProperty({ example: 'kpis.9.landUses.grassland.tiers.0.threshold' }) @IsString() @Matches(/^[A-Za-z0-9_.-]{1,300}$/) path!: string;
  @ApiProperty({ example: '90' }) @IsDefined() value!: unknown;
}
class WhatIfDto {
  @ApiProperty({ example: 'grassland soil-surplus thresholds +10' }) @IsString() @Length(3, 200) name!: string;
  @ApiProperty({ example: 'drenthe-2025' }) @IsString() @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/) normSetId!: string;
  @ApiProperty({ example: 2025 }) @IsInt() @Min(1998) @Max(2100) year!: number;
  @ApiProperty({ type: [ChangeDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => ChangeDto) changes!: ChangeDto[];
}
class JobParam {
  @ApiProperty() @IsString() @Matches(/^what-if-[0-9a-f]{24}$/) jobId!: string;
}

/** Policy analysts recompute everything under a hypothetical norm set, as a background job. */
@ApiTags('what-if')
@ApiBearerAuth()
@Controller('what-if')
@Roles('policy_analyst', 'regulator')
export class WhatIfController {
  constructor(
    private readonly runtime: LedgerRuntime,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
  ) {}

  /** Refusals (unknown norm set, a change that makes it invalid) come from the draft, with their field. */
  @Post()
  async start(@Body() dto: WhatIfDto) {
    const job = await this.runtime.whatIf.jobFor(dto);
    const { created } = await enqueueWhatIf(this.runtime, job);
    return { jobId: job.jobId, created };
  }

  @Get(':jobId')
  async status(@Param() { jobId }: JobParam) {
    const status = await this.jobs.status<{ report: WhatIfReport }>(jobId);
    if (!status) throw new NotFoundException({ code: 'JOB_NOT_FOUND', message: `no job ${jobId}`, field: 'jobId' });
    const { result, ...rest } = status;
    return { ...rest, totals: result?.report.totals ?? null };
  }

  @Get(':jobId/report')
  async report(@Param() { jobId }: JobParam): Promise<WhatIfReport> {
    return this.finished(jobId);
  }

  @Get(':jobId/report.html')
  @ApiProduces('text/html')
  async html(@Param() { jobId }: JobParam, @Res({ passthrough: true }) response: Response): Promise<string> {
    const report = await this.finished(jobId);
    // HTML only once there is a report: a refusal stays JSON in the one error shape.
    response.type('html');
    return renderWhatIfHtml(report);
  }

  private async finished(jobId: string): Promise<WhatIfReport> {
    const status = await this.jobs.status<{ report: WhatIfReport }>(jobId);
    if (!status) throw new NotFoundException({ code: 'JOB_NOT_FOUND', message: `no job ${jobId}`, field: 'jobId' });
    if (!status.result) throw new NotFoundException({ code: 'REPORT_NOT_READY', message: `job ${jobId} is ${status.state}`, field: 'jobId' });
    return status.result.report;
  }
}
