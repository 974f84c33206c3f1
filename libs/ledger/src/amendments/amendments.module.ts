import { Module } from '@nestjs/common';
import { FarmScoresQuery, LeviesQuery, type ProjectionRunner } from '@asb/projections';
import { CLOCK, type Clock } from '../clock/clock';
import { PROJECTIONS } from '../ledger.tokens';
import { LeviesModule, LevyService } from '../levy';
import { NormSetService, NormSetsModule } from '../norms';
import { ScoresModule, ScoringService } from '../score';
import { SubsidyModule, SubsidyService } from '../subsidy';
import { AmendmentReactor } from './amendment-reactor';

/** What an amended norm set does to open results: recomputed, reopened or left settled (the rule families). */
@Module({
  imports: [NormSetsModule, ScoresModule, SubsidyModule, LeviesModule],
  providers: [
    {
      provide: AmendmentReactor,
      useFactory: (normSets: NormSetService, scoring: ScoringService, subsidy: SubsidyService, levies: LevyService, scores: FarmScoresQuery, assessments: LeviesQuery, projections: ProjectionRunner, clock: Clock) =>
        new AmendmentReactor(normSets, scoring, subsidy, levies, scores, assessments, projections, clock),
      inject: [NormSetService, ScoringService, SubsidyService, LevyService, FarmScoresQuery, LeviesQuery, PROJECTIONS, CLOCK],
    },
  ],
  exports: [AmendmentReactor],
})
export class AmendmentsModule {}
