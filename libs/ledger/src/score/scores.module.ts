import { Module } from '@nestjs/common';
import { CalculatorWorkQuery, FarmScoresQuery } from '@asb/projections';
import { CommandService } from '../command-handling/command-service';
import { FarmDataModule } from '../farm-data/farm-data.module';
import { FarmDataReader } from '../farm-data/farm-data.reader';
import { NormSetService, NormSetsModule } from '../norms';
import { ForwardScoreHandler } from './forward-score.handler';
import { ScoreHandler } from './score.handler';
import { ScoringService } from './scoring.service';
import { queryProviders } from '../read-models/query-providers';

/** Scores: calculated, presented, approved, disputed and forwarded per scheme and farm-year. */
@Module({
  imports: [NormSetsModule, FarmDataModule],
  providers: [
    ScoreHandler,
    ForwardScoreHandler,
    ...queryProviders(FarmScoresQuery, CalculatorWorkQuery),
    {
      provide: ScoringService,
      useFactory: (commands: CommandService, reader: FarmDataReader, normSets: NormSetService, scores: FarmScoresQuery) => new ScoringService(commands, reader, normSets, scores),
      inject: [CommandService, FarmDataReader, NormSetService, FarmScoresQuery],
    },
  ],
  exports: [ScoreHandler, ForwardScoreHandler, FarmScoresQuery, CalculatorWorkQuery, ScoringService],
})
export class ScoresModule {}
