import { Module } from '@nestjs/common';
import { LevyHandler } from './levy.handler';

/** Regulatory levies: assessed, objected to, decided and settled. */
@Module({ providers: [LevyHandler], exports: [LevyHandler] })
export class LeviesModule {}
