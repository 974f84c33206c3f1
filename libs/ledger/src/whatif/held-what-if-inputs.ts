import type { EventStore } from '@asb/event-store';
import { logHoldsFold, resumeWhatIfFold, whatIfRecordOf, type FoldChanges, type SavedFold, type WhatIfFold, type WhatIfRecord } from './what-if-inputs';

/** `savedAt`: the official position of the snapshot this fold was last saved to or loaded from. */
type Held = { fold: WhatIfFold; records: Map<string, { logPosition: number; record: WhatIfRecord }>; savedAt: number };

/**
 * A held fold that moved is saved to the snapshot again only when this many official events came in
 * since it was last saved (D74): rewriting it (over 500 MB at national size) took a live ledger's run
 * tens of seconds, while a restart reads a tail of this length in well under a second.
 */
const RESAVE_AFTER_EVENTS = 50_000;
type Years = Readonly<{ from: number; to: number }>;

/**
 * The last run's folded inputs and derived farm-years, held in memory for a while after it (D65): the
 * analyst's next scenario on a record that did not move reads neither the snapshot nor the log (only
 * its tail, usually the run's own what-if events), and gets the same farm-year objects, so the results
 * a run caches per farm-year and parameter set (the official balance figures, cross-source checks,
 * tiers) are found again. A record that moved is folded on from the held fold, as from the snapshot;
 * a run asking for an older position than the held fold, or a log that no longer holds the held fold's
 * last event, reads as without it. Reads are one at a time (the fold is resumed in place). Released
 * `keepMs` after the last read (at national size it is over a gigabyte); `Infinity`: never (a warm
 * process, D71, which also loads them before the first run: `warm`).
 */
export class HeldWhatIfInputs {
  private held: Held | null = null;
  private release: NodeJS.Timeout | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** While a warm-up reads: the runs waiting for it, told how far it got. */
  private warming: Set<(eventsRead: number) => void> | null = null;

  constructor(private readonly keepMs: number) {}

  /**
   * Loads the inputs as of the log's head now (the snapshot and the tail, or the held fold and the
   * tail) and derives the farm-years of every year folded, so that the next run reads only what was
   * appended since (D71); `prepare` then computes what runs cache per farm-year (the official side). A run asked meanwhile waits for it (reads are one at a time) and is told its
   * progress: the inputs are never loaded twice.
   */
  warm(store: EventStore, options: Readonly<{ snapshot?: SavedFold; onProgress?: (eventsRead: number) => void; prepare?: (record: WhatIfRecord) => Promise<void> }> = {}): Promise<void> {
    const waiting = new Set<(eventsRead: number) => void>(options.onProgress ? [options.onProgress] : []);
    this.warming = waiting;
    const done = this.next(async () => {
      const upTo = await store.headPosition();
      const { fold, savedAt } = await this.resume(store, upTo, { snapshot: options.snapshot, onProgress: (n) => waiting.forEach((tell) => tell(n)) });
      // Not Math.min(...years): 150,000 arguments overflow the stack.
      let from = Infinity;
      let to = -Infinity;
      for (const { year } of fold.years.values()) [from, to] = [Math.min(from, year), Math.max(to, year)];
      const records = new Map<string, { logPosition: number; record: WhatIfRecord }>();
      const record = fold.years.size ? whatIfRecordOf(fold, { from, to }) : null;
      if (record) records.set(keyOf({ from, to }), { logPosition: fold.logPosition, record });
      this.hold({ fold, records, savedAt });
      // Still in the queue: a run asked meanwhile waits for this too, and finds what it computed.
      if (record && options.prepare) await options.prepare(record);
    });
    const over = () => {
      if (this.warming === waiting) this.warming = null;
    };
    done.then(over, over);
    return done;
  }

  /** The record of the years asked as of `upTo`: from the held inputs where they can be resumed, else as `readWhatIfRecord`. */
  read(store: EventStore, options: Readonly<{ years: Years; upTo: number; onProgress?: (eventsRead: number) => void; snapshot?: SavedFold }>): Promise<WhatIfRecord> {
    // Asked during a warm-up: told how far it got rather than nothing until it is done.
    if (this.warming && options.onProgress) this.warming.add(options.onProgress);
    return this.next(async () => {
      const { fold, held, changes, savedAt } = await this.resume(store, options.upTo, options);
      const key = keyOf(options.years);
      const kept = held?.records.get(key);
      // A record that moved since: only the farm-years the tail touched are derived again (D74).
      const record = kept && kept.logPosition === fold.logPosition ? kept.record : whatIfRecordOf(fold, options.years, kept ? { record: kept.record, changes } : undefined);
      // Records of other ranges are of the same fold only while it did not move.
      const records = new Map([...(held?.records ?? [])].filter(([, r]) => r.logPosition === fold.logPosition));
      records.set(key, { logPosition: fold.logPosition, record });
      this.hold({ fold, records, savedAt });
      return record;
    });
  }

  /** Lets the held inputs go now (they go by themselves `keepMs` after the last read). */
  forget(): void {
    this.held = null;
    if (this.release) clearTimeout(this.release);
    this.release = null;
  }

  /** One at a time: the held fold is resumed in place. */
  private next<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    // Not `next.catch(...)`: that promise keeps the last record (over a gigabyte) after `forget`.
    this.queue = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  /** The held fold (where it can be resumed) or the snapshot or the start, folded on to `upTo`. */
  private async resume(store: EventStore, upTo: number, options: Readonly<{ onProgress?: (eventsRead: number) => void; snapshot?: SavedFold }>): Promise<{ fold: WhatIfFold; held: Held | null; changes: FoldChanges; savedAt: number }> {
    let held = this.held;
    this.held = null;
    if (held && (held.fold.after > upTo || !(await logHoldsFold(store, held.fold)))) held = null;
    const savedBefore = held?.savedAt;
    const saveIf = savedBefore === undefined ? undefined : (f: WhatIfFold) => f.logPosition - savedBefore >= RESAVE_AFTER_EVENTS;
    const { fold, changes, saved } = await resumeWhatIfFold(store, held?.fold ?? null, { upTo, onProgress: options.onProgress, snapshot: options.snapshot, saveIf });
    // Read from the snapshot or the start without saving: nothing moved since the snapshot's position.
    return { fold, held, changes, savedAt: saved || savedBefore === undefined ? fold.logPosition : savedBefore };
  }

  private hold(held: Held): void {
    this.forget();
    if (this.keepMs <= 0) return;
    this.held = held;
    // A timer of more than 2^31 - 1 ms fires at once: a warm process keeps its inputs without one.
    if (!Number.isFinite(this.keepMs)) return;
    this.release = setTimeout(() => this.forget(), this.keepMs);
    this.release.unref();
  }
}

const keyOf = (years: Years) => `${years.from}-${years.to}`;
