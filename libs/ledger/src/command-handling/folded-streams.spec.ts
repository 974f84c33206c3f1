import type { StoredEvent } from '@asb/event-store';
import { FoldedStreams } from './folded-streams';

const events = (n: number, raw = '') => Array.from({ length: n }, (_, i) => ({ revision: i, raw }) as StoredEvent);
const decider = {};

describe('FoldedStreams: the last fold of each stream, bounded', () => {
  it('answers a stream only for the decider it was folded with', () => {
    const held = new FoldedStreams();
    held.set('s', { decider, state: 1, events: events(1), revision: 0 });
    expect(held.get('s', decider)?.state).toBe(1);
    expect(held.get('s', {})).toBeUndefined();
  });

  it('lets the least recently used streams go past its bound of events, never the one just kept', () => {
    const held = new FoldedStreams(10, 100);
    held.set('a', { decider, state: 'a', events: events(4), revision: 3 });
    held.set('b', { decider, state: 'b', events: events(4), revision: 3 });
    held.get('a', decider); // a is now the most recently used
    held.set('c', { decider, state: 'c', events: events(4), revision: 3 });
    expect(held.get('b', decider)).toBeUndefined();
    expect(held.get('a', decider)?.state).toBe('a');
    expect(held.get('c', decider)?.state).toBe('c');
    held.set('huge', { decider, state: 'h', events: events(50), revision: 49 });
    expect(held.size).toBe(1);
    expect(held.get('huge', decider)?.state).toBe('h');
  });

  it('keeps at most its bound of streams, and a replaced stream counts once', () => {
    const held = new FoldedStreams(1000, 2);
    held.set('a', { decider, state: 1, events: events(1), revision: 0 });
    held.set('a', { decider, state: 2, events: events(2), revision: 1 });
    held.set('b', { decider, state: 1, events: events(1), revision: 0 });
    expect(held.size).toBe(2);
    held.set('c', { decider, state: 1, events: events(1), revision: 0 });
    expect(held.size).toBe(2);
    expect(held.get('a', decider)).toBeUndefined();
  });

  it('lets the least recently used streams go past its bound of bytes, weighing each event by its stored bytes (D79)', () => {
    const kb = 'x'.repeat(1000); // one event weighs 2 × 1,000 + 300 bytes
    const held = new FoldedStreams(1_000_000, 1_000, 10 * 2_300);
    held.set('a', { decider, state: 'a', events: events(4, kb), revision: 3 });
    held.set('b', { decider, state: 'b', events: events(4, kb), revision: 3 });
    expect(held.bytes).toBe(8 * 2_300);
    held.get('a', decider);
    held.set('c', { decider, state: 'c', events: events(2, kb), revision: 1 }); // 10 events: at the bound, all kept
    expect(held.size).toBe(3);
    held.set('d', { decider, state: 'd', events: events(1, kb), revision: 0 }); // over it: b, the least recently used, goes
    expect(held.get('b', decider)).toBeUndefined();
    expect([held.get('a', decider)?.state, held.get('c', decider)?.state, held.get('d', decider)?.state]).toEqual(['a', 'c', 'd']);
    expect(held.bytes).toBe(7 * 2_300);
    // A fold moved forward (the same events and one more) weighs what it did plus its new event; a replaced one counts once.
    const a = held.peek('a')!;
    held.set('a', { ...a, events: [...a.events, ...events(1, kb)], revision: 4 });
    expect(held.bytes).toBe(8 * 2_300);
    held.set('a', { decider, state: 'a again', events: events(1, kb), revision: 0 });
    expect(held.bytes).toBe(4 * 2_300);
    // One stream heavier than the whole bound is still kept, alone: the fold just made is never the one let go.
    held.set('huge', { decider, state: 'h', events: events(20, kb), revision: 19 });
    expect(held.size).toBe(1);
    expect(held.bytes).toBe(20 * 2_300);
  });

  it('weighs an event without stored bytes (the in-memory store) by its data, once', () => {
    const event = { revision: 0, data: { text: 'y'.repeat(500) } } as unknown as StoredEvent;
    const held = new FoldedStreams(100, 100, Infinity);
    held.set('s', { decider, state: 0, events: [event], revision: 0 });
    expect(held.bytes).toBe(2 * JSON.stringify(event.data).length + 300);
  });
});
