import { Session } from 'node:inspector';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stageTimings } from '@asb/event-store';
import { CommandService, loadLedgerConfig } from '@asb/ledger';
import { LedgerLifecycle, LedgerRuntime, parseTaskStat, Subscribers, threadCpu } from '@asb/ledger/composition';
import { createApp } from '../../../apps/api/src/app.factory';

/**
 * The API as `npm start` runs it (embedded store committing on a thread of its own unless
 * STORE_WRITER_THREAD=off, projections and reactors on their own thread unless SUBSCRIBERS_THREAD=off, jobs and checkpoints on the request thread, pino logging at LOG_LEVEL), in a child process of the bench so that the load
 * generator's CPU is not counted as the server's. It answers the bench over IPC: its CPU time,
 * `settle` once its subscribers have caught up with the log, and
 * `subscribers-off` to stop projections and reactors here (what the request thread would save if
 * they ran elsewhere; read-your-writes then has nothing to wait for).
 */
type Message = { id: number; cmd: 'cpu' | 'loop' | 'settle' | 'what-if-loaded' | 'subscribers-off' | 'profile-start' | 'profile-stop' | 'stop' };

const main = async () => {
  const config = loadLedgerConfig();
  const app = await createApp({ config, processJobs: true, runProjections: true, scheduleSeals: true, subscribersThread: config.subscribersThread, writerThread: config.writerThread });
  await app.listen(config.port, config.host);
  // STAGE_TIMINGS=1: each request's arrival, the first of its stages (issue 18).
  if (stageTimings.on) (app.getHttpServer() as import('node:http').Server).prependListener('request', (request) => stageTimings.received.set(request, performance.now()));
  const runtime = app.get(LedgerRuntime);
  const subscribers = app.get(Subscribers);
  const commands = app.get(CommandService);
  // A CPU profile of one run only (BENCH_CPU_PROF names the folder): start-up and catch-up left out.
  const ofSubscribers = process.env.BENCH_PROFILE_THREAD === 'subscribers' && subscribers.thread !== null;
  const profiler = new Session();
  profiler.connect();
  const post = (method: string) => new Promise<unknown>((resolve, reject) => profiler.post(method, (error, result) => (error ? reject(error) : resolve(result))));
  // How long the request thread was kept from its event loop (a stall holds every connection's answer).
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  // And how much of that was the garbage collector's (this thread's heap only; each thread has its own).
  const noGc = () => ({ pauses: 0, totalMs: 0, maxMs: 0, majorPauses: 0, majorMs: 0 });
  let gc = noGc();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const major = (entry.detail as { kind?: number } | undefined)?.kind === constants.NODE_PERFORMANCE_GC_MAJOR;
      gc = { pauses: gc.pauses + 1, totalMs: gc.totalMs + entry.duration, maxMs: Math.max(gc.maxMs, entry.duration), majorPauses: gc.majorPauses + (major ? 1 : 0), majorMs: gc.majorMs + (major ? entry.duration : 0) };
    }
  }).observe({ entryTypes: ['gc'] });
  process.on('message', async (m: Message) => {
    switch (m.cmd) {
      case 'cpu': {
        // The whole process, and per thread (Linux): this one (requests), the subscriber thread, and every thread by id.
        const threads = Object.fromEntries(
          readdirSync('/proc/self/task').flatMap((tid) => {
            try {
              return [[tid, parseTaskStat(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')).cpuMs]];
            } catch {
              return []; // a thread that ended meanwhile
            }
          }),
        );
        const value = { process: process.cpuUsage(), request: threadCpu(), subscriber: await subscribers.thread?.cpu(), threads };
        return process.send!({ id: m.id, value });
      }
      case 'loop': {
        // Since the last ask, in ms; the subscriber thread's too (D78: every read-your-writes answer waits on it).
        const value = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6, subscribers: (await subscribers.thread?.loopDelay()) ?? null, gc, heapMb: process.memoryUsage().heapUsed / 1e6, foldsMb: commands.foldedBytes / 1e6, ...(stageTimings.on ? { stages: stageTimings.summary() } : {}) };
        loop.reset();
        gc = noGc();
        return process.send!({ id: m.id, value });
      }
      case 'what-if-loaded': {
        // The what-if inputs load in the background on this thread after a start (D71): runs are measured after it (D79).
        const started = performance.now();
        await app.get(LedgerLifecycle).whatIfInputsLoaded();
        return process.send!({ id: m.id, value: { waitedMs: performance.now() - started, heapMb: process.memoryUsage().heapUsed / 1e6 } });
      }
      case 'settle':
        // Projections and reactors done with what the last run wrote, so its work is not counted in the next.
        await subscribers.caughtUp().catch(() => undefined);
        return process.send!({ id: m.id, value: true });
      // BENCH_PROFILE_THREAD=subscribers: a profile of the subscriber thread instead of the request thread.
      case 'profile-start':
        if (ofSubscribers) await subscribers.thread!.profile('start');
        else {
          await post('Profiler.enable');
          await post('Profiler.start');
          // BENCH_HEAP_PROF: where the request thread's garbage comes from (sampled allocations, collected ones included).
          if (process.env.BENCH_HEAP_PROF) await new Promise<void>((resolve, reject) => profiler.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as object, (e) => (e ? reject(e) : resolve())));
        }
        return process.send!({ id: m.id, value: true });
      case 'profile-stop': {
        const profile = ofSubscribers ? await subscribers.thread!.profile('stop') : ((await post('Profiler.stop')) as { profile: unknown }).profile;
        const file = join(process.env.BENCH_CPU_PROF!, `${ofSubscribers ? 'subscribers' : 'server'}-${Date.now()}.cpuprofile`);
        writeFileSync(file, JSON.stringify(profile));
        if (process.env.BENCH_HEAP_PROF && !ofSubscribers) writeFileSync(file.replace(/cpuprofile$/, 'heapprofile'), JSON.stringify(((await post('HeapProfiler.stopSampling')) as { profile: unknown }).profile));
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
