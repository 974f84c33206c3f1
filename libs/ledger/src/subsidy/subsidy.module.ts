import { Module } from '@nestjs/common';
import { ApplicationHandler } from './application.handler';
import { BudgetHandler } from './budget.handler';

/** Subsidy applications and the scheme budget they are granted from. */
@Module({ providers: [ApplicationHandler, BudgetHandler], exports: [ApplicationHandler, BudgetHandler] })
export class SubsidyModule {}
