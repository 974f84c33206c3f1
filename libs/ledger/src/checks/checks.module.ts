import { Module } from '@nestjs/common';
import { FindingsQuery } from '@asb/projections';
import { FindingsHandler } from './findings.handler';
import { FindingsHistory } from './findings-history';
import { queryProviders } from '../read-models/query-providers';

/** The checks on submitted data and the findings they raise and resolve. */
@Module({
  providers: [FindingsHandler, FindingsHistory, ...queryProviders(FindingsQuery)],
  exports: [FindingsHandler, FindingsHistory, FindingsQuery],
})
export class ChecksModule {}
