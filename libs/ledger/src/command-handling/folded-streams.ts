import type { StoredEvent } from '@asb/event-store';
import { eventWeight } from './event-weight';

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
 * and re-hashing them every time). Bounded by the events it holds, the streams, and the bytes of heap
 * its events weigh (`eventWeight`: a bound in events alone let a thread hold 320 MB of the bench's
 * submissions, and any number of large ones, which lengthened the collector's pauses; D79), least
 * recently used out first. It keeps what was verified when read: altered bytes of older events are the
 * verifier's finding, not a reason to decide differently (D57).
 */
export class FoldedStreams {
  private readonly entries = new Map<string, Held>();
  private held = 0;
  private heldBytes = 0;

  constructor(
    private readonly maxEvents = 30_000,
    private readonly maxStreams = 10_000,
    private readonly maxBytes = Infinity,
  ) {}

  get<S>(streamId: string, decider: object): FoldedStream<S> | undefined {
    const held = this.entries.get(streamId);
    if (!held || held.fold.decider !== decider) return undefined;
    this.entries.delete(streamId); // most recently used last
    this.entries.set(streamId, held);
    return held.fold as FoldedStream<S>;
  }

  /** The fold held for a stream, whatever its decider, without counting it as used. */
  peek(streamId: string): FoldedStream | undefined {
    return this.entries.get(streamId)?.fold;
  }

  set(streamId: string, entry: FoldedStream): void {
    const bytes = this.weigh(this.entries.get(streamId), entry.events);
    this.delete(streamId);
    this.entries.set(streamId, { fold: entry, bytes });
    this.held += entry.events.length;
    this.heldBytes += bytes;
    for (const oldest of this.entries.keys()) {
      if ((this.held <= this.maxEvents && this.heldBytes <= this.maxBytes && this.entries.size <= this.maxStreams) || oldest === streamId) break;
      this.delete(oldest);
    }
  }

  delete(streamId: string): void {
    const old = this.entries.get(streamId);
    if (!old) return;
    this.entries.delete(streamId);
    this.held -= old.fold.events.length;
    this.heldBytes -= old.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.held = 0;
    this.heldBytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** What the folds' events weigh now, about (`eventWeight`). */
  get bytes(): number {
    return this.heldBytes;
  }

  /** A fold's weight: what the one it replaces weighed plus its new events, when it extends that one (the usual case). */
  private weigh(old: Held | undefined, events: readonly StoredEvent[]): number {
    const before = old?.fold.events ?? [];
    const extending = before.length > 0 && before.length <= events.length && events[before.length - 1] === before[before.length - 1];
    let bytes = extending ? old!.bytes : 0;
    for (let i = extending ? before.length : 0; i < events.length; i++) bytes += eventWeight(events[i]);
    return bytes;
  }
}

type Held = { fold: FoldedStream; bytes: number };
