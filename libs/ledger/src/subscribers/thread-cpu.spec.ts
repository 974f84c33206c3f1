import { readFileSync } from 'node:fs';
import { parseTaskStat, threadCpu } from './thread-cpu';

describe('threadCpu', () => {
  it('reads utime and stime of a task line, whatever its name holds', () => {
    const line = '4242 (node (worker) 1) S 1 2 3 4 5 6 7 8 9 10 150 25 0 0 20 0 9 0 100 1000 10';
    expect(parseTaskStat(line)).toEqual({ tid: 4242, cpuMs: 1750 });
  });

  it('counts the CPU the calling thread spends', () => {
    const before = threadCpu();
    if (!before) return expect(process.platform).not.toBe('linux');
    // Spin until this thread has spent 150 ms of CPU by the scheduler's own count (schedstat, in ns): wall time says
    // little on a shared machine, and process.cpuUsage counts every thread — at load 20 the jest worker's GC threads
    // took two thirds of 150 ms of it and this thread only 50 ms.
    const ownNs = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
    const until = ownNs() + 150e6;
    while (ownNs() < until);
    const after = threadCpu()!;
    expect(after.tid).toBe(before.tid);
    expect(after.cpuMs - before.cpuMs).toBeGreaterThanOrEqual(100);
  });
});
