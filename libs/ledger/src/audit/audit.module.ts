import { Module } from '@nestjs/common';
import { EventCatalogueQuery, FarmRegisterQuery, FarmStreamsQuery } from '@asb/projections';
import { queryProviders } from '../read-models/query-providers';
import { CheckpointList } from './checkpoint-list';
import { EventSearch } from './event-search';
import { FarmDifference } from './farm-difference';

/**
 * The audit: a farm's streams for its bundle, the catalogue of event types recorded, and the
 * regulator's searches — events, farms, checkpoints — and the difference between two moments (D54).
 */
@Module({
  providers: [...queryProviders(FarmStreamsQuery, EventCatalogueQuery, FarmRegisterQuery), EventSearch, FarmDifference, CheckpointList],
  exports: [FarmStreamsQuery, EventCatalogueQuery, FarmRegisterQuery, EventSearch, FarmDifference, CheckpointList],
})
export class AuditModule {}
