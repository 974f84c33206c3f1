import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { YearDigits } from '../http/input/decimal-integer';
import { IsInt, Max, Min } from 'class-validator';
import { computeFarmBalance } from '@asb/domain';
import { LEDGER_CONFIG, pseudonymise, type LedgerConfig, FarmDataReader, NormSetService } from '@asb/ledger';
import { FarmYearsQuery, FarmRegisterQuery } from '@asb/projections';
import { Roles } from '../auth/roles.decorator';
import { ApiDoc, json } from '../http/openapi';

class YearQuery {
  @ApiProperty({ example: 2025 }) @YearDigits() @IsInt() @Min(2000) @Max(2100) year!: number;
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

  /** Farm balances of a year under pseudonyms, for policy analysis. */
  @Get('balances')
  @Roles('policy_analyst', 'regulator')
  @ApiDoc({
    summary: 'Nutrient surpluses of a year, one row per farm under a pseudonym, never its id',
    response: json.object({ year: json.number, farms: json.number, rows: json.array(json.object({ farm: json.string, province: json.string, areaHa: json.number, nSurplusKgHa: json.number, p2o5SurplusKgHa: json.number })) }),
    errors: [400, 401, 403],
  })
  async balances(@Query() { year }: YearQuery) {
    const parameters = await this.normSets.balanceParameters(year);
    const rows = [];
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
    return { year, farms: rows.length, rows };
  }
}
