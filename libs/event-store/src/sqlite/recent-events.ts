import type { StoredEvent } from '../event-envelope';

/**
 * The newest events this connection read from the log, parsed, so that the subscriptions of one
 * process — the projection runner and each reactor, each reading from its own checkpoint — parse
 * each event once instead of once apiece (D72). It holds a contiguous stretch of the log: every
 * event with a position in (`after`, `upTo`]. That stays true as the log grows, because commits
 * come in position order (one writer at a time, positions assigned inside the write transaction) and
 * stored events never change; what lies past `upTo` is always read from the file.
 */
export class RecentEvents {
  private events: StoredEvent[] = [];
  /** The stretch held: every event after `after` up to `upTo`, both positions. */
  private after = 0;
  private upTo = -1;

  constructor(private readonly max: number) {}

  /**
   * Up to `limit` events after `after`: those held, then what `read(from, limit)` finds past the
   * stretch (which is kept too). A read before the stretch is read whole and starts a new one.
   */
  read(after: number, limit: number, read: (after: number, limit: number) => StoredEvent[]): StoredEvent[] {
    const want = limit < 0 ? Infinity : limit;
    if (after < this.after || after > this.upTo) {
      const fresh = read(after, limit);
      this.keep(after, fresh, after);
      return fresh;
    }
    const held = this.events.slice(this.firstAfter(after), this.events.length).slice(0, want === Infinity ? undefined : want);
    if (held.length >= want) return held;
    const more = read(this.upTo, want === Infinity ? -1 : want - held.length);
    if (!more.length) return held;
    this.keep(this.after, [...this.events, ...more], this.upTo);
    return [...held, ...more];
  }

  /** Forgets what is held (the store was closed or found damaged). */
  clear(): void {
    this.events = [];
    this.after = 0;
    this.upTo = -1;
  }

  private keep(after: number, events: StoredEvent[], readUpTo: number): void {
    // What a read returned covers (after, its last position]; an empty read covers nothing new.
    const upTo = events.length ? events[events.length - 1].position : readUpTo;
    const drop = Math.max(0, events.length - this.max);
    this.after = drop ? events[drop - 1].position : after;
    this.events = drop ? events.slice(drop) : events;
    this.upTo = Math.max(upTo, this.after);
  }

  /** Index of the first held event after `position` (binary search: positions ascend). */
  private firstAfter(position: number): number {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.events[mid].position <= position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
