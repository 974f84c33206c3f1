import { Module } from '@nestjs/common';
import { READ_MODELS, type ReadModels } from '@asb/projections';
import { CLOCK, type Clock } from '../clock/clock';
import { CommandService } from '../command-handling/command-service';
import { LogWatch } from '../command-handling/log-watch';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config';
import { NormSetCatalogue } from './norm-set-catalogue';
import { NormSetHandler } from './norm-set.handler';
import { NormSetService } from './norm-set.service';

/** Norm sets: published, amended and withdrawn parameter documents, and the catalogue of what they declare (D40). */
@Module({
  providers: [
    NormSetHandler,
    {
      provide: NormSetCatalogue,
      useFactory: (readModels: ReadModels, watch: LogWatch, config: LedgerConfig) => new NormSetCatalogue(readModels, config.catalogueLogWatch ? watch : undefined),
      inject: [READ_MODELS, LogWatch, LEDGER_CONFIG],
    },
    { provide: NormSetService, useFactory: (commands: CommandService, clock: Clock, catalogue: NormSetCatalogue) => new NormSetService(commands, clock, catalogue), inject: [CommandService, CLOCK, NormSetCatalogue] },
  ],
  exports: [NormSetHandler, NormSetCatalogue, NormSetService],
})
export class NormSetsModule {}
