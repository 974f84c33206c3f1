import type { StoredEvent } from '@asb/event-store';
import type { Projection } from './projection';
import type { ParkedEvent, SubscriberFailure } from './failures/subscriber-failures';

/** DI token of the writer's port (the failures page reads parked events through it). */
export const PROJECTION_STORE = Symbol('PROJECTION_STORE');

export type ProjectionCheckpoint = Readonly<{ position: number; version: number; eventsApplied: number }>;

/** A fold of the log into several projections at once, written in large transactions (see ReadModelStore.foldSession). */
export type FoldSession = Readonly<{
  /** Folds a batch into the pending documents; returns how many events are folded since the last commit. */
  fold: (events: readonly StoredEvent[]) => number | Promise<number>;
  /** Writes every pending document and checkpoint in one transaction. */
  commit: () => void | Promise<void>;
}>;

/**
 * The writer's side of the read models, as the ProjectionRunner and the reactors use it: documents,
 * checkpoints and parked events, each batch committed whole. Asynchronous because a server store
 * (PostgreSQL) answers over the network; the embedded store is adapted by `sqliteProjectionStore`.
 * Whatever the store, a batch is folded from the checkpoint read inside its own transaction, so an
 * event is never counted twice — not after a restart, and not when two runners overlap for a moment
 * during a failover (D56).
 */
export interface ProjectionStore {
  readonly kind: 'sqlite' | 'postgres';
  checkpoint(name: string): Promise<ProjectionCheckpoint | null>;
  /** Applies a batch to one projection: documents, checkpoint and parked events in one transaction. */
  applyBatch<State>(projection: Projection<State>, events: readonly StoredEvent[]): Promise<number>;
  /**
   * Optional: applies a batch to several projections in one transaction, all or nothing (the embedded
   * store; D72). Without it the runner applies a batch projection by projection.
   */
  applyBatches?(projections: readonly Projection<any>[], events: readonly StoredEvent[]): Promise<void>;
  /** Sets one event aside for one subscriber, with the checkpoint past it, in one transaction. */
  park(failure: ParkedEvent, version?: number): Promise<void>;
  /** Moves a checkpoint that has no documents (a reactor's), counting `events` (default 1) as acted on. */
  advanceCheckpoint(name: string, position: number, events?: number): Promise<void>;
  foldSession(projections: readonly Projection<any>[], options: { fromZero: boolean }): Promise<FoldSession>;
  dropRetired(known: readonly string[]): Promise<string[]>;
  reset(name: string): Promise<void>;
  count(name: string): Promise<number>;
  /** SHA-256 over every document of a projection in key order (comparable across stores). */
  digest(name: string): Promise<string>;
  /** A subscriber's events still parked, oldest first. */
  parked(subscriber: string, limit?: number): Promise<SubscriberFailure[]>;
  parkedCounts(): Promise<Record<string, number>>;
  /** Every failure, parked or resolved, in recording order after the cursor `after`. */
  failures(options: { after?: number; limit: number }): Promise<SubscriberFailure[]>;
  resolve(subscriber: string, position: number): Promise<void>;
}
