import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { YearDigits } from '../http/input/decimal-integer';
import { IsInt, Max, Min } from 'class-validator';
import { computeFarmBalance } from '@asb/domain';
import { LEDGER_CONFIG, pseudonymise, type LedgerConfig, FarmDataReader, NormSetService } from '@asb/ledger';
import { FarmYearsQuery, FarmRegisterQuery } from '@asb/projections';
import { Roles } from '../auth/roles.decorator';
import { ApiDoc } from '../http/openapi';
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

@ApiTags('analytics')
@ApiBearerAuth()
@Controller('analytics')
export class AnalyticsController {
  constructor(
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly reader: FarmDataReader,
    private readonly normSets: NormSetService,
    private readonly farmYears: FarmYearsQuery,
    private readonly register: FarmRegisterQuery,
  ) {}

  /** Farm balances of a year under pseudonyms, for policy analysis, with small groups suppressed (D54). */
  @Get('balances')
  @Roles('policy_analyst', 'regulator')
  @ApiDoc({ summary: 'Farm balances of a year under pseudonyms, by province; no group smaller than ANALYTICS_MIN_GROUP_SIZE is shown', response: AnalyticsBalances, errors: [400, 401, 403] })
  async balances(@Query() { year }: YearQuery): Promise<AnalyticsBalances> {
    const parameters = await this.normSets.balanceParameters(year);
    const rows: FarmFigures[] = [];
    // The read model says which farm-years have submissions; their data is read from each farm-year's stream.
    for (const doc of await this.farmYears.ofYear(year)) {
      const farm = await this.register.farm(doc.farmId);
      const submissions = await this.reader.submissions(doc.farmId, year);
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
