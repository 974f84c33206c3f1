import type { StoredEvent } from '@asb/event-store';
import type { Projection } from '../projection';

export type FarmStreams = Readonly<{ streams: readonly string[] }>;

/**
 * Which streams hold a farm's history: every stream that ever carried an event about the farm.
 * An audit replay of one farm reads just these, as of a moment, instead of the whole log.
 */
export const farmStreamsProjection: Projection<FarmStreams> = {
  name: 'farm-streams',
  version: 1,
  handles: '*',
  keysOf: (e: StoredEvent) => {
    const farmId = (e.data as { farmId?: unknown } | null)?.farmId;
    return typeof farmId === 'string' ? [farmId] : [];
  },
  initialState: () => ({ streams: [] }),
  evolve: (state, e) => (state.streams.includes(e.streamId) ? state : { streams: [...state.streams, e.streamId].sort() }),
};
