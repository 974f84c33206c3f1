import { Module } from '@nestjs/common';
import { FarmYearsQuery, FindingsQuery, ManureLinksQuery } from '@asb/projections';
import { CLOCK, type Clock } from '../clock/clock';
import { CommandService } from '../command-handling/command-service';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config';
import { FarmDataModule } from '../farm-data/farm-data.module';
import { FarmDataReader } from '../farm-data/farm-data.reader';
import { FarmsModule } from '../farms';
import { NormSetService, NormSetsModule } from '../norms';
import { SubmissionsModule } from '../submissions';
import { CheckRunner } from './check-runner';
import { FindingsHandler } from './findings.handler';
import { FindingsHistory } from './findings-history';
import { queryProviders } from '../read-models/query-providers';

/** The checks on submitted data and the findings they raise and resolve. */
@Module({
  imports: [NormSetsModule, FarmDataModule, FarmsModule, SubmissionsModule],
  providers: [
    FindingsHandler,
    FindingsHistory,
    ...queryProviders(FindingsQuery),
    {
      provide: CheckRunner,
      useFactory: (commands: CommandService, reader: FarmDataReader, manureLinks: ManureLinksQuery, farmYears: FarmYearsQuery, clock: Clock, normSets: NormSetService, config: LedgerConfig) =>
        new CheckRunner(commands, reader, manureLinks, farmYears, clock, normSets, { forward: config.checksBalanceForward }),
      inject: [CommandService, FarmDataReader, ManureLinksQuery, FarmYearsQuery, CLOCK, NormSetService, LEDGER_CONFIG],
    },
  ],
  exports: [FindingsHandler, FindingsHistory, FindingsQuery, CheckRunner],
})
export class ChecksModule {}
