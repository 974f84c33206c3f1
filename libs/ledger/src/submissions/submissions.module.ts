import { Module } from '@nestjs/common';
import { BalanceSubmissionHandler } from './balance-submission.handler';

/** Balance data submitted, corrected and withdrawn per farm-year. */
@Module({ providers: [BalanceSubmissionHandler], exports: [BalanceSubmissionHandler] })
export class SubmissionsModule {}
