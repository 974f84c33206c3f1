import { CorruptStoreError } from '../errors';
import { readAllInBatches, type EventStore } from '../event-store.port';
import { GENESIS_HASH, recomputeHash } from '../hashing';
import { signCheckpoint, type SignedCheckpoint, type SigningKey } from './checkpoint';
import { leafRecordBatches, type CheckpointStore, type LeafRecord } from './checkpoint-store';
import type { ConsistencyProof, InclusionProof } from './log-proofs';
import { eventLeaf, MerkleTree } from './merkle';
import { StreamHeads, type StreamHeadProof } from './stream-heads';

/** Events re-hashed between two turns of the event loop while a checkpoint is signed (500 were 10–15 ms of CPU on a loaded machine, D78). */
const CHECKPOINT_READ_BATCH = 250;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export type CheckpointResult = Readonly<{ checkpoint: SignedCheckpoint; created: boolean; addedEvents: number }>;

/** A finding that stops the checkpointer signing: it never signs over history it cannot vouch for. */
export class CheckpointRefusedError extends Error {
  readonly code = 'CHECKPOINT_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointRefusedError';
  }
}

/**
 * Extends the log's Merkle tree and the stream heads with every event appended since the last
 * checkpoint, and signs a checkpoint over them. Holds the tree in memory (64 bytes an event), built
 * on first use from the leaf record and checked against the newest signed checkpoint, so proofs
 * for any checkpoint are O(log² n). One per process; calls are serialised.
 */
export class Checkpointer {
  private tree = new MerkleTree();
  private heads: StreamHeads;
  private positions: number[] = [];
  private loaded = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly log: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly options: Readonly<{ logName: string; key: () => SigningKey | null; now: () => string; streamHeadsInPlace?: boolean; turns?: boolean }>,
  ) {
    this.heads = this.newHeads();
  }

  /**
   * CHECKPOINT_TURNS (default on; D72's last step, D78): the signer hands the event loop back while it re-hashes
   * the interval's events, brings the stream-heads tree up to date and writes the leaf record, so that the thread
   * it shares (the subscriber thread's projections and read-your-writes answers) is never held for long. Off: each
   * of those in one go, as before, to measure against. The checkpoint signed is the same either way.
   */
  private get turns(): boolean {
    return this.options.turns ?? true;
  }

  private newHeads(): StreamHeads {
    return new StreamHeads({ inPlace: this.options.streamHeadsInPlace ?? true });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Brings the in-memory tree up to the newest stored checkpoint, from the leaf record. */
  private async refresh(): Promise<void> {
    if (!this.loaded) {
      this.tree = new MerkleTree();
      this.heads = this.newHeads();
      this.positions = [];
    }
    const latest = await this.checkpoints.latest();
    const wanted = latest?.treeSize ?? 0;
    if (this.loaded && this.tree.size === wanted) return;
    for await (const batch of leafRecordBatches(this.checkpoints, { from: this.tree.size })) {
      if (this.turns) await turn(); // another signer's checkpoint, read in: thousands of leaves a batch
      for (const leaf of batch) {
        if (leaf.leafIndex !== this.tree.size) break; // a gap in the record: caught by the size check below
        this.tree.append(eventLeaf(leaf.hash));
        this.positions.push(leaf.position);
        this.heads.set(leaf.streamId, leaf.revision, leaf.hash);
      }
    }
    if (this.tree.size !== wanted || (latest && this.tree.root().toString('hex') !== latest.rootHash)) {
      this.loaded = false;
      throw new CheckpointRefusedError(
        `the leaf record (${this.tree.size} leaves) does not match the newest checkpoint (size ${wanted}): the record or the checkpoints were altered; run asb verify`,
      );
    }
    this.loaded = true;
  }

  /** Signs a checkpoint over everything appended so far; an unchanged log keeps its newest checkpoint. */
  checkpoint(): Promise<CheckpointResult> {
    return this.serial(async () => {
      try {
        await this.refresh();
        const latest = await this.checkpoints.latest();
        const added: LeafRecord[] = [];
        const after = this.positions.at(-1) ?? 0;
        for await (const batch of readAllInBatches(this.log, { after, batchSize: CHECKPOINT_READ_BATCH })) {
          // The embedded store reads synchronously: without a turn of the event loop between batches, one
          // checkpoint's re-hashing (thousands of events every few seconds under load) held the subscriber thread
          // for 100 ms or more, and every read-your-writes answer waiting on it (issue 18's p99).
          if (this.turns) await turn();
          for (const e of batch) {
            // Never sign bytes that do not verify: a checkpoint would make them look authentic.
            const head = this.heads.get(e.streamId);
            if (recomputeHash(e) !== e.hash) throw new CorruptStoreError(`event ${e.streamId}@${e.revision} (position ${e.position}) does not match its hash: no checkpoint signed`, e.position);
            if (e.revision !== (head ? head.revision + 1 : 0) || e.prevHash !== (head?.hash ?? GENESIS_HASH)) {
              throw new CorruptStoreError(`event ${e.streamId}@${e.revision} (position ${e.position}) does not follow its stream's head: no checkpoint signed`, e.position);
            }
            this.tree.append(eventLeaf(e.hash));
            this.positions.push(e.position);
            this.heads.set(e.streamId, e.revision, e.hash);
            added.push({ leafIndex: this.tree.size - 1, position: e.position, hash: e.hash, streamId: e.streamId, revision: e.revision, eventId: e.id, type: e.type });
          }
        }
        if (latest && !added.length) return { checkpoint: latest, created: false, addedEvents: 0 };
        // The stream-heads tree cut and appended again where new streams appeared (120–180 ms over 60,000 streams at once, D78).
        if (this.turns) await this.heads.settle();
        const key = this.options.key();
        if (!key) throw new CheckpointRefusedError('no signing key: set ASB_SIGNING_KEY or let the writer create DATA_DIR/signing-key.pem');
        const checkpoint = signCheckpoint(
          {
            // A log's name is fixed by its first checkpoint; the configured name only names a new log.
            log: latest?.log ?? this.options.logName,
            treeSize: this.tree.size,
            rootHash: this.tree.root().toString('hex'),
            lastPosition: this.positions.at(-1) ?? 0,
            streams: { count: this.heads.count, rootHash: this.heads.root() },
            issuedAt: this.options.now(),
          },
          key,
        );
        await this.checkpoints.add(checkpoint, added, { turns: this.turns });
        return { checkpoint, created: true, addedEvents: added.length };
      } catch (error) {
        this.loaded = false; // rebuilt from the record next time: the in-memory tree may be ahead of what was stored
        throw error;
      }
    });
  }

  latest(): Promise<SignedCheckpoint | null> {
    return this.checkpoints.latest();
  }

  at(treeSize: number): Promise<SignedCheckpoint | null> {
    return this.checkpoints.at(treeSize);
  }

  /** Leaf index of the event at a global position in the checkpointed tree, or null. */
  private leafIndexOf(position: number): number | null {
    let lo = 0;
    let hi = this.positions.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.positions[mid] === position) return mid;
      if (this.positions[mid] < position) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }

  /** Inclusion of the event at `position` in the checkpoint of `treeSize` (default: the newest). */
  inclusion(position: number, treeSize?: number): Promise<InclusionProof | null> {
    return this.serial(async () => {
      await this.refresh();
      const size = treeSize ?? this.tree.size;
      const leafIndex = this.leafIndexOf(position);
      if (leafIndex === null || leafIndex >= size || size > this.tree.size || !(await this.checkpoints.at(size))) return null;
      return { leafIndex, treeSize: size, path: this.tree.inclusionProof(leafIndex, size).map((h) => h.toString('hex')) };
    });
  }

  consistency(first: number, second: number): Promise<ConsistencyProof | null> {
    return this.serial(async () => {
      await this.refresh();
      if (first > second || second > this.tree.size || !(await this.checkpoints.at(second)) || (first > 0 && !(await this.checkpoints.at(first)))) return null;
      return { first, second, path: this.tree.consistencyProof(first, second).map((h) => h.toString('hex')) };
    });
  }

  /** A stream's head at the checkpoint of `treeSize`, proven against its stream-heads root. */
  streamHead(streamId: string, treeSize?: number): Promise<StreamHeadProof | null> {
    return this.serial(async () => {
      await this.refresh();
      const size = treeSize ?? this.tree.size;
      if (size === this.tree.size) return this.heads.proof(streamId);
      if (size > this.tree.size || !(await this.checkpoints.at(size))) return null;
      // An older checkpoint: its heads are rebuilt from the leaf record up to its size.
      const heads = new StreamHeads();
      for await (const batch of leafRecordBatches(this.checkpoints)) for (const l of batch) if (l.leafIndex < size) heads.set(l.streamId, l.revision, l.hash);
      return heads.proof(streamId);
    });
  }
}
