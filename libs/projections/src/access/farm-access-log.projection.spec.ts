import type { StoredEvent } from '@asb/event-store';
import { foldProjection } from '../projection';
import { accessLogKey, accessLogPrefix, farmAccessLogProjection } from './farm-access-log.projection';

const event = (position: number, type: string, data: object): StoredEvent =>
  ({ id: `e${position}`, position, type, data, streamId: `s-${position}`, revision: 0, schemaVersion: 1, hash: '', metadata: { actor: { id: 'x', role: 'system' }, recordedAt: '', correlationId: '', causationId: '' } }) as unknown as StoredEvent;

describe('the farm access log projection (D64)', () => {
  it('keys a farm\'s entries newest first, across every length of position, and never under another farm\'s prefix', () => {
    const positions = [1, 9, 10, 99, 100, 123_456, 10 ** 12];
    const keys = positions.map((p) => accessLogKey('nl-0001', p));
    expect([...keys].sort()).toEqual([...keys].reverse());
    expect(keys.every((k) => k.startsWith(accessLogPrefix('nl-0001')))).toBe(true);
    // `nl-0001|` is not a prefix of a longer farm id's keys.
    expect(accessLogKey('nl-00012', 5).startsWith(accessLogPrefix('nl-0001'))).toBe(false);
  });

  it('keeps each read and each refusal as an entry, in the words of its event, and nothing else', () => {
    const docs = foldProjection(farmAccessLogProjection, [
      event(3, 'FarmDataRead', { farmId: 'nl-0001', actorId: 'wur', actorRole: 'calculator', resource: 'balance', year: 2025, basis: 'authorisation', authorisationId: 'm-1', readAt: '2025-09-03T08:00:00.000Z' }),
      event(4, 'AccessDenied', { farmId: 'nl-0001', actorId: 'lab', actorRole: 'calculator', action: 'read', resource: 'scores', reason: 'no authorisation', attemptedAt: '2025-09-04T08:00:00.000Z' }),
      event(5, 'FarmRegistered', { farmId: 'nl-0001' }),
    ]);
    expect([...docs.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, d]) => d)).toEqual([
      { kind: 'refusal', eventId: 'e4', at: '2025-09-04T08:00:00.000Z', farmId: 'nl-0001', actorId: 'lab', actorRole: 'calculator', action: 'read', resource: 'scores', reason: 'no authorisation' },
      { kind: 'read', eventId: 'e3', at: '2025-09-03T08:00:00.000Z', farmId: 'nl-0001', actorId: 'wur', actorRole: 'calculator', resource: 'balance', year: 2025, basis: 'authorisation', authorisationId: 'm-1' },
    ]);
  });
});
