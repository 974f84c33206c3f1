import type { StoredEvent } from '@asb/event-store';
import type { Projection } from '../projection';

export type EventTypeCount = Readonly<{ type: string; count: number; firstRecordedAt: string; lastRecordedAt: string }>;

/** How many events of each type the log holds: the regulator's first look at a log. */
export const eventCatalogueProjection: Projection<EventTypeCount | null> = {
  name: 'event-catalogue',
  version: 1,
  handles: '*',
  keysOf: (e: StoredEvent) => [e.type],
  initialState: () => null,
  evolve: (state, e) => ({
    type: e.type,
    count: (state?.count ?? 0) + 1,
    firstRecordedAt: state?.firstRecordedAt ?? e.metadata.recordedAt,
    lastRecordedAt: e.metadata.recordedAt,
  }),
};
