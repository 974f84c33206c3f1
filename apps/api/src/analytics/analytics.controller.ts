import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { balanceParametersV1, computeFarmBalance } from '@asb/domain';
import { LEDGER_CONFIG, type LedgerConfig } from '@asb/ledger';
import { READ_MODEL_STORE, type FarmRecord, type FarmYearSubmissions, type ReadModelStore } from '@asb/projections';
import { Roles } from '../auth/roles.decorator';
import { pseudonymise } from '@asb/ledger';

class YearQuery {
  @ApiProperty({ example: 2025 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year!: number;
}

@ApiTags('analytics')
@ApiBearerAuth()
@Controller('analytics')
export class AnalyticsController {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  /** Farm balances of a year under pseudonyms, for policy analysis. */
  @Get('balances')
  @Roles('policy_analyst', 'regulator')
  balances(@Query() { year }: YearQuery) {
    const rows = this.readModels
      .list<FarmYearSubmissions>('balance-submissions')
      .filter((r) => r.doc.year === year)
      .map(({ doc }) => {
        const farm = this.readModels.get<FarmRecord>('farm-register', doc.farmId);
        const b = computeFarmBalance(doc.farmId, year, doc.active, farm?.landUse ?? null, balanceParametersV1);
        return {
          farm: pseudonymise(this.config.pseudonymKey, doc.farmId),
          province: farm?.province ?? null,
          areaHa: b.areaHa,
          nSurplusKgHa: b.n.surplusKgHa,
          p2o5SurplusKgHa: b.p2o5.surplusKgHa,
        };
      })
      .sort((a, b) => (a.farm < b.farm ? -1 : 1));
    return { year, farms: rows.length, rows };
  }
}
