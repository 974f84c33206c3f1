import type { StoredEvent } from '@asb/event-store';

/** A stream folded with one decider, as of its revision. */
export type FoldedStream<S = unknown> = Readonly<{
  decider: object;
  state: S;
  events: StoredEvent[];
  /** Revision of the last event folded; null for a stream that did not exist. */
  revision: number | null;
}>;

/**
 * The streams this process folded last, so that the next command or read on a stream reads only
 * what was appended since — or, when its revision has not moved, nothing at all (issue 18: the
 * access decision, the decision and the reactor's check each loaded the same streams again, parsing
 * and re-hashing them every time). Bounded by the events it holds, least recently used out first.
 * It keeps what was verified when read: altered bytes of older events are the verifier's finding,
 * not a reason to decide differently (D57).
 */
export class FoldedStreams {
  private readonly entries = new Map<string, FoldedStream>();
  private held = 0;

  constructor(
    private readonly maxEvents = 30_000,
    private readonly maxStreams = 10_000,
  ) {}

  get<S>(streamId: string, decider: object): FoldedStream<S> | undefined {
    const entry = this.entries.get(streamId);
    if (!entry || entry.decider !== decider) return undefined;
    this.entries.delete(streamId); // most recently used last
    this.entries.set(streamId, entry);
    return entry as FoldedStream<S>;
  }

  /** The fold held for a stream, whatever its decider, without counting it as used. */
  peek(streamId: string): FoldedStream | undefined {
    return this.entries.get(streamId);
  }

  set(streamId: string, entry: FoldedStream): void {
    this.delete(streamId);
    this.entries.set(streamId, entry);
    this.held += entry.events.length;
    for (const [oldest, e] of this.entries) {
      if ((this.held <= this.maxEvents && this.entries.size <= this.maxStreams) || oldest === streamId) break;
      this.entries.delete(oldest);
      this.held -= e.events.length;
    }
  }

  delete(streamId: string): void {
    const old = this.entries.get(streamId);
    if (!old) return;
    this.entries.delete(streamId);
    this.held -= old.events.length;
  }

  get size(): number {
    return this.entries.size;
  }
}
