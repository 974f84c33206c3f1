import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FarmYearInputs, NormSetDocument, WhatIfFarmYear } from '@asb/domain';
import { evaluateFarmYears, type EvaluationPlan } from './evaluate-farm-years';
import { decodeRows, type EncodedRows } from './what-if-rows-codec';

/** Below this many farm-years a worker costs more to start and feed than it saves. */
const PARALLEL_FROM = 4000;
/** The compiled worker beside this file; from TypeScript sources (tests) a worker is given explicitly. */
const COMPILED_WORKER = __filename.endsWith('.js') ? join(__dirname, 'what-if-worker.js') : null;

/** What a run sends a shard's worker: the farm-years that changed since its last run, and the plan. */
export type ShardRun = Readonly<{
  upsert: readonly FarmYearInputs[];
  remove: readonly string[];
  /** Every recorded version of every norm set, only when it changed: the worker keeps them, so what it caches per parameter set is found again. */
  normSets: ReadonlyMap<string, readonly NormSetDocument[]> | null;
  plan: Omit<EvaluationPlan, 'normSets'>;
  /** Whether the rows are wanted back (not for the warm-up's official evaluation). */
  rows: boolean;
}>;
/** What a worker answers: its progress, then its rows encoded (the numbers transferred, not copied) or nothing. */
export type ShardAnswer = Readonly<{ done: number }> | Readonly<{ rows: EncodedRows | null; cpuMs: number }>;

/** Time spent moving rows back and the workers' own CPU, for the bench. */
export type ShardStats = { workers: number; rowBytes: number; decodeMs: number; workerCpuMs: number; sentFarmYears: number };

export const farmYearKey = (f: Pick<FarmYearInputs, 'farmId' | 'year'>) => `${f.farmId}\u0000${f.year}`;

/** Which shard a farm's years belong to: by farm, so a farm-year new to the record moves no other. */
const shardOf = (farmId: string, shards: number) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < farmId.length; i++) h = Math.imul(h ^ farmId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shards;
};

type Shard = { thread: Worker; sent: Map<string, FarmYearInputs>; normSets: Map<string, readonly NormSetDocument[]> | null; broken: boolean };

/**
 * Farm-years evaluated on `threads` threads that *keep* their shard of the farm-years (D74). Shard 0 is
 * evaluated on this thread from the objects it was given; each other shard by a worker thread that holds
 * its own copy, was sent it once (at the warm-up, D71) and afterwards only the farm-years that are not
 * the objects it was last sent — after a live ledger's tail, the few derived again (D74). Per run only
 * the plan (scenario, drafts; the norm sets when they changed) goes out, and the rows come back encoded
 * (`encodeRows`: numbers in one transferred buffer, each string once). The worker computes and caches its shard's official side as this
 * thread does (D65), on its copies. Each farm-year's outcome depends only on it and the plan (samples are
 * seeded per farm-year) and the report sorts its rows, so the split changes no byte of the report.
 */
export class FarmYearShards {
  private shards: Shard[] = [];
  private running: Promise<unknown> = Promise.resolve();
  readonly stats: ShardStats = { workers: 0, rowBytes: 0, decodeMs: 0, workerCpuMs: 0, sentFarmYears: 0 };

  /** Threads of the next run; may be changed between runs (the bench alternates 1 and 2). One thread leaves the workers and their copies as they are. */
  threads: number;

  constructor(private readonly options: Readonly<{ threads: number; worker?: Readonly<{ path: string }> }>) {
    this.threads = options.threads;
  }

  /** Rows of every farm-year (or none: `rows: false`, the warm-up's official side), on the threads configured. */
  evaluate(plan: EvaluationPlan, farmYears: readonly FarmYearInputs[], onProgress: (done: number) => Promise<void> | void, options: Readonly<{ rows?: boolean }> = {}): Promise<WhatIfFarmYear[]> {
    // One run at a time: a worker's copy is updated for the run it serves.
    const next = this.running.then(() => this.evaluateNow(plan, farmYears, onProgress, options.rows !== false));
    this.running = next.catch(() => undefined);
    return next;
  }

  /**
   * Ends the workers (their copies go with them); the next run starts and fills new ones. Queued behind the
   * runs asked before it: a run waiting its turn would otherwise find its workers ended under it.
   */
  close(): Promise<void> {
    const next = this.running.then(() => this.closeNow());
    this.running = next.catch(() => undefined);
    return next;
  }

  private async closeNow(): Promise<void> {
    const shards = this.shards;
    this.shards = [];
    await Promise.all(shards.map((s) => s.thread.terminate()));
  }

  private async evaluateNow(plan: EvaluationPlan, farmYears: readonly FarmYearInputs[], onProgress: (done: number) => Promise<void> | void, rows: boolean): Promise<WhatIfFarmYear[]> {
    const worker = this.options.worker ?? (COMPILED_WORKER ? { path: COMPILED_WORKER } : null);
    const threads = worker && (this.options.worker || farmYears.length >= PARALLEL_FROM) ? Math.max(1, this.threads) : 1;
    if (threads === 1) return this.evaluateHere(plan, farmYears, (done) => onProgress(done), rows);
    if (this.shards.length !== threads - 1 || this.shards.some((s) => s.broken)) {
      await this.closeNow();
      this.shards = Array.from({ length: threads - 1 }, () => ({ thread: new Worker(worker!.path), sent: new Map(), normSets: null, broken: false }));
      this.stats.workers = this.shards.length;
    }
    const parts: FarmYearInputs[][] = Array.from({ length: threads }, () => []);
    for (const f of farmYears) parts[shardOf(f.farmId, threads)].push(f);
    const done = parts.map(() => 0);
    const report = () => onProgress(done.reduce((a, b) => a + b, 0));
    const { normSets, ...rest } = plan;
    const answers = this.shards.map((shard, w) => this.runShard(shard, parts[w + 1], normSets, rest, rows, (n) => {
      done[w + 1] = n;
      void report();
    }));
    // Every worker's answer is waited for, whatever fails: a run that ended with a worker still busy left that
    // worker's listener to the next run, which then took this run's answer (rows of another plan) for its own.
    const settled = Promise.allSettled(answers);
    let own: WhatIfFarmYear[];
    try {
      own = await this.evaluateHere(plan, parts[0], (n) => {
        done[0] = n;
        return report();
      }, rows);
    } finally {
      await settled;
    }
    const theirs = await Promise.all(answers);
    return rows ? [...own, ...theirs.flat()] : [];
  }

  /** This thread's part, a slice at a time: progress is reported, and the workers' heard, meanwhile. */
  private async evaluateHere(plan: EvaluationPlan, farmYears: readonly FarmYearInputs[], onProgress: (done: number) => Promise<void> | void, rows: boolean): Promise<WhatIfFarmYear[]> {
    const own: WhatIfFarmYear[] = [];
    if (!farmYears.length) await onProgress(0);
    for (let from = 0; from < farmYears.length; from += 1000) {
      const slice = evaluateFarmYears(plan, farmYears.slice(from, from + 1000));
      if (rows) own.push(...slice);
      await onProgress(Math.min(farmYears.length, from + 1000));
      await new Promise((r) => setImmediate(r));
    }
    return own;
  }

  /** Brings a worker's copy up to date (what is not the object it was last sent) and runs the plan on it. */
  private runShard(shard: Shard, part: readonly FarmYearInputs[], normSets: EvaluationPlan['normSets'], plan: ShardRun['plan'], rows: boolean, onDone: (n: number) => void): Promise<WhatIfFarmYear[]> {
    const now = new Map<string, FarmYearInputs>();
    const upsert: FarmYearInputs[] = [];
    for (const f of part) {
      const key = farmYearKey(f);
      now.set(key, f);
      if (shard.sent.get(key) !== f) upsert.push(f);
    }
    const remove = [...shard.sent.keys()].filter((k) => !now.has(k));
    const sameNormSets = shard.normSets && shard.normSets.size === normSets.size && [...normSets].every(([id, versions]) => shard.normSets!.get(id) === versions);
    const message: ShardRun = { upsert, remove, normSets: sameNormSets ? null : normSets, plan, rows };
    this.stats.sentFarmYears += upsert.length;
    return new Promise<WhatIfFarmYear[]>((resolve, reject) => {
      const { thread } = shard;
      const fail = (error: Error) => {
        shard.broken = true;
        cleanup();
        reject(error);
      };
      const onMessage = (m: ShardAnswer) => {
        if ('done' in m) return onDone(m.done);
        cleanup();
        this.stats.workerCpuMs += m.cpuMs;
        if (!m.rows) return resolve([]);
        const started = performance.now();
        const decoded = decodeRows(m.rows);
        this.stats.decodeMs += performance.now() - started;
        this.stats.rowBytes += m.rows.numbers.byteLength + m.rows.strings.reduce((n, t) => n + t.length, 0);
        resolve(decoded);
      };
      const onExit = (code: number) => fail(new Error(`what-if worker stopped with code ${code}`));
      const cleanup = () => {
        thread.off('message', onMessage);
        thread.off('error', fail);
        thread.off('exit', onExit);
        // Idle, a worker does not keep the process alive.
        thread.unref();
      };
      thread.on('message', onMessage);
      thread.on('error', fail);
      thread.on('exit', onExit);
      thread.ref();
      thread.postMessage(message);
      // The worker holds these now: what it was sent is what the next run compares with.
      shard.sent = now;
      shard.normSets = new Map(normSets);
    });
  }
}
