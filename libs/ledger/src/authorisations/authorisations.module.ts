import { Module } from '@nestjs/common';
import { AuthorisationHandler } from './authorisation.handler';

/** Authorisations a farmer grants to calculators and data sources. */
@Module({ providers: [AuthorisationHandler], exports: [AuthorisationHandler] })
export class AuthorisationsModule {}
