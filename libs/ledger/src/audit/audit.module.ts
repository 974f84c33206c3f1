import { Module } from '@nestjs/common';
import type { EventStore } from '@asb/event-store';
import { EventCatalogueQuery, FarmRegisterQuery, FarmStreamsQuery } from '@asb/projections';
import { UPCAST_EVENT_STORE } from '../ledger.tokens';
import { NormSetService, NormSetsModule } from '../norms';
import { queryProviders } from '../read-models/query-providers';
import { CheckpointList } from './checkpoint-list';
import { EventSearch } from './event-search';
import { Explanations } from './explanations';
import { FarmDifference } from './farm-difference';
import { FarmHistory } from './farm-history';
import { Recomputations } from './recomputations';

/**
 * The audit: a farm's streams for its bundle, the catalogue of event types recorded, and the
 * regulator's searches — events, farms, checkpoints — and the difference between two moments (D54);
 * every recorded result recomputed under its recorded norm version, and explained.
 */
@Module({
  imports: [NormSetsModule],
  providers: [
    ...queryProviders(FarmStreamsQuery, EventCatalogueQuery, FarmRegisterQuery),
    EventSearch,
    FarmDifference,
    CheckpointList,
    { provide: Recomputations, useFactory: (store: EventStore, normSets: NormSetService) => new Recomputations(store, normSets), inject: [UPCAST_EVENT_STORE, NormSetService] },
    { provide: FarmHistory, useFactory: (store: EventStore, farmStreams: FarmStreamsQuery, normSets: NormSetService) => new FarmHistory(store, farmStreams, normSets), inject: [UPCAST_EVENT_STORE, FarmStreamsQuery, NormSetService] },
    { provide: Explanations, useFactory: (store: EventStore, history: FarmHistory, recomputations: Recomputations) => new Explanations(store, history, recomputations), inject: [UPCAST_EVENT_STORE, FarmHistory, Recomputations] },
  ],
  exports: [FarmStreamsQuery, EventCatalogueQuery, FarmRegisterQuery, EventSearch, FarmDifference, CheckpointList, Recomputations, FarmHistory, Explanations],
})
export class AuditModule {}
