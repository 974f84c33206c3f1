import { Module } from '@nestjs/common';
import { ManureLinksQuery } from '@asb/projections';
import { BalanceSubmissionHandler } from './balance-submission.handler';
import { queryProviders } from '../read-models/query-providers';

/** Balance data submitted, corrected and withdrawn per farm-year, and the manure links between farms. */
@Module({
  providers: [BalanceSubmissionHandler, ...queryProviders(ManureLinksQuery)],
  exports: [BalanceSubmissionHandler, ManureLinksQuery],
})
export class SubmissionsModule {}
