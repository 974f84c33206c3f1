import { Module } from '@nestjs/common';
import { ForwardScoreHandler } from './forward-score.handler';
import { ScoreHandler } from './score.handler';

/** Scores: calculated, presented, approved, disputed and forwarded per scheme and farm-year. */
@Module({ providers: [ScoreHandler, ForwardScoreHandler], exports: [ScoreHandler, ForwardScoreHandler] })
export class ScoresModule {}
