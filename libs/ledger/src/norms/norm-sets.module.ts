import { Module } from '@nestjs/common';
import { NormSetHandler } from './norm-set.handler';

/** Norm sets: published, amended and withdrawn parameter documents. */
@Module({ providers: [NormSetHandler], exports: [NormSetHandler] })
export class NormSetsModule {}
