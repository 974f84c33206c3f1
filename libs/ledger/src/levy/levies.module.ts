import { Module } from '@nestjs/common';
import type { EventStore } from '@asb/event-store';
import { LeviesQuery } from '@asb/projections';
import { CommandService } from '../command-handling/command-service';
import { FarmDataModule } from '../farm-data/farm-data.module';
import { FarmDataReader } from '../farm-data/farm-data.reader';
import { UPCAST_EVENT_STORE } from '../ledger.tokens';
import { NormSetService, NormSetsModule } from '../norms';
import { LevyHandler } from './levy.handler';
import { LevyService } from './levy.service';
import { queryProviders } from '../read-models/query-providers';

/** Regulatory levies: assessed, objected to, decided and settled. */
@Module({
  imports: [NormSetsModule, FarmDataModule],
  providers: [
    LevyHandler,
    ...queryProviders(LeviesQuery),
    {
      provide: LevyService,
      useFactory: (commands: CommandService, reader: FarmDataReader, normSets: NormSetService, levies: LeviesQuery, store: EventStore) => new LevyService(commands, reader, normSets, levies, store),
      inject: [CommandService, FarmDataReader, NormSetService, LeviesQuery, UPCAST_EVENT_STORE],
    },
  ],
  exports: [LevyHandler, LeviesQuery, LevyService],
})
export class LeviesModule {}
