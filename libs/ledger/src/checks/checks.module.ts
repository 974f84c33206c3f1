import { Module } from '@nestjs/common';
import { FindingsHandler } from './findings.handler';

/** The checks on submitted data and the findings they raise and resolve. */
@Module({ providers: [FindingsHandler], exports: [FindingsHandler] })
export class ChecksModule {}
