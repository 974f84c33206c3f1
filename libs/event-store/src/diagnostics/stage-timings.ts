import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

/**
 * Where a write's latency goes (issue 18): timestamps per stage of a submission, kept only while
 * `STAGE_TIMINGS=1` (a diagnostic for the bench; off, every call is one boolean test). The store
 * notes when each append was queued, sent to the writer and answered, by the newest position it
 * wrote; the HTTP side looks that up when the answer is ready and adds its own stages.
 */
export const STAGES = ['received→queued', 'queued→sent', 'sent→answered', 'answered→reply', 'reply→released', 'released→written', 'received→written'] as const;
export type Stage = (typeof STAGES)[number];

type AppendTimes = { queued: number; sent: number; answered: number };

export class StageTimings {
  constructor(readonly on: boolean) {}

  private stages = new Map<Stage, RecordableHistogram>();
  private batches = createHistogram();
  private writerMs = createHistogram();
  /** Appends answered and not yet looked up, by their newest position (bounded: a write without an HTTP answer is never looked up). */
  private appends = new Map<number, AppendTimes>();
  /** When each request's first bytes were handed to the server ('request' event). */
  readonly received = new WeakMap<object, number>();

  record(stage: Stage, ms: number): void {
    let h = this.stages.get(stage);
    if (!h) this.stages.set(stage, (h = createHistogram()));
    h.record(Math.max(1, Math.round(ms * 1000))); // µs
  }

  batch(size: number, writerMs: number | undefined): void {
    this.batches.record(Math.max(1, size));
    if (writerMs !== undefined) this.writerMs.record(Math.max(1, Math.round(writerMs * 1000)));
  }

  appended(position: number, times: AppendTimes): void {
    if (this.appends.size > 10_000) this.appends.clear();
    this.appends.set(position, times);
  }

  take(position: number): AppendTimes | undefined {
    const t = this.appends.get(position);
    this.appends.delete(position);
    return t;
  }

  /** An answer to a write is ready (`reply`), released by read-your-writes (`released`) and written (`written`): its stages, with its append's by position. */
  answered(request: object, position: number | undefined, reply: number, released: number, written: number): void {
    const received = this.received.get(request);
    const append = position === undefined ? undefined : this.take(position);
    if (received === undefined || !append) return; // not a write that appended (or its request came before the switch)
    this.record('received→queued', append.queued - received);
    this.record('queued→sent', append.sent - append.queued);
    this.record('sent→answered', append.answered - append.sent);
    this.record('answered→reply', reply - append.answered);
    this.record('reply→released', released - reply);
    this.record('released→written', written - released);
    this.record('received→written', written - received);
  }

  /** Per stage (ms): count, mean, p50, p90, p99; batch sizes; the writer thread's time per batch. Resets. */
  summary() {
    const ms = (h: RecordableHistogram) => ({ n: h.count, mean: h.mean / 1000, p50: h.percentile(50) / 1000, p90: h.percentile(90) / 1000, p99: h.percentile(99) / 1000 });
    const value = {
      stages: Object.fromEntries(STAGES.filter((s) => this.stages.has(s)).map((s) => [s, ms(this.stages.get(s)!)])),
      batchSize: { n: this.batches.count, mean: this.batches.mean, p50: this.batches.percentile(50), p90: this.batches.percentile(90), max: this.batches.max },
      writerMs: ms(this.writerMs),
    };
    this.stages = new Map();
    this.batches = createHistogram();
    this.writerMs = createHistogram();
    this.appends.clear();
    return value;
  }
}

export const stageTimings = new StageTimings(process.env.STAGE_TIMINGS === '1');
