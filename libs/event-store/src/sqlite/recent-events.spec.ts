import fc from 'fast-check';
import type { StoredEvent } from '../event-envelope';
import { RecentEvents } from './recent-events';

/** A log that grows by commits in position order, with gaps (a refused append leaves none here, but positions need not be dense). */
const logOf = (gaps: readonly number[]) => {
  let position = 0;
  return gaps.map((gap) => ({ position: (position += 1 + gap) }) as StoredEvent);
};

describe('RecentEvents', () => {
  it('answers every read as the file would, while the log grows and readers stand at different places', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(2), { minLength: 1, maxLength: 60 }),
        fc.array(fc.record({ grow: fc.nat(8), reader: fc.nat(3), limit: fc.oneof(fc.constant(-1), fc.integer({ min: 1, max: 12 })) }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 20 }),
        (gaps, steps, max) => {
          const log = logOf(gaps);
          let committed = 0;
          const file = (after: number, limit: number) => {
            const rest = log.slice(0, committed).filter((e) => e.position > after);
            return limit < 0 ? rest : rest.slice(0, limit);
          };
          let fileReads = 0;
          const recent = new RecentEvents(max);
          const readers = [0, 0, 0, 0];
          for (const { grow, reader, limit } of steps) {
            committed = Math.min(log.length, committed + grow);
            const got = recent.read(readers[reader], limit, (after, n) => (fileReads++, file(after, n)));
            expect(got.map((e) => e.position)).toEqual(file(readers[reader], limit).map((e) => e.position));
            if (got.length) readers[reader] = got[got.length - 1].position;
          }
          expect(fileReads).toBeLessThanOrEqual(steps.length);
        },
      ),
    );
  });

  it('reads from the file only what lies past what it holds', () => {
    const log = logOf([0, 0, 0, 0, 0]);
    const asked: Array<[number, number]> = [];
    const file = (after: number, limit: number) => (asked.push([after, limit]), log.filter((e) => e.position > after).slice(0, limit < 0 ? undefined : limit));
    const recent = new RecentEvents(100);
    expect(recent.read(0, 3, file).map((e) => e.position)).toEqual([1, 2, 3]);
    // A second subscription at the same place: the same parsed events, and a look past them for more.
    const again = recent.read(0, 1000, file);
    expect(again.map((e) => e.position)).toEqual([1, 2, 3, 4, 5]);
    expect(again[0]).toBe(log[0]);
    expect(asked).toEqual([
      [0, 3],
      [3, 997],
    ]);
  });
});
