import { Session } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLedgerConfig } from '@asb/ledger';
import { LedgerRuntime, Subscribers } from '@asb/ledger/composition';
import { createApp } from '../../../apps/api/src/app.factory';

/**
 * The API as `npm start` runs it (embedded store committing on a thread of its own unless
 * STORE_WRITER_THREAD=off, projections and reactors on their own thread unless SUBSCRIBERS_THREAD=off, jobs and checkpoints on the request thread, pino logging at LOG_LEVEL), in a child process of the bench so that the load
 * generator's CPU is not counted as the server's. It answers the bench over IPC: its CPU time,
 * `settle` once its subscribers have caught up with the log, and
 * `subscribers-off` to stop projections and reactors here (what the request thread would save if
 * they ran elsewhere; read-your-writes then has nothing to wait for).
 */
type Message = { id: number; cmd: 'cpu' | 'thread-cpu' | 'loop' | 'settle' | 'subscribers-off' | 'profile-start' | 'profile-stop' | 'stop' };

/**
 * CPU time of the request thread alone, in ms (process.cpuUsage counts the writer and subscriber
 * threads too): the kernel's per-thread utime + stime of the main thread, whose id is the process's.
 * Clock ticks of 10 ms, so only for runs of seconds.
 */
const requestThreadCpuMs = (): number | null => {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime (fields 14, 15), at 100 ticks a second
  } catch {
    return null; // not Linux
  }
};

const main = async () => {
  const config = loadLedgerConfig();
  const app = await createApp({ config, processJobs: true, runProjections: true, scheduleSeals: true, subscribersThread: config.subscribersThread, writerThread: config.writerThread });
  await app.listen(config.port, config.host);
  const runtime = app.get(LedgerRuntime);
  const subscribers = app.get(Subscribers);
  // A CPU profile of one run only (BENCH_CPU_PROF names the folder): start-up and catch-up left out.
  const profiler = new Session();
  profiler.connect();
  const post = (method: string) => new Promise<unknown>((resolve, reject) => profiler.post(method, (error, result) => (error ? reject(error) : resolve(result))));
  // How long the request thread was kept from its event loop (a stall holds every connection's answer).
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  process.on('message', async (m: Message) => {
    switch (m.cmd) {
      case 'cpu':
        return process.send!({ id: m.id, value: process.cpuUsage() });
      case 'thread-cpu':
        return process.send!({ id: m.id, value: requestThreadCpuMs() });
      case 'loop': {
        // Since the last ask, in ms.
        const value = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
        loop.reset();
        return process.send!({ id: m.id, value });
      }
      case 'settle':
        // Projections and reactors done with what the last run wrote, so its work is not counted in the next.
        await subscribers.caughtUp().catch(() => undefined);
        return process.send!({ id: m.id, value: true });
      case 'profile-start':
        await post('Profiler.enable');
        await post('Profiler.start');
        return process.send!({ id: m.id, value: true });
      case 'profile-stop': {
        const { profile } = (await post('Profiler.stop')) as { profile: unknown };
        const file = join(process.env.BENCH_CPU_PROF!, `server-${Date.now()}.cpuprofile`);
        writeFileSync(file, JSON.stringify(profile));
        return process.send!({ id: m.id, value: file });
      }
      case 'subscribers-off':
        await subscribers.stop(); // the reactors, or the subscriber thread (D66)
        await runtime.projections.stop();
        return process.send!({ id: m.id, value: true });
      case 'stop':
        await app.close();
        process.send!({ id: m.id, value: true });
        return process.exit(0);
    }
  });
  process.send!({ id: 0, value: 'ready' });
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
