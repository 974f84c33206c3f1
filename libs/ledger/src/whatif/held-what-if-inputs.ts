import type { EventStore } from '@asb/event-store';
import { logHoldsFold, resumeWhatIfFold, whatIfRecordOf, type SavedFold, type WhatIfFold, type WhatIfRecord } from './what-if-inputs';

type Held = { fold: WhatIfFold; records: Map<string, { logPosition: number; record: WhatIfRecord }> };

/**
 * The last run's folded inputs and derived farm-years, held in memory for a while after it (D65): the
 * analyst's next scenario on a record that did not move reads neither the snapshot nor the log (only
 * its tail, usually the run's own what-if events), and gets the same farm-year objects, so the results
 * a run caches per farm-year and parameter set (the official balance figures, cross-source checks,
 * tiers) are found again. A record that moved is folded on from the held fold, as from the snapshot;
 * a run asking for an older position than the held fold, or a log that no longer holds the held fold's
 * last event, reads as without it. Reads are one at a time (the fold is resumed in place). Released
 * `keepMs` after the last read (at national size it is over a gigabyte).
 */
export class HeldWhatIfInputs {
  private held: Held | null = null;
  private release: NodeJS.Timeout | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly keepMs: number) {}

  /** The record of the years asked as of `upTo`: from the held inputs where they can be resumed, else as `readWhatIfRecord`. */
  read(store: EventStore, options: Readonly<{ years: Readonly<{ from: number; to: number }>; upTo: number; onProgress?: (eventsRead: number) => void; snapshot?: SavedFold }>): Promise<WhatIfRecord> {
    const next = this.queue.then(async () => {
      let held = this.held;
      this.held = null;
      if (held && (held.fold.after > options.upTo || !(await logHoldsFold(store, held.fold)))) held = null;
      const { fold } = await resumeWhatIfFold(store, held?.fold ?? null, options);
      const key = `${options.years.from}-${options.years.to}`;
      const kept = held?.records.get(key);
      const record = kept && kept.logPosition === fold.logPosition ? kept.record : whatIfRecordOf(fold, options.years);
      // Records of other ranges are of the same fold only while it did not move.
      const records = new Map([...(held?.records ?? [])].filter(([, r]) => r.logPosition === fold.logPosition));
      records.set(key, { logPosition: fold.logPosition, record });
      this.hold({ fold, records });
      return record;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Lets the held inputs go now (they go by themselves `keepMs` after the last read). */
  forget(): void {
    this.held = null;
    if (this.release) clearTimeout(this.release);
    this.release = null;
  }

  private hold(held: Held): void {
    this.forget();
    if (this.keepMs <= 0) return;
    this.held = held;
    this.release = setTimeout(() => this.forget(), this.keepMs);
    this.release.unref();
  }
}
