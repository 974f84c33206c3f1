import { Module } from '@nestjs/common';
import { EquivalentMeasuresHandler } from './equivalent-measures.handler';

/** Equivalente maatregelen: registered, evidenced, paid for and decided per farm. */
@Module({ providers: [EquivalentMeasuresHandler], exports: [EquivalentMeasuresHandler] })
export class EquivalentMeasuresModule {}
