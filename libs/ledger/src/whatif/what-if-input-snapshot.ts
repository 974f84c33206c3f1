import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { EventStore } from '@asb/event-store';
import { logHoldsFold, type SavedFold, type WhatIfFold } from './what-if-inputs';

/** Bumped whenever the fold's shape or rules change: a snapshot of another format is ignored, never migrated. */
// 2: farms keep their soil types (the breakdown by soil).
export const WHAT_IF_FOLD_FORMAT = 2;

type Entries<M> = M extends Map<infer K, infer V> ? Array<[K, V]> : never;
type YearOfFold = WhatIfFold['years'] extends Map<string, infer Y> ? Y : never;
/** The fold as saved: its maps as lists of entries (in insertion order), which any realm reads back as plain data. */
type Saved = Pick<WhatIfFold, 'after' | 'afterEventId' | 'logPosition'> & {
  format: number;
  signature: string;
  farms: Entries<WhatIfFold['farms']>;
  years: Array<[string, Omit<YearOfFold, 'scores' | 'levies'> & { scores: Entries<YearOfFold['scores']>; levies: Entries<YearOfFold['levies']> }]>;
  normSets: Entries<WhatIfFold['normSets']>;
  reservations: Array<[string, Entries<WhatIfFold['reservations'] extends Map<string, infer A> ? A : never>]>;
};

/**
 * The what-if's folded inputs saved at a log position (D60), so that a run reads the snapshot and the
 * log's tail instead of the whole log. The fold is resumed exactly where it stopped, with the same
 * function, so the record it gives equals one read from the start (property-tested). A snapshot is
 * used only if it is not past the run's position and the log still holds, at its position, the event
 * it was folded to (a data directory reset or a different log is thus never mistaken for this one).
 * It is a file beside the read models, outside the log: deleting it only costs the next run a full read.
 */
export class WhatIfInputSnapshot implements SavedFold {
  /**
   * `signature` names what the folded data was read through besides the fold (the upcasters: a new
   * one changes what an old event reads as); a snapshot saved under another signature is not used.
   */
  constructor(
    private readonly path: string,
    private readonly signature = '',
  ) {}

  async load(store: EventStore, upTo: number): Promise<WhatIfFold | null> {
    if (!existsSync(this.path)) return null;
    let saved: Saved;
    try {
      saved = deserialize(readFileSync(this.path)) as Saved;
    } catch {
      return null;
    }
    if (saved?.format !== WHAT_IF_FOLD_FORMAT || saved.signature !== this.signature || saved.after > upTo || saved.after === 0) return null;
    if (!(await logHoldsFold(store, saved))) return null;
    const { format: _, farms, years, normSets, reservations, ...positions } = saved;
    return {
      ...positions,
      farms: new Map(farms),
      years: new Map(years.map(([k, y]) => [k, { ...y, scores: new Map(y.scores), levies: new Map(y.levies) }])),
      normSets: new Map(normSets),
      reservations: new Map(reservations.map(([k, apps]) => [k, new Map(apps)])),
    };
  }

  /** Written beside and renamed over: a reader never sees half a snapshot. */
  save(fold: WhatIfFold): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    const saved: Saved = {
      format: WHAT_IF_FOLD_FORMAT,
      signature: this.signature,
      after: fold.after,
      afterEventId: fold.afterEventId,
      logPosition: fold.logPosition,
      farms: [...fold.farms],
      years: [...fold.years].map(([k, y]) => [k, { ...y, scores: [...y.scores], levies: [...y.levies] }]),
      normSets: [...fold.normSets],
      reservations: [...fold.reservations].map(([k, apps]) => [k, [...apps]]),
    };
    writeFileSync(tmp, serialize(saved));
    renameSync(tmp, this.path);
  }
}
