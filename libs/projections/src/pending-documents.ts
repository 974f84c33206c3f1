import type { StoredEvent } from '@asb/event-store';
import { handlerFilter, type Projection } from './projection';
import { parkedEvent, type ParkedEvent } from './failures/subscriber-failures';

/**
 * Documents a batch of events changed, not yet written, the checkpoint they move to, and the events
 * the projection failed on. An event is applied whole or not at all: when `keysOf` or `evolve`
 * throws, none of its keys change and the event is parked — the same way live, on catch-up and in a
 * rebuild, so a rebuild still equals the live documents.
 */
export class PendingDocuments<State> {
  readonly dirty = new Map<string, State>();
  readonly parked: ParkedEvent[] = [];
  lastPosition = 0;
  applied = 0;
  private readonly handles: (type: string) => boolean;

  constructor(
    readonly projection: Projection<State>,
    readonly from: { position: number; eventsApplied: number } | null,
    private readonly stored: (key: string) => State | undefined,
  ) {
    this.handles = handlerFilter(projection);
  }

  fold(events: readonly StoredEvent[]): void {
    const after = this.from?.position ?? 0;
    for (const event of events) {
      if (event.position > this.lastPosition) this.lastPosition = event.position;
      if (event.position <= after) continue; // already counted before a restart
      if (!this.handles(event.type)) continue;
      // Arrays, not a Map per event: this loop is the whole cost of a rebuild.
      let keys: readonly string[];
      const next: State[] = [];
      try {
        keys = this.projection.keysOf(event);
        for (let i = 0; i < keys.length; i++) {
          const earlier = i > 0 ? keys.lastIndexOf(keys[i], i - 1) : -1; // a key listed twice folds twice
          next.push(this.projection.evolve(earlier >= 0 ? next[earlier] : this.current(keys[i]), event));
        }
      } catch (error) {
        // Evolve is pure: the same event fails the same way every time, so it is parked at once.
        this.parked.push(parkedEvent(this.projection.name, event, error, 1));
        continue;
      }
      this.applied++;
      for (let i = 0; i < keys.length; i++) this.dirty.set(keys[i], next[i]);
    }
  }

  /**
   * The keys a batch will read that are neither pending nor known to be absent: a store that cannot
   * read synchronously (PostgreSQL) loads them in one query before `fold`. An event whose `keysOf`
   * throws names none (it is parked by `fold`).
   */
  keysToLoad(events: readonly StoredEvent[]): string[] {
    const after = this.from?.position ?? 0;
    const keys = new Set<string>();
    for (const event of events) {
      if (event.position <= after || !this.handles(event.type)) continue;
      try {
        for (const key of this.projection.keysOf(event)) if (!this.dirty.has(key)) keys.add(key);
      } catch {
        // parked by fold
      }
    }
    return [...keys];
  }

  private current(key: string): State {
    return this.dirty.has(key) ? this.dirty.get(key)! : (this.stored(key) ?? this.projection.initialState(key));
  }
}
