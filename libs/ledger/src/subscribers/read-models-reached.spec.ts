import fc from 'fast-check';
import { ReadModelsReached } from './read-models-reached';

/** A ReadModelsReached whose asks of the thread are recorded, and the answers of its writes as they come. */
const setup = (head = 0) => {
  const wanted: number[] = [];
  const reached = new ReadModelsReached((position) => wanted.push(position), () => Promise.resolve(head));
  const answers = new Map<string, boolean>();
  const wait = async (name: string, position: number | undefined, ms = 1000) => {
    void reached.within(position, ms).then((included) => void answers.set(name, included));
    await jest.advanceTimersByTimeAsync(0); // the turn ends: the ask (if any) goes out
  };
  return { reached, wanted, answers, wait };
};

/** Lets answered promises settle. */
const settle = () => jest.advanceTimersByTimeAsync(0);

describe('read-your-writes against the subscriber thread, one message a batch (D83)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('answers each write once the thread says its position is included, in position order, whatever order they came in', async () => {
    const { reached, answers, wait } = setup();
    await wait('at 5', 5);
    await wait('at 3', 3);
    await wait('at 8', 8);
    reached.reached(5);
    await settle();
    expect(Object.fromEntries(answers)).toEqual({ 'at 5': true, 'at 3': true });
    reached.reached(8);
    await settle();
    expect(Object.fromEntries(answers)).toEqual({ 'at 5': true, 'at 3': true, 'at 8': true });
    expect(reached.waitingCount).toBe(0);
  });

  it('asks the thread once a turn, for the highest position waited for, and only when that rose', async () => {
    const { reached, wanted } = setup();
    // A group commit's writes answer in one turn: one ask for all of them.
    void reached.within(3, 1000);
    void reached.within(5, 1000);
    void reached.within(4, 1000);
    expect(wanted).toEqual([]);
    await settle();
    expect(wanted).toEqual([5]);
    void reached.within(4, 1000); // covered by the ask in flight
    await settle();
    expect(wanted).toEqual([5]);
    void reached.within(9, 1000);
    await settle();
    expect(wanted).toEqual([5, 9]);
  });

  it('asks for a later write at or below a position it meant to ask for but never did: every write waiting then was past its bound before the turn ended', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const wanted: number[] = [];
    const reached = new ReadModelsReached((position) => wanted.push(position), () => Promise.resolve(0));
    const first = reached.within(5, 10);
    jest.advanceTimersByTime(10); // the event loop held up past the first write's bound before its turn ended
    await expect(first).resolves.toBe(false);
    await new Promise((resolve) => setImmediate(resolve)); // its turn ends: nobody waits, nothing is asked
    expect(wanted).toEqual([]);
    const second = reached.within(4, 1000); // a write that waits later, at a lower position
    await new Promise((resolve) => setImmediate(resolve));
    expect(wanted).toEqual([4]);
    reached.reached(4);
    await expect(second).resolves.toBe(true);
  });

  it('answers at once, asking nothing, a write whose position the thread said it reached before the write waited', async () => {
    const { reached, wanted } = setup();
    reached.reached(10);
    await expect(reached.within(7, 1000)).resolves.toBe(true);
    await expect(reached.within(10, 1000)).resolves.toBe(true);
    await settle();
    expect(wanted).toEqual([]);
  });

  it('keeps each write to its own bound: past it the write lags (false), the others wait on', async () => {
    const { reached, answers, wait } = setup();
    await wait('first', 5, 100);
    await jest.advanceTimersByTimeAsync(50);
    await wait('second', 6, 100);
    await jest.advanceTimersByTimeAsync(50);
    expect(Object.fromEntries(answers)).toEqual({ first: false });
    expect(reached.waitingCount).toBe(1);
    reached.reached(6);
    await settle();
    expect(Object.fromEntries(answers)).toEqual({ first: false, second: true });
    // The bound's timer went with the answer: nothing fires later.
    expect(jest.getTimerCount()).toBe(0);
  });

  it('answers the writes up to a position the thread could not reach as lagging at once, and asks again for later ones', async () => {
    const { reached, wanted, answers, wait } = setup();
    await wait('at 3', 3);
    await wait('at 8', 8);
    expect(wanted).toEqual([3, 8]);
    reached.lagging(8);
    await settle();
    expect(Object.fromEntries(answers)).toEqual({ 'at 3': false, 'at 8': false });
    // A subscription stays stopped: the next write asks anew and is answered at once, not at its bound.
    await wait('at 4', 4);
    expect(wanted).toEqual([3, 8, 4]);
    reached.lagging(4);
    await settle();
    expect(answers.get('at 4')).toBe(false);
  });

  it('keeps waiting the writes above a position the thread could not reach while a later ask is in flight', async () => {
    const { reached, wanted, answers, wait } = setup();
    await wait('at 3', 3);
    await wait('at 8', 8);
    await wait('at 9', 9);
    expect(wanted).toEqual([3, 8, 9]);
    reached.lagging(3);
    await settle();
    expect(Object.fromEntries(answers)).toEqual({ 'at 3': false });
    reached.reached(9);
    await settle();
    expect(Object.fromEntries(answers)).toEqual({ 'at 3': false, 'at 8': true, 'at 9': true });
  });

  it('answers every waiting write as lagging at once when the thread stops or fails, and asks the next thread anew', async () => {
    const { reached, wanted, answers, wait } = setup();
    reached.reached(2);
    await wait('at 3', 3);
    await wait('at 8', 8);
    reached.fail();
    await settle();
    expect(Object.fromEntries(answers)).toEqual({ 'at 3': false, 'at 8': false });
    expect(jest.getTimerCount()).toBe(0);
    await wait('at 5', 5);
    expect(wanted).toEqual([3, 8, 5]);
    // What the thread reached before it stopped stays reached.
    await expect(reached.within(2, 1000)).resolves.toBe(true);
  });

  it('waits for the head when a wait names no position', async () => {
    const { reached, wanted, answers, wait } = setup(12);
    await wait('head', undefined);
    expect(wanted).toEqual([12]);
    reached.reached(11);
    await settle();
    expect(answers.has('head')).toBe(false);
    reached.reached(12);
    await settle();
    expect(answers.get('head')).toBe(true);
  });

  it('answers a wait without a position as lagging when the head cannot be read', async () => {
    const wanted: number[] = [];
    const reached = new ReadModelsReached((position) => wanted.push(position), () => Promise.reject(new Error('the log is closed')));
    await expect(reached.within(undefined, 1000)).resolves.toBe(false);
    expect(wanted).toEqual([]);
  });

  it('never asks when the answer came before the turn ended', async () => {
    const { reached, wanted } = setup();
    const answer = reached.within(4, 1000);
    reached.reached(4);
    await expect(answer).resolves.toBe(true);
    await settle();
    expect(wanted).toEqual([]);
  });

  /**
   * Against a model that answers each write at the first of: a "reached" at or above it (true, also when
   * it came before the write), a "lagging" at or above it or a failure (false), its bound (false). And no
   * write waits without an ask in flight that covers it (one the thread has not answered yet).
   */
  it('answers as the model says over random interleavings of waits, answers, bounds and failures', async () => {
    type Step =
      | { kind: 'wait'; position: number; ms: number }
      | { kind: 'reached'; position: number }
      | { kind: 'lagging'; position: number }
      | { kind: 'fail' }
      | { kind: 'time'; ms: number };
    const step: fc.Arbitrary<Step> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ kind: fc.constant('wait' as const), position: fc.integer({ min: 1, max: 12 }), ms: fc.integer({ min: 1, max: 50 }) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('reached' as const), position: fc.integer({ min: 1, max: 12 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('lagging' as const), position: fc.integer({ min: 1, max: 12 }) }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'fail' as const }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('time' as const), ms: fc.integer({ min: 0, max: 40 }) }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
        const inFlight = new Set<number>();
        const reached = new ReadModelsReached((position) => inFlight.add(position), () => Promise.resolve(0));
        type Write = { position: number; deadline: number; answer?: boolean; expected?: boolean };
        const writes: Write[] = [];
        let now = 0;
        let highest = 0;
        const open = () => writes.filter((w) => w.expected === undefined);
        const close = (w: Write, expected: boolean) => (w.expected = expected);
        for (const s of steps) {
          if (s.kind === 'wait') {
            const write: Write = { position: s.position, deadline: now + s.ms };
            writes.push(write);
            if (s.position <= highest) close(write, true);
            void reached.within(s.position, s.ms).then((answer) => (write.answer = answer));
          } else if (s.kind === 'reached') {
            highest = Math.max(highest, s.position);
            for (const w of open()) if (w.position <= highest) close(w, true);
            for (const p of inFlight) if (p <= s.position) inFlight.delete(p);
            reached.reached(s.position);
          } else if (s.kind === 'lagging') {
            for (const w of open()) if (w.position <= s.position) close(w, false);
            for (const p of inFlight) if (p <= s.position) inFlight.delete(p);
            reached.lagging(s.position);
          } else if (s.kind === 'fail') {
            for (const w of open()) close(w, false);
            inFlight.clear();
            reached.fail();
          } else {
            now += s.ms;
            for (const w of open()) if (w.deadline <= now) close(w, false);
            await jest.advanceTimersByTimeAsync(s.ms);
          }
          await jest.advanceTimersByTimeAsync(0);
          for (const w of writes) expect(w.answer).toBe(w.expected);
          for (const w of open()) expect([...inFlight].some((p) => p >= w.position)).toBe(true);
        }
        // Every write still waiting is answered by its bound, and leaves nothing behind.
        await jest.advanceTimersByTimeAsync(100);
        expect(reached.waitingCount).toBe(0);
        expect(jest.getTimerCount()).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});
