import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule, type Params } from 'nestjs-pino';
import { LEDGER_AREA_MODULES, LedgerModule, type LedgerConfig, type LedgerModuleOptions } from '@asb/ledger';
import { prettyLogStream, prettyRequestLevel, resolveLogFormat } from './logging/pretty-logs';
import { AuditController } from './audit/audit.controller';
import { PaymentsController } from './payer/payments.controller';
import { AuditSearchController } from './audit/audit-search.controller';
import { CheckpointsController } from './audit/checkpoints.controller';
import { AuthGuard } from './auth/auth.guard';
import { TokenService } from './auth/token.service';
import { FarmsController } from './farms/farms.controller';
import { FarmListsController } from './farms/farm-lists.controller';
import { AuthConfigController } from './auth/auth-config.controller';
import { HealthController } from './health/health.controller';
import { CommandContextFactory } from './http/command-context.factory';
import { DomainExceptionFilter } from './http/domain-exception.filter';
import { ReadYourWritesInterceptor } from './http/read-your-writes.interceptor';
import { NoBodyExpectedInterceptor } from './http/input/no-body-expected.interceptor';
import { FarmAccessService } from './access/farm-access.service';
import { AuthorisationsController } from './authorisations/authorisations.controller';
import { SubmissionsController } from './submissions/submissions.controller';
import { BalancesController } from './balances/balances.controller';
import { FindingsController } from './findings/findings.controller';
import { AnalyticsController } from './analytics/analytics.controller';
import { ScoresController } from './scores/scores.controller';
import { SchemesController } from './schemes/schemes.controller';
import { PayerController } from './payer/payer.controller';
import { NormSetsController } from './norm-sets/norm-sets.controller';
import { LeviesController } from './levies/levies.controller';
import { EquivalentMeasuresController } from './equivalent-measures/equivalent-measures.controller';
import { WhatIfController } from './what-if/what-if.controller';
import { SubscriberFailuresController } from './subscriber-failures/subscriber-failures.controller';

/** JSON logs, or short human lines on a terminal (LOG_FORMAT, D54). */
const httpLogging = (config: LedgerConfig): Params['pinoHttp'] => {
  const options = {
    level: config.logLevel,
    // Tokens never reach the logs.
    redact: ['req.headers.authorization'],
    autoLogging: { ignore: (req: { url?: string }) => req.url === '/health' },
  };
  return resolveLogFormat(config.logFormat, process.stdout.isTTY) === 'pretty' ? [{ ...options, customLogLevel: prettyRequestLevel }, prettyLogStream()] : options;
};

@Module({})
export class AppModule {
  static forRoot(ledger: LedgerModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: httpLogging(ledger.config) }),
        TerminusModule,
        LedgerModule.forRoot(ledger),
        ...LEDGER_AREA_MODULES,
      ],
      controllers: [HealthController, AuthConfigController, FarmListsController, FarmsController, AuthorisationsController, SubmissionsController, BalancesController, FindingsController, AnalyticsController, ScoresController, SchemesController, PayerController, PaymentsController, NormSetsController, LeviesController, EquivalentMeasuresController, WhatIfController, AuditSearchController, AuditController, SubscriberFailuresController, CheckpointsController],
      providers: [
        TokenService,
        CommandContextFactory,
        FarmAccessService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: DomainExceptionFilter },
        { provide: APP_INTERCEPTOR, useClass: NoBodyExpectedInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
      ],
    };
  }
}
