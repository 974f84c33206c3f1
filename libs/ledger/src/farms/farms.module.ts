import { Module } from '@nestjs/common';
import { FarmAccessLogQuery, FarmRegisterQuery, FarmYearsQuery } from '@asb/projections';
import { AccessDenialRecorder } from './access-denial.recorder';
import { FarmDataReadRecorder } from './farm-data-read.recorder';
import { FarmHandler } from './farm.handler';
import { queryProviders } from '../read-models/query-providers';

/** Farms and access: registering and correcting a farm, the register, and the record of refused access and of third parties' reads. */
@Module({
  providers: [FarmHandler, AccessDenialRecorder, FarmDataReadRecorder, ...queryProviders(FarmRegisterQuery, FarmYearsQuery, FarmAccessLogQuery)],
  exports: [FarmHandler, AccessDenialRecorder, FarmDataReadRecorder, FarmRegisterQuery, FarmYearsQuery, FarmAccessLogQuery],
})
export class FarmsModule {}
