import { Module } from '@nestjs/common';
import { ScoreHandler } from './score.handler';

/** Scores: calculated, presented, approved, disputed and forwarded per scheme and farm-year. */
@Module({ providers: [ScoreHandler], exports: [ScoreHandler] })
export class ScoresModule {}
