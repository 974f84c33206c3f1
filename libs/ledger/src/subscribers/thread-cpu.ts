import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export type ThreadCpu = Readonly<{ tid: number; cpuMs: number }>;

/**
 * The CPU time of the calling thread alone, from /proc/thread-self/stat (Linux; null elsewhere).
 * `process.cpuUsage` counts every thread of the process, so a worker thread cannot tell its own share
 * from it (Node 20 has no per-thread usage): the bench reads this to say which thread a submission's
 * CPU went to. 10 ms resolution; a run of seconds is what it is for.
 */
export const threadCpu = (): ThreadCpu | null => {
  try {
    return parseTaskStat(readFileSync('/proc/thread-self/stat', 'utf8'));
  } catch {
    return null;
  }
};

/** utime and stime of one line of /proc/<pid>/task/<tid>/stat (the name in parentheses may hold spaces). */
export const parseTaskStat = (line: string): ThreadCpu => {
  const tid = Number(line.slice(0, line.indexOf(' ')));
  const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
  // After the name: state is field 3 of the line, utime 14 and stime 15.
  return { tid, cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND };
};
