import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { ledgerModules, type LedgerModuleOptions } from '@asb/ledger';
import { AuditController } from './audit/audit.controller';
import { PaymentsController } from './payer/payments.controller';
import { AuditSearchController } from './audit/audit-search.controller';
import { CheckpointsController } from './audit/checkpoints.controller';
import { AuthGuard } from './auth/auth.guard';
import { TokenService } from './auth/token.service';
import { FarmsController } from './farms/farms.controller';
import { FarmListsController } from './farms/farm-lists.controller';
import { AccessLogController } from './farms/access-log.controller';
import { AuthConfigController } from './auth/auth-config.controller';
import { HealthController } from './health/health.controller';
import { CommandContextFactory } from './http/command-context.factory';
import { DomainExceptionFilter } from './http/domain-exception.filter';
import { ReadYourWrites } from './http/read-your-writes';
import { NoBodyExpectedGuard } from './http/input/no-body-expected.guard';
import { FarmAccessService } from './access/farm-access.service';
import { FarmRefusals } from './access/farm-refusals';
import { AuthorisationsController } from './authorisations/authorisations.controller';
import { SubmissionsController } from './submissions/submissions.controller';
import { BulkSubmissionsController } from './submissions/bulk-submissions.controller';
import { BulkIntake } from './submissions/bulk-intake';
import { LedgerMetrics } from './metrics/ledger-metrics';
import { MetricsServer } from './metrics/metrics-server';
import { ACCESS_LOG, requestLogging } from './http/request-logging';
import { BalancesController } from './balances/balances.controller';
import { FindingsController } from './findings/findings.controller';
import { WorkQueueController } from './work-queue/work-queue.controller';
import { AnalyticsController } from './analytics/analytics.controller';
import { ScoresController } from './scores/scores.controller';
import { SchemesController } from './schemes/schemes.controller';
import { PayerController } from './payer/payer.controller';
import { NormSetsController } from './norm-sets/norm-sets.controller';
import { LeviesController } from './levies/levies.controller';
import { EquivalentMeasuresController } from './equivalent-measures/equivalent-measures.controller';
import { WhatIfController } from './what-if/what-if.controller';
import { SubscriberFailuresController } from './subscriber-failures/subscriber-failures.controller';

@Module({})
export class AppModule {
  static forRoot(ledger: LedgerModuleOptions): DynamicModule {
    const logging = requestLogging(ledger.config);
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(logging.params),
        TerminusModule,
        // The same modules as the worker and the CLI (D62).
        ...ledgerModules(ledger),
      ],
      controllers: [HealthController, AuthConfigController, FarmListsController, AccessLogController, FarmsController, AuthorisationsController, SubmissionsController, BulkSubmissionsController, BalancesController, FindingsController, WorkQueueController, AnalyticsController, ScoresController, SchemesController, PayerController, PaymentsController, NormSetsController, LeviesController, EquivalentMeasuresController, WhatIfController, AuditSearchController, AuditController, SubscriberFailuresController, CheckpointsController],
      providers: [
        TokenService,
        CommandContextFactory,
        FarmAccessService,
        FarmRefusals,
        BulkIntake,
        LedgerMetrics,
        MetricsServer,
        ReadYourWrites,
        { provide: ACCESS_LOG, useValue: logging.accessLog ?? null },
        // The token first (a 401 before anything else), then the body check; no interceptors (D70).
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: NoBodyExpectedGuard },
        { provide: APP_FILTER, useClass: DomainExceptionFilter },
      ],
    };
  }
}
