import { Module } from '@nestjs/common';
import { AccessDenialRecorder } from './access-denial.recorder';
import { FarmHandler } from './farm.handler';

/** Farms and access: registering and correcting a farm, and the record of refused access. */
@Module({ providers: [FarmHandler, AccessDenialRecorder], exports: [FarmHandler, AccessDenialRecorder] })
export class FarmsModule {}
