import { Module } from '@nestjs/common';
import { CommandService } from '../command-handling/command-service';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config';
import { NormSetService, NormSetsModule } from '../norms';
import { FarmDataReader } from './farm-data.reader';

/** A farm's recorded data as the areas that compute from it read it. */
@Module({
  imports: [NormSetsModule],
  providers: [
    {
      provide: FarmDataReader,
      useFactory: (commands: CommandService, normSets: NormSetService, config: LedgerConfig) => new FarmDataReader(commands, normSets, { forward: config.checksBalanceForward }),
      inject: [CommandService, NormSetService, LEDGER_CONFIG],
    },
  ],
  exports: [FarmDataReader],
})
export class FarmDataModule {}
