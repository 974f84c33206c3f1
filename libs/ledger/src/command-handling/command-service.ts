import { DomainError, type Command, type Decider, type DomainEvent } from '@asb/domain';
import { recomputeHash, WrongExpectedRevisionError, type EventStore, type ExpectedRevision, type StoredEvent, type UpcasterRegistry } from '@asb/event-store';
import { metadataFor, type CommandContext } from './command-context';
import { deterministicUuid } from './deterministic-id';
import { FoldedStreams, type FoldedStream } from './folded-streams';
import { IdempotencyKeyReusedError } from './idempotency-key-reused.error';
import type { LogWatch } from './log-watch';
import { WatchedFolds } from './watched-folds';

export type CommandResult<E extends DomainEvent> = Readonly<{
  streamId: string;
  events: E[];
  stored: StoredEvent[];
  /** True when this command id had been handled before: nothing new was written. */
  replayed: boolean;
}>;

/** How a command ended: events recorded, nothing to record, a retry answered, refused by the decider, lost a race, or failed. */
export type CommandOutcome = 'recorded' | 'unchanged' | 'replayed' | 'refused' | 'conflict' | 'failed';

export const toDomainEvent = <E extends DomainEvent>(event: StoredEvent): E => ({ type: event.type, data: event.data }) as E;

/** A stream's state: its events folded with the decider's evolve. */
export const foldEvents = <S, E extends DomainEvent>(decider: { evolve: (state: S, event: E) => S; initialState: () => S }, events: readonly StoredEvent[]): S =>
  events.reduce((s, e) => decider.evolve(s, toDomainEvent<E>(e)), decider.initialState());

/**
 * The one write path: read the stream, fold it with evolve, decide, append with the revision
 * that was read. A concurrent writer makes the append fail instead of deciding on stale state.
 * `store` is the upcasting view of the log, so a fold never meets an old shape; `upcasters` says
 * which schema version new events are written with.
 *
 * Streams are read once per process and then only from where they were (`FoldedStreams`): a load
 * asks the store for the stream's revision and reads just the events after the one it folded last,
 * so the access check, the decision and the reactors share one read of a stream (D57).
 */
export class CommandService {
  private readonly folded: FoldedStreams;
  /** With an active `LogWatch` (D84): which held folds are current, without a revision read per stream. */
  private readonly watched: WatchedFolds | null;
  /** Told of every command `handle` ends, by its type and outcome (the API counts them for /metrics). */
  onHandled: (type: string, outcome: CommandOutcome) => void = () => undefined;

  constructor(
    private readonly store: EventStore,
    private readonly upcasters: UpcasterRegistry,
    /** What the folds may hold: events (FOLDED_STREAM_EVENTS) and megabytes of heap (FOLDED_STREAM_MB); FoldedStreams' own bounds when not given. */
    folds: Readonly<{ events?: number; megabytes?: number }> = {},
    /** One look at the log per turn instead of a revision read per stream (D84); without it, or inactive, each load asks for its stream's revision. */
    watch?: LogWatch,
  ) {
    this.folded = new FoldedStreams(folds.events, undefined, folds.megabytes === undefined ? undefined : folds.megabytes * 1e6);
    this.watched = watch?.active ? new WatchedFolds(this.folded, watch) : null;
  }

  /** What the folds held weigh now, about, in bytes of heap (D79). */
  get foldedBytes(): number {
    return this.folded.bytes;
  }

  async load<S, C extends Command, E extends DomainEvent>(
    streamId: string,
    decider: Decider<S, C, E>,
    options: { asOf?: string } = {},
  ): Promise<{ state: S; events: StoredEvent[]; revision: number | null }> {
    if (options.asOf !== undefined) {
      const events = await this.store.readStream(streamId, options);
      return { state: foldEvents<S, E>(decider, events), events, revision: events.length ? events[events.length - 1].revision : null };
    }
    const watched = this.watched;
    // The look first: it may let go of folds (too much appended to list).
    watched?.look();
    const known = this.folded.get<S>(streamId, decider);
    let from: number;
    if (watched) {
      if (known && watched.current(streamId, known.revision)) return known;
      // Behind: only what was appended since, after the revision held.
      from = known ? (known.revision ?? -1) + 1 : 0;
    } else {
      const current = known ? await this.store.streamRevision(streamId) : undefined;
      if (known && current === known.revision) return known;
      // Only what was appended since (by this process's other paths, or by another process), when it follows on.
      from = known && current !== null && current !== undefined && (known.revision ?? -1) < current ? (known.revision ?? -1) + 1 : 0;
    }
    const reading = watched?.reads(streamId);
    let read: StoredEvent[];
    try {
      read = await this.store.readStream(streamId, { fromRevision: from });
    } finally {
      if (reading) watched!.done(reading);
    }
    const base = from > 0 ? known! : { state: decider.initialState(), events: [] as StoredEvent[] };
    const events = from > 0 ? [...base.events, ...read] : read;
    const state = read.reduce((s, e) => decider.evolve(s, toDomainEvent<E>(e)), base.state);
    const loaded = { decider, state, events, revision: events.length ? events[events.length - 1].revision : null };
    if (reading && !watched!.keep(reading, loaded.revision)) return loaded;
    this.folded.set(streamId, loaded);
    return loaded;
  }

  /**
   * Events this process has read off the log anyway (a subscription's delivered batch, in position
   * order): a fold held for their stream moves forward by each event that follows on from it, re-hashed
   * as a load re-hashes what it reads, so that the next load finds the fold current instead of reading
   * and parsing the stream again (D72: the checks reactor re-read each submitted farm-year's stream).
   * An event that does not follow, or does not match its hash, is left to the next load to read.
   */
  observe(events: readonly StoredEvent[]): void {
    for (const event of events) {
      const known = this.folded.peek(event.streamId);
      if (!known || event.revision !== (known.revision ?? -1) + 1 || recomputeHash(event) !== event.hash) continue;
      const decider = known.decider as { evolve: (state: unknown, event: DomainEvent) => unknown };
      this.folded.set(event.streamId, { decider, state: decider.evolve(known.state, toDomainEvent(event)), events: [...known.events, event], revision: event.revision });
    }
  }

  async handle<S, C extends Command, E extends DomainEvent>(
    streamId: string,
    decider: Decider<S, C, E>,
    command: C,
    ctx: CommandContext,
  ): Promise<CommandResult<E>> {
    try {
      const result = await this.decideAndAppend(streamId, decider, command, ctx);
      this.onHandled(command.type, result.replayed ? 'replayed' : result.stored.length ? 'recorded' : 'unchanged');
      return result;
    } catch (error) {
      this.onHandled(command.type, error instanceof DomainError || error instanceof IdempotencyKeyReusedError ? 'refused' : error instanceof WrongExpectedRevisionError ? 'conflict' : 'failed');
      throw error;
    }
  }

  private async decideAndAppend<S, C extends Command, E extends DomainEvent>(streamId: string, decider: Decider<S, C, E>, command: C, ctx: CommandContext): Promise<CommandResult<E>> {
    const { state, events: history, revision } = await this.load(streamId, decider);
    const byId = new Map(history.map((e) => [e.id, e]));
    if (byId.has(deterministicUuid(`${ctx.commandId}:0`))) {
      // A retry of a command that was already handled: answer with what it wrote then.
      const stored: StoredEvent[] = [];
      for (let i = 0; byId.has(deterministicUuid(`${ctx.commandId}:${i}`)); i++) stored.push(byId.get(deterministicUuid(`${ctx.commandId}:${i}`))!);
      const recorded = stored[0].metadata.requestFingerprint;
      if (ctx.requestFingerprint && recorded && recorded !== ctx.requestFingerprint) throw new IdempotencyKeyReusedError(ctx.commandId);
      return { streamId, events: stored.map((e) => toDomainEvent<E>(e)), stored, replayed: true };
    }
    const events = decider.decide(command, state);
    if (events.length === 0) return { streamId, events, stored: [], replayed: false };
    const result = await this.append(streamId, events, ctx, revision ?? 'no_stream');
    if (!result.replayed) {
      // The stream as it now is, without reading it: the state decided on plus what was stored.
      const next: FoldedStream<S> = {
        decider,
        state: result.stored.reduce((s, e) => decider.evolve(s, toDomainEvent<E>(e)), state),
        events: [...history, ...result.stored],
        revision: result.stored[result.stored.length - 1].revision,
      };
      this.folded.set(streamId, next);
    }
    return result;
  }

  /**
   * Records facts that need no decision on the stream's state (an access denial): appended
   * without a revision check, with the same ids, schema versions and metadata as decided events.
   */
  record<E extends DomainEvent>(streamId: string, events: E[], ctx: CommandContext): Promise<CommandResult<E>> {
    return this.append(streamId, events, ctx, 'any');
  }

  private async append<E extends DomainEvent>(streamId: string, events: E[], ctx: CommandContext, expected: ExpectedRevision): Promise<CommandResult<E>> {
    const metadata = metadataFor(ctx);
    const result = await this.store.append(
      streamId,
      events.map((e, i) => ({
        id: deterministicUuid(`${ctx.commandId}:${i}`),
        type: e.type,
        schemaVersion: this.upcasters.currentVersion(e.type),
        data: e.data,
        metadata,
      })),
      expected,
    );
    // The store answers with what it stored (positions, hashes, recorded time): nothing is read back.
    return { streamId, events, stored: result.events, replayed: result.idempotentReplay };
  }
}
