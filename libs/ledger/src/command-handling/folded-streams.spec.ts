import type { StoredEvent } from '@asb/event-store';
import { FoldedStreams } from './folded-streams';

const events = (n: number) => Array.from({ length: n }, (_, i) => ({ revision: i }) as StoredEvent);
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
});
