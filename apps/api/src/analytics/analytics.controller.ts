import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { YearDigits } from '../http/input/decimal-integer';
import { IsInt, Max, Min } from 'class-validator';
import { computeFarmBalance } from '@asb/domain';
import { LEDGER_CONFIG, LedgerRuntime, pseudonymise, type LedgerConfig } from '@asb/ledger';
import { READ_MODEL_STORE, type FarmRecord, type FarmYear, type ReadModelStore } from '@asb/projections';
import { Roles } from '../auth/roles.decorator';
import { suppressSmallGroups, type FarmFigures } from './small-counts';

class YearQuery {
  @ApiProperty({ example: 2025 }) @YearDigits() @IsInt() @Min(2000) @Max(2100) year!: number;
}

class FarmBalanceRow {
  @ApiProperty({ description: 'pseudonym of the farm (HMAC of its id)' }) farm!: string;
  @ApiProperty({ type: String, nullable: true, description: "null where the province's group is smaller than the minimum" }) province!: string | null;
  @ApiProperty({ type: Number, nullable: true }) areaHa!: number | null;
  @ApiProperty({ type: Number, nullable: true }) nSurplusKgHa!: number | null;
  @ApiProperty({ type: Number, nullable: true }) p2o5SurplusKgHa!: number | null;
}
class ProvinceGroup {
  @ApiProperty() province!: string;
  @ApiProperty() farms!: number;
  @ApiProperty({ type: Number, nullable: true }) meanNSurplusKgHa!: number | null;
  @ApiProperty({ type: Number, nullable: true }) meanP2o5SurplusKgHa!: number | null;
}
class AnalyticsBalances {
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'ANALYTICS_MIN_GROUP_SIZE: no group of fewer farms is shown' }) minimumGroupSize!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null when fewer farms than the minimum (then no rows or groups either)' }) farms!: number | null;
  @ApiProperty({ type: [FarmBalanceRow] }) rows!: FarmBalanceRow[];
  @ApiProperty({ type: [ProvinceGroup] }) groups!: ProvinceGroup[];
  @ApiProperty({ description: 'province groups withheld for being smaller than the minimum' }) suppressedGroups!: number;
}
const refusal = { description: 'refused, in the one error shape {statusCode, code, message, field}' };

@ApiTags('analytics')
@ApiBearerAuth()
@Controller('analytics')
export class AnalyticsController {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly runtime: LedgerRuntime,
  ) {}

  /** Farm balances of a year under pseudonyms, for policy analysis, with small groups suppressed (D54). */
  @Get('balances')
  @Roles('policy_analyst', 'regulator')
  @ApiOperation({ summary: 'Farm balances of a year under pseudonyms, by province; no group smaller than ANALYTICS_MIN_GROUP_SIZE is shown' })
  @ApiOkResponse({ type: AnalyticsBalances })
  @ApiResponse({ status: 400, ...refusal })
  @ApiResponse({ status: 401, ...refusal })
  @ApiResponse({ status: 403, ...refusal })
  async balances(@Query() { year }: YearQuery): Promise<AnalyticsBalances> {
    const parameters = await this.runtime.normSets.balanceParameters(year);
    const rows: FarmFigures[] = [];
    // The read model says which farm-years have submissions; their data is read from each farm-year's stream.
    for (const { doc } of this.readModels.listMatching<FarmYear>('farm-years', '', `:${year}`)) {
      const farm = this.readModels.get<FarmRecord>('farm-register', doc.farmId);
      const submissions = await this.runtime.reader.submissions(doc.farmId, year);
      const b = computeFarmBalance(doc.farmId, year, submissions.active, farm?.landUse ?? null, parameters);
      rows.push({
        farm: pseudonymise(this.config.pseudonymKey, doc.farmId),
        province: farm?.province ?? null,
        areaHa: b.areaHa,
        nSurplusKgHa: b.n.surplusKgHa,
        p2o5SurplusKgHa: b.p2o5.surplusKgHa,
      });
    }
    rows.sort((a, b) => (a.farm < b.farm ? -1 : 1));
    const minimumGroupSize = this.config.analyticsMinGroupSize;
    return { year, minimumGroupSize, ...suppressSmallGroups(rows, minimumGroupSize) };
  }
}
