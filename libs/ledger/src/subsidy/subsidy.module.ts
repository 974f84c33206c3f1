import { Module } from '@nestjs/common';
import type { EventStore } from '@asb/event-store';
import { SchemeApplicationsQuery } from '@asb/projections';
import { CommandService } from '../command-handling/command-service';
import { FarmDataModule } from '../farm-data/farm-data.module';
import { FarmDataReader } from '../farm-data/farm-data.reader';
import { UPCAST_EVENT_STORE } from '../ledger.tokens';
import { NormSetService, NormSetsModule } from '../norms';
import { ScoresModule, ScoringService } from '../score';
import { ApplicationHandler } from './application.handler';
import { BudgetHandler } from './budget.handler';
import { SubsidyService } from './subsidy.service';
import { queryProviders } from '../read-models/query-providers';

/** Subsidy applications and the scheme budget they are granted from. */
@Module({
  imports: [NormSetsModule, FarmDataModule, ScoresModule],
  providers: [
    ApplicationHandler,
    BudgetHandler,
    ...queryProviders(SchemeApplicationsQuery),
    {
      provide: SubsidyService,
      useFactory: (commands: CommandService, reader: FarmDataReader, normSets: NormSetService, scoring: ScoringService, applications: SchemeApplicationsQuery, store: EventStore) =>
        new SubsidyService(commands, reader, normSets, scoring, applications, store),
      inject: [CommandService, FarmDataReader, NormSetService, ScoringService, SchemeApplicationsQuery, UPCAST_EVENT_STORE],
    },
  ],
  exports: [ApplicationHandler, BudgetHandler, SchemeApplicationsQuery, SubsidyService],
})
export class SubsidyModule {}
