import type { FarmEvent, FarmDetails } from '@asb/domain';
import type { StoredEvent } from '@asb/event-store';
import type { Projection } from '../projection';

export type FarmRecord = Readonly<
  FarmDetails & {
    farmId: string;
    farmerId: string;
    registeredAt: string;
    corrections: number;
    lastChangedAt: string;
  }
> | null;

/** Current details of every registered farm. */
export const farmRegisterProjection: Projection<FarmRecord> = {
  name: 'farm-register',
  version: 1,
  handles: ['FarmRegistered', 'FarmDetailsCorrected'],
  keysOf: (e: StoredEvent) => [(e.data as { farmId: string }).farmId],
  initialState: () => null,
  evolve: (state, stored) => {
    const event = { type: stored.type, data: stored.data } as FarmEvent;
    switch (event.type) {
      case 'FarmRegistered':
        return { ...event.data, corrections: 0, lastChangedAt: stored.metadata.recordedAt };
      case 'FarmDetailsCorrected':
        return state && { ...state, ...event.data.changes, corrections: state.corrections + 1, lastChangedAt: stored.metadata.recordedAt };
    }
  },
};
