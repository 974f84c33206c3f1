import { Module } from '@nestjs/common';
import { AuthorisationsQuery } from '@asb/projections';
import { AuthorisationHandler } from './authorisation.handler';
import { queryProviders } from '../read-models/query-providers';

/** Authorisations a farmer grants to calculators and data sources. */
@Module({
  providers: [AuthorisationHandler, ...queryProviders(AuthorisationsQuery)],
  exports: [AuthorisationHandler, AuthorisationsQuery],
})
export class AuthorisationsModule {}
