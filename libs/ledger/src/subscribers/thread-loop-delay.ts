import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/**
 * How long a thread was kept from its event loop (ms since the last ask): `p99` and `max` as the loop saw
 * them (wall time), and `cpuMax` / `cpuOver10`, the longest stretch of the thread's own CPU between two
 * turns and how many stretches took more than 10 ms of it. On a shared machine the wall figures count the
 * time the thread waited for a core; the CPU figures count only its own work, so a pause found there is
 * the code's (D78). Linux only for the CPU figures (/proc/thread-self/schedstat; null elsewhere).
 */
export type LoopDelay = Readonly<{ p99: number; max: number; cpuMax: number | null; cpuOver10: number | null }>;

const ownCpuNs = (): number | null => {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
  } catch {
    return null;
  }
};

/** Started on the first ask (the bench's): a thread that is never asked pays nothing. */
export class ThreadLoopDelay {
  private histogram: IntervalHistogram | null = null;
  private cpuMax = 0;
  private cpuOver10 = 0;

  private start(): void {
    (this.histogram = monitorEventLoopDelay({ resolution: 10 })).enable();
    if (ownCpuNs() === null) return;
    let lastAt = performance.now();
    let lastCpu = ownCpuNs()!;
    // A turn every 5 ms: what the thread spent between two of them is one stretch the loop could not answer in.
    setInterval(() => {
      const at = performance.now();
      const cpu = ownCpuNs()!;
      if (at - lastAt > 10) {
        const ms = (cpu - lastCpu) / 1e6;
        this.cpuMax = Math.max(this.cpuMax, ms);
        if (ms > 10) this.cpuOver10++;
      }
      lastAt = at;
      lastCpu = cpu;
    }, 5).unref();
  }

  /** Since the last ask; the first ask starts measuring. */
  take(): LoopDelay {
    if (!this.histogram) this.start();
    const h = this.histogram!;
    const cpu = ownCpuNs() !== null;
    const value = { p99: h.percentile(99) / 1e6, max: h.max / 1e6, cpuMax: cpu ? this.cpuMax : null, cpuOver10: cpu ? this.cpuOver10 : null };
    h.reset();
    this.cpuMax = 0;
    this.cpuOver10 = 0;
    return value;
  }
}
