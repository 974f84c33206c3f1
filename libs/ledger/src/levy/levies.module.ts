import { Module } from '@nestjs/common';
import { LeviesQuery } from '@asb/projections';
import { LevyHandler } from './levy.handler';
import { queryProviders } from '../read-models/query-providers';

/** Regulatory levies: assessed, objected to, decided and settled. */
@Module({
  providers: [LevyHandler, ...queryProviders(LeviesQuery)],
  exports: [LevyHandler, LeviesQuery],
})
export class LeviesModule {}
