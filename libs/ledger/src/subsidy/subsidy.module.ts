import { Module } from '@nestjs/common';
import { SchemeApplicationsQuery } from '@asb/projections';
import { ApplicationHandler } from './application.handler';
import { BudgetHandler } from './budget.handler';
import { queryProviders } from '../read-models/query-providers';

/** Subsidy applications and the scheme budget they are granted from. */
@Module({
  providers: [ApplicationHandler, BudgetHandler, ...queryProviders(SchemeApplicationsQuery)],
  exports: [ApplicationHandler, BudgetHandler, SchemeApplicationsQuery],
})
export class SubsidyModule {}
