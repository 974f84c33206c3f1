import { Module } from '@nestjs/common';
import { FarmRegisterQuery, FarmYearsQuery } from '@asb/projections';
import { AccessDenialRecorder } from './access-denial.recorder';
import { FarmHandler } from './farm.handler';
import { queryProviders } from '../read-models/query-providers';

/** Farms and access: registering and correcting a farm, the register, and the record of refused access. */
@Module({
  providers: [FarmHandler, AccessDenialRecorder, ...queryProviders(FarmRegisterQuery, FarmYearsQuery)],
  exports: [FarmHandler, AccessDenialRecorder, FarmRegisterQuery, FarmYearsQuery],
})
export class FarmsModule {}
