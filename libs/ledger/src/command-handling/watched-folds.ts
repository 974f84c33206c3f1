import type { FoldedStreams } from './folded-streams';
import type { LogWatch } from './log-watch';

/** A read a load started: handed back to `keep` once it is folded. */
export type WatchedRead = Readonly<{ streamId: string; overflows: number }>;

/**
 * Which held folds are current, learned from one look at the log per turn instead of a revision read per
 * stream (D84). Each append a look lists for a stream held (or being read) marks that fold behind, with
 * the newest revision seen; a fold without a mark is current, and a load reads nothing for it.
 */
export class WatchedFolds {
  /** The folds a look found behind, with the newest revision it saw. */
  private readonly behind = new Map<string, number>();
  /**
   * The streams a load is reading now (how many loads). A read is synchronous but its fold is kept some
   * promises later; a look in between (this process appended in the turn) may list an append the read did
   * not include, for a stream not held yet, so such a stream is marked behind too.
   */
  private readonly reading = new Map<string, number>();
  /** Looks that let every fold go: a read that started before one is not kept (what it missed was never listed). */
  private overflows = 0;

  constructor(
    folded: FoldedStreams,
    private readonly watch: LogWatch,
  ) {
    watch.listen({
      appended: (_position, streamId, revision) => {
        const known = folded.peek(streamId);
        if ((!known || (known.revision ?? -1) >= revision) && !this.reading.has(streamId)) return;
        this.behind.set(streamId, revision);
        // Marks of folds let go since would pile up: dropped when there are more than folds.
        if (this.behind.size > folded.size + 1_000) for (const id of this.behind.keys()) if (!folded.peek(id) && !this.reading.has(id)) this.behind.delete(id);
      },
      overflowed: () => {
        this.overflows++;
        folded.clear();
        this.behind.clear();
      },
    });
  }

  /** Brings the marks up to the log (once a turn); call before taking a fold, as a look may let every fold go. */
  look(): void {
    this.watch.look();
  }

  /** Whether a fold held at `revision` (null: an empty stream) may be used without reading. */
  current(streamId: string, revision: number | null): boolean {
    const newest = this.behind.get(streamId);
    return newest === undefined || newest <= (revision ?? -1);
  }

  /** A load starts reading `streamId`. */
  reads(streamId: string): WatchedRead {
    this.reading.set(streamId, (this.reading.get(streamId) ?? 0) + 1);
    return { streamId, overflows: this.overflows };
  }

  /** The read ended, read or failed. */
  done({ streamId }: WatchedRead): void {
    const loads = this.reading.get(streamId)! - 1;
    if (loads) this.reading.set(streamId, loads);
    else this.reading.delete(streamId);
  }

  /**
   * Whether the fold a read made may be kept: not when every fold was let go while it was on its way. When
   * kept, its mark goes — only once read (a read that failed leaves the fold marked behind), and not a
   * mark newer than the read.
   */
  keep({ streamId, overflows }: WatchedRead, revision: number | null): boolean {
    if (overflows !== this.overflows) return false;
    const mark = this.behind.get(streamId);
    if (mark !== undefined && mark <= (revision ?? -1)) this.behind.delete(streamId);
    return true;
  }
}
