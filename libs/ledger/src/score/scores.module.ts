import { Module } from '@nestjs/common';
import { FarmScoresQuery } from '@asb/projections';
import { ForwardScoreHandler } from './forward-score.handler';
import { ScoreHandler } from './score.handler';
import { queryProviders } from '../read-models/query-providers';

/** Scores: calculated, presented, approved, disputed and forwarded per scheme and farm-year. */
@Module({
  providers: [ScoreHandler, ForwardScoreHandler, ...queryProviders(FarmScoresQuery)],
  exports: [ScoreHandler, ForwardScoreHandler, FarmScoresQuery],
})
export class ScoresModule {}
