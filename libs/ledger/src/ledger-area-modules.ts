import type { DynamicModule, Type } from '@nestjs/common';
import { AmendmentsModule } from './amendments';
import { AuditModule } from './audit';
import { AuthorisationsModule } from './authorisations';
import { ChecksModule } from './checks';
import { EquivalentMeasuresModule } from './equivalent-measures';
import { FarmDataModule } from './farm-data';
import { FarmsModule } from './farms';
import { LeviesModule } from './levy';
import { NormSetsModule } from './norms';
import { ScoresModule } from './score';
import { SubmissionsModule } from './submissions';
import { SubsidyModule } from './subsidy';
import { WhatIfModule } from './whatif';
import { LedgerModule, type LedgerModuleOptions } from './ledger.module';

/** Each area's Nest module (its handlers and services, by class token): a process imports these beside LedgerModule. */
export const LEDGER_AREA_MODULES = [FarmsModule, FarmDataModule, AuthorisationsModule, SubmissionsModule, ChecksModule, ScoresModule, SubsidyModule, LeviesModule, NormSetsModule, EquivalentMeasuresModule, AuditModule, WhatIfModule, AmendmentsModule];

/** The modules every process of the ledger is built from: the API, the worker, the CLI and the tests (D62). */
export const ledgerModules = (options: LedgerModuleOptions): Array<DynamicModule | Type> => [LedgerModule.forRoot(options), ...LEDGER_AREA_MODULES];
