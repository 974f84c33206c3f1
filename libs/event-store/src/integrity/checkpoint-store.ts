import type { SignedCheckpoint } from './checkpoint';

/**
 * One leaf of the log's tree as the checkpointer recorded it: which event sat at which leaf, with
 * the hash it had. Checked against the signed roots before it is believed, it names an event that
 * was later deleted or rewritten (its stream, revision, id and type), where the log alone cannot.
 */
export type LeafRecord = Readonly<{
  leafIndex: number;
  position: number;
  hash: string;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
}>;

/**
 * Where checkpoints and the leaf record live: beside the log, never inside its events (on
 * EventStoreDB the log is not ours to add rows to, and a checkpoint inside the tree it signs would
 * chase its own tail). Append-only: `add` refuses a checkpoint that does not extend the record.
 */
export interface CheckpointStore {
  latest(): Promise<SignedCheckpoint | null>;
  at(treeSize: number): Promise<SignedCheckpoint | null>;
  /** Every checkpoint, by tree size. */
  all(): Promise<SignedCheckpoint[]>;
  leafCount(): Promise<number>;
  /** Leaf records from `fromIndex`, in leaf order. */
  leaves(fromIndex: number, limit: number): Promise<LeafRecord[]>;
  /**
   * Stores a checkpoint and the leaves it adds, all or nothing; throws when another writer got there first.
   * `turns`: a store that writes synchronously hands the event loop back while it writes many leaves (D78).
   */
  add(checkpoint: SignedCheckpoint, leaves: readonly LeafRecord[], options?: Readonly<{ turns?: boolean }>): Promise<void>;
  close(): Promise<void>;
}

export class CheckpointConflictError extends Error {
  readonly code = 'CHECKPOINT_CONFLICT';
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointConflictError';
  }
}

/** Iterate the leaf record in batches. */
export async function* leafRecordBatches(store: CheckpointStore, options: { from?: number; batchSize?: number } = {}): AsyncGenerator<LeafRecord[]> {
  const batchSize = options.batchSize ?? 5000;
  for (let from = options.from ?? 0; ; from += batchSize) {
    const batch = await store.leaves(from, batchSize);
    if (batch.length) yield batch;
    if (batch.length < batchSize) return;
  }
}

/** For the in-memory store and tests. */
export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly checkpoints: SignedCheckpoint[] = [];
  private readonly records: LeafRecord[] = [];

  async latest() {
    return this.checkpoints.at(-1) ?? null;
  }
  async at(treeSize: number) {
    return this.checkpoints.find((c) => c.treeSize === treeSize) ?? null;
  }
  async all() {
    return [...this.checkpoints];
  }
  async leafCount() {
    return this.records.length;
  }
  async leaves(fromIndex: number, limit: number) {
    return this.records.slice(fromIndex, fromIndex + limit);
  }
  async add(checkpoint: SignedCheckpoint, leaves: readonly LeafRecord[]) {
    if ((leaves[0]?.leafIndex ?? this.records.length) !== this.records.length || this.records.length + leaves.length !== checkpoint.treeSize) {
      throw new CheckpointConflictError(`the leaf record holds ${this.records.length} leaves; this checkpoint does not extend it`);
    }
    this.records.push(...leaves);
    this.checkpoints.push(checkpoint);
  }
  async close() {}
}
