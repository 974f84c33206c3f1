import { Module } from '@nestjs/common';
import { FarmSpecificNormsQuery } from '@asb/projections';
import { EquivalentMeasuresHandler } from './equivalent-measures.handler';
import { RegistrationNorms } from './registration-norms';
import { queryProviders } from '../read-models/query-providers';
import { NormSetsModule } from '../norms';

/** Equivalente maatregelen: registered, evidenced, paid for and decided per farm, and the farm-specific norms they give. */
@Module({
  imports: [NormSetsModule],
  providers: [EquivalentMeasuresHandler, RegistrationNorms, ...queryProviders(FarmSpecificNormsQuery)],
  exports: [EquivalentMeasuresHandler, RegistrationNorms, FarmSpecificNormsQuery],
})
export class EquivalentMeasuresModule {}
