import { Module } from '@nestjs/common';
import { EventCatalogueQuery, FarmStreamsQuery } from '@asb/projections';
import { queryProviders } from '../read-models/query-providers';

/** The audit: a farm's streams for its bundle, and the catalogue of event types recorded. */
@Module({ providers: [...queryProviders(FarmStreamsQuery, EventCatalogueQuery)], exports: [FarmStreamsQuery, EventCatalogueQuery] })
export class AuditModule {}
