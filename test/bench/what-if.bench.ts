import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PerformanceObserver } from 'node:perf_hooks';
import { streams } from '@asb/domain';
import { readAllInBatches } from '@asb/event-store';
import { WhatIfService } from '@asb/ledger';
import type { LedgerContext } from '@asb/ledger/composition';
import { SingleBar, Presets } from 'cli-progress';
import { fmt, line, time } from './measure';

/**
 * Issue 17's scale: every farm-year of the national data set under a scenario touching a scheme, a
 * levy and the balance parameters, against the time to read the same inputs (the same events, through
 * the same store, parsed, nothing else). First a run on a log no run has read (it reads the whole log and
 * saves the folded inputs, D60), then a run of another scenario with that snapshot current in a process that did not run the last
 * one (it loads the snapshot and reads the log's tail), a run in a process that loaded its inputs when it started
 * (WHAT_IF_INPUTS=warm, D71: only the tail is read), two runs in the process that ran the last one
 * (the inputs held in memory, D65), held runs alternated between one thread and WHAT_IF_THREADS (D74), a run after
 * official events were appended (a live ledger, D74), then sampling within the margins. The yardstick is read before
 * each run, so each ratio compares figures measured a moment apart on this (shared, noisy) machine.
 */
/** CPU seconds of this process (every thread: GC helpers, workers) since `from`: on a shared machine steadier than wall time. */
const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
};

/** The heap still reachable (after a full collection) and the process's resident set, in bytes. */
const liveHeap = () => {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
};
const mb = (bytes: number) => fmt(Math.round(bytes / 2 ** 20));

/** Milliseconds this thread stood in garbage collection since the bench began (V8's pauses, as `gc` entries). */
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });

/** A corrected dairy delivery for `count` farm-years (farms registered first in the log, the last year): a live ledger's tail. */
const appendCorrections = async (ledger: LedgerContext, count: number, years: readonly number[]) => {
  const farms: string[] = [];
  for await (const batch of readAllInBatches(ledger.runtime.store, { batchSize: 5000 })) {
    for (const e of batch) if (e.type === 'FarmRegistered' && farms.length < count) farms.push((e.data as { farmId: string }).farmId);
    if (farms.length >= count) break;
  }
  const year = years.at(-1)!;
  const recordedAt = new Date().toISOString();
  for (const [i, farmId] of farms.entries()) {
    const id = randomUUID();
    const data = { farmId, year, submissionId: `zuivel-live-${id}`, supersedes: 'zuivel', source: 'dairy-processor', sourceDocumentId: `ZUIVEL-${farmId}-${year}-c`, flows: [{ kind: 'milk', kgProduct: 400_000 + i, proteinPct: 3.5, fatPct: 4.4, quality: 'measured' }], correctedAt: recordedAt, reason: 'bench: a corrected delivery' };
    await ledger.runtime.store.append(streams.balance(farmId, year), [{ id, type: 'BalanceDataCorrected', schemaVersion: 1, data, metadata: { actor: { id: 'zuivelnl', role: 'data_source' }, recordedAt, correlationId: id, causationId: id } }], 'any');
  }
};

export const benchWhatIf = async (ledger: LedgerContext, years: readonly number[]) => {
  // Each run drafts other values (nothing a run computed under its drafts is found again by the next):
  // run k moves the grassland thresholds by 10 + k, the MINAS N levy-free level by 10 + k, the factor to 6.25 - k/100.
  const scenario = (samples: number, label: string, k: number) => ({
    name: `grassland thresholds +${10 + k}, MINAS N levy-free +${10 + k}, milk protein factor ${(6.25 - k / 100).toFixed(2)}${samples ? `, ${samples} samples` : ''} (${label})`,
    years: { from: years[0], to: years.at(-1)! },
    drafts: [
      { normSetId: 'drenthe-2025', changes: [80, 105, 130, 155].map((t, i) => ({ path: `kpis[nSoilSurplus].landUses.grassland.tiers[${i + 1}].threshold`, value: String(t + 10 + k) })) },
      { normSetId: 'minas-2003', changes: [{ path: 'components[n-surplus].levyFreeLevelByLandUse.grassland', value: String(190 + k) }] },
      { normSetId: 'balance-parameters', changes: [{ path: 'milkProteinToNitrogenFactor', value: (6.25 - k / 100).toFixed(2) }] },
    ],
    uncertainty: { samples, seed: 2025 },
  });
  const ctx = (id: string) => ({ commandId: `bench:${id}`, actor: { id: 'pbl', role: 'policy_analyst' as const }, now: new Date().toISOString() });
  const head = await ledger.runtime.store.headPosition();
  const readInputs = () =>
    time(async () => {
      let n = 0;
      for await (const batch of readAllInBatches(ledger.runtime.store, { upTo: head, batchSize: 5000 })) n += batch.length;
      return n;
    });
  // A log no run has read yet: no snapshot of the what-if's inputs, none held.
  if (process.env.BENCH_WHAT_IF_FIRST !== 'skip') rmSync(join(ledger.runtime.config.dataDir, 'what-if'), { recursive: true, force: true });
  const service = ledger.get(WhatIfService);
  service.releaseInputs();
  await service.shards.close();
  const results: Array<{ label: string; samples: number; ms: number; readMs: number; farmYears: number; cpuS: number; readCpuS: number }> = [];
  let events = 0;
  // BENCH_WHAT_IF_SAMPLES=0 leaves out the sampled run (minutes at national size).
  const sampled = Number(process.env.BENCH_WHAT_IF_SAMPLES ?? 5);
  // `snapshot current`: as a process that did not run the last scenario (the inputs held in memory let go)
  // loads the snapshot file and reads the log's tail (D60); `inputs held`: the process that ran it (D65).
  // `warm process`: the process that runs what-if jobs loaded them when it started (WHAT_IF_INPUTS=warm, D71).
  // `live ledger`: BENCH_WHAT_IF_LIVE farm-years get a corrected dairy delivery after the last run (official
  // events appended: use a copy of the data set), so the run derives those again (D74). 0 (default): not run.
  const live = Number(process.env.BENCH_WHAT_IF_LIVE ?? 0);
  type Run = readonly [samples: number, label: string, release: boolean | 'warm' | 'live'];
  // BENCH_WHAT_IF_FIRST=skip: keep the snapshot a previous bench saved and leave out the first run (minutes at national size).
  const skipFirst = process.env.BENCH_WHAT_IF_FIRST === 'skip';
  const runs: Run[] = [
    ...(skipFirst ? [] : [[0, 'first run on the log', true] as const]),
    // BENCH_WHAT_IF_SNAPSHOT=skip leaves out the run from the snapshot (minutes on a loaded machine).
    ...(process.env.BENCH_WHAT_IF_SNAPSHOT === 'skip' ? [] : [[0, 'snapshot current, inputs not held', true] as const]),
    [0, 'warm process (inputs loaded at its start)', 'warm'],
    [0, 'inputs held from the last run', false],
    [0, 'inputs held from the last run, again', false],
    // BENCH_WHAT_IF_ALTERNATE=N: N more held runs on 1 thread and N on WHAT_IF_THREADS, alternated (D74): the
    // first one-thread run computes the official side of the workers' shards on this thread (then cached).
    ...Array.from({ length: 2 * Number(process.env.BENCH_WHAT_IF_ALTERNATE ?? 0) }, (_, i) => [0, `inputs held, ${i % 2 ? ledger.runtime.config.whatIfThreads : 1} thread(s), alternated`, false] as const),
    ...(live ? [[0, `live ledger: ${live} farm-years corrected since the last run`, 'live'] as const] : []),
    ...(sampled ? [[sampled, 'inputs held from the last run', false] as const] : []),
  ];
  for (const [k, [samples, label, release]] of runs.entries()) {
    if (release === 'live') await appendCorrections(ledger, live, years);
    else if (release) {
      service.releaseInputs();
      await service.shards.close();
    }
    if (release === 'warm') {
      // As at a process's start: the memory the held inputs cost is the live heap after against before.
      const before = liveHeap();
      const warmCpu = process.cpuUsage();
      const warm = await time(() => service.warmInputs());
      const after = liveHeap();
      line(
        'warm-up of the what-if inputs (snapshot + tail, farm-years derived), in the background of a starting process',
        `${(warm.ms / 1000).toFixed(2)} s (CPU ${cpuSeconds(warmCpu).toFixed(1)} s); live heap ${mb(before.heap)} → ${mb(after.heap)} MB, RSS ${mb(before.rss)} → ${mb(after.rss)} MB; load average ${loadavg()[0].toFixed(1)}`,
      );
    }
    const alternated = /(\d+) thread\(s\), alternated/.exec(label);
    // Runs before the warm-up are those of a process that does not keep its inputs warm: one thread (D74).
    service.shards.threads = alternated ? Number(alternated[1]) : release === true ? 1 : ledger.runtime.config.whatIfThreads;
    const readCpu = process.cpuUsage();
    const read = await readInputs();
    const readCpuS = cpuSeconds(readCpu);
    events = read.value;
    line('read the same inputs (every event up to the run, parsed)', `${fmt(read.value)} events in ${(read.ms / 1000).toFixed(2)} s (CPU ${readCpuS.toFixed(1)} s); load average ${loadavg()[0].toFixed(1)}`);
    const { scenarioId } = await service.save(scenario(samples, label, k), ctx(`scenario-${samples}-${label}`));
    const { runId } = await service.requestRun(scenarioId, ctx(`run-${samples}-${label}`));
    const bar = new SingleBar({ format: '  what-if {phase} {bar} {value}/{total}', hideCursor: true }, Presets.shades_classic);
    let phase = '';
    const phases: Record<string, number> = {};
    let started = Date.now();
    const runCpu = process.cpuUsage();
    const runGcMs = gcMs;
    const shardsBefore = { ...service.shards.stats };
    const run = await time(() =>
      service.run(scenarioId, runId, (p) => {
        if (p.phase !== phase) {
          if (phase) {
            bar.stop();
            phases[phase] = Date.now() - started;
          }
          started = Date.now();
          phase = p.phase;
          bar.start(p.total, 0, { phase });
        }
        bar.update(p.done);
      }),
    );
    bar.stop();
    const runCpuS = cpuSeconds(runCpu);
    const runGcS = (gcMs - runGcMs) / 1000;
    phases[phase] = Date.now() - started;
    const r = run.value;
    const total = (m: string) => r.totals.find((t) => t.measure === m)!;
    line(
      `what-if, ${fmt(r.counts.farmYears ?? 0)} farm-years, ${samples} samples, ${label}`,
      `${(run.ms / 1000).toFixed(2)} s = ${(run.ms / read.ms).toFixed(2)} × reading the inputs (target < 10 s); CPU ${runCpuS.toFixed(1)} s = ${(runCpuS / readCpuS).toFixed(2)} × the read's; read + fold ${((phases.reading ?? 0) / 1000).toFixed(1)} s, compute ${((phases.computing ?? 0) / 1000).toFixed(1)} s; GC ${runGcS.toFixed(1)} s (${((100 * runGcS) / (run.ms / 1000)).toFixed(0)} % of its wall time, V8 gc entries); load average ${loadavg()[0].toFixed(1)}`,
    );
    const st = service.shards.stats;
    line(
      `  threads (${service.shards.threads} of WHAT_IF_THREADS=${ledger.runtime.config.whatIfThreads}, D74)`,
      `${st.workers} worker(s); farm-years sent to them ${fmt(st.sentFarmYears - shardsBefore.sentFarmYears)}; rows back ${mb(st.rowBytes - shardsBefore.rowBytes)} MB, decoded in ${((st.decodeMs - shardsBefore.decodeMs) / 1000).toFixed(2)} s; workers' CPU ${((st.workerCpuMs - shardsBefore.workerCpuMs) / 1000).toFixed(1)} s; RSS ${mb(process.memoryUsage().rss)} MB`,
    );
    line('  subsidy change / levy change / N surplus change', `€ ${fmt(Math.round((total('subsidyCents').delta ?? 0) / 100))} / € ${fmt(Math.round((total('levyCents').delta ?? 0) / 100))} / ${fmt(Math.round(total('nSurplusKg').delta ?? 0))} kg N`);
    results.push({ label, samples, ms: run.ms, readMs: read.ms, farmYears: r.counts.farmYears ?? 0, cpuS: runCpuS, readCpuS });
  }
  return { events, runs: results };
};
