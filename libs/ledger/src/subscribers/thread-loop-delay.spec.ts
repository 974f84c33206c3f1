import { readFileSync } from 'node:fs';
import { ThreadLoopDelay } from './thread-loop-delay';

const ownCpuMs = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
const turn = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the thread loop delay (the bench reads it from the subscriber thread, D78)', () => {
  it('reports a stretch of the thread own CPU between two turns, and starts afresh after each ask', async () => {
    const delay = new ThreadLoopDelay();
    delay.take(); // the first ask starts measuring
    await turn(30);
    // 40 ms of this thread's own CPU without a turn of the event loop (counted in CPU, so a busy machine cannot shorten it).
    const until = ownCpuMs() + 40;
    while (ownCpuMs() < until);
    await turn(30);
    const blocked = delay.take();
    expect(blocked.max).toBeGreaterThanOrEqual(35);
    expect(blocked.cpuMax).toBeGreaterThanOrEqual(35);
    expect(blocked.cpuOver10).toBeGreaterThanOrEqual(1);
    await turn(30);
    const after = delay.take();
    expect(after.cpuMax).toBeLessThan(35);
  });
});
