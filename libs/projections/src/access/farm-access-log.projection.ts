import type { AccessDenied, FarmDataRead } from '@asb/domain';
import type { StoredEvent } from '@asb/event-store';
import type { Projection } from '../projection';

/** One line of a farm's access log: a third party's read of its data, or a refused attempt (D64). */
export type FarmAccessLogEntry = Readonly<
  | ({ kind: 'read'; eventId: string; at: string } & Omit<FarmDataRead['data'], 'readAt'>)
  | ({ kind: 'refusal'; eventId: string; at: string } & Omit<AccessDenied['data'], 'attemptedAt'>)
>;

/** Log positions stay below this (a million events a second for thirty years): keys count down from it. */
const POSITIONS = 1e15;

/**
 * A key per entry that sorts newest first under the farm: `{farmId}|{10^15 − position}`, zero-padded.
 * Farm ids hold no `|`, so one farm's prefix never takes in another's entries.
 */
export const accessLogKey = (farmId: string, position: number): string => `${farmId}|${String(POSITIONS - position).padStart(15, '0')}`;
export const accessLogPrefix = (farmId: string): string => `${farmId}|`;

/** Who read a farm's data or was refused it: a document per event, keyed newest first per farm. */
export const farmAccessLogProjection: Projection<FarmAccessLogEntry | null> = {
  name: 'farm-access-log',
  version: 1,
  handles: ['FarmDataRead', 'AccessDenied'],
  keysOf: (e: StoredEvent) => [accessLogKey((e.data as { farmId: string }).farmId, e.position)],
  initialState: () => null,
  evolve: (_state, e) => {
    if (e.type === 'FarmDataRead') {
      const { readAt, ...read } = e.data as FarmDataRead['data'];
      return { kind: 'read', eventId: e.id, at: readAt, ...read };
    }
    const { attemptedAt, ...refusal } = e.data as AccessDenied['data'];
    return { kind: 'refusal', eventId: e.id, at: attemptedAt, ...refusal };
  },
};
