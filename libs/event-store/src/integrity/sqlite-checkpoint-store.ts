import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SignedCheckpoint } from './checkpoint';
import { CheckpointConflictError, type CheckpointStore, type LeafRecord } from './checkpoint-store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoints (
  tree_size INTEGER PRIMARY KEY,
  body      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS checkpoint_leaves (
  leaf_index INTEGER PRIMARY KEY,
  position   INTEGER NOT NULL,
  hash       TEXT NOT NULL,
  stream_id  TEXT NOT NULL,
  revision   INTEGER NOT NULL,
  event_id   TEXT NOT NULL,
  type       TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS checkpoint_pending (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  from_index INTEGER NOT NULL
);
`;

/** Leaf records a transaction writes when a checkpoint adds more (D78): a few milliseconds each. */
const LEAF_CHUNK = 1000;

type LeafRow = { leaf_index: number; position: number; hash: string; stream_id: string; revision: number; event_id: string; type: string };

/**
 * Checkpoints and the leaf record in SQLite tables of their own: in `events.db` beside the embedded
 * log (one file to back up), or in `DATA_DIR/checkpoints.db` when the log is EventStoreDB.
 */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly db: Database.Database;

  private readonly leafChunk: number;
  /** Tests only: called after each chunk of leaves is committed (a throw there is a crash between chunks). */
  private readonly afterChunk?: (written: number) => void;

  constructor(file: string, options: { readonly?: boolean; leafChunk?: number; afterChunk?: (written: number) => void } = {}) {
    this.leafChunk = options.leafChunk ?? LEAF_CHUNK;
    this.afterChunk = options.afterChunk;
    if (!options.readonly) mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file, { fileMustExist: options.readonly ?? false });
    this.db.pragma('busy_timeout = 10000');
    if (!options.readonly) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
    }
    this.db.exec(SCHEMA);
  }

  private parse(row: { body: string } | undefined): SignedCheckpoint | null {
    return row ? (JSON.parse(row.body) as SignedCheckpoint) : null;
  }

  async latest() {
    return this.parse(this.db.prepare<[], { body: string }>('SELECT body FROM checkpoints ORDER BY tree_size DESC LIMIT 1').get());
  }
  async at(treeSize: number) {
    return this.parse(this.db.prepare<[number], { body: string }>('SELECT body FROM checkpoints WHERE tree_size = ?').get(treeSize));
  }
  async all() {
    return this.db.prepare<[], { body: string }>('SELECT body FROM checkpoints ORDER BY tree_size').all().map((r) => this.parse(r)!);
  }
  /** Leaves of a checkpoint still being written (D78) are not part of the record yet: every read stops before them. */
  private recordEnd(): number {
    return this.db.prepare<[], { from_index: number }>('SELECT from_index FROM checkpoint_pending WHERE id = 1').get()?.from_index ?? Number.MAX_SAFE_INTEGER;
  }
  async leafCount() {
    return this.db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM checkpoint_leaves WHERE leaf_index < ?').get(this.recordEnd())!.n;
  }
  async leaves(fromIndex: number, limit: number): Promise<LeafRecord[]> {
    return this.db
      .prepare<[number, number, number], LeafRow>('SELECT * FROM checkpoint_leaves WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index LIMIT ?')
      .all(fromIndex, this.recordEnd(), limit)
      .map((r) => ({ leafIndex: r.leaf_index, position: r.position, hash: r.hash, streamId: r.stream_id, revision: r.revision, eventId: r.event_id, type: r.type }));
  }

  /**
   * Where the record ends (the newest checkpoint's size), checked in each write's transaction: the checkpoint
   * must start there and its leaves must fill it up to its size, and no leaf may lie past the newest
   * checkpoint unless it is marked as being written (one lying there unmarked is a removed checkpoint's:
   * refused, as the verifier reports it).
   */
  private extends(checkpoint: SignedCheckpoint, leaves: readonly LeafRecord[]): number {
    const size = this.db.prepare<[], { n: number | null }>('SELECT MAX(tree_size) AS n FROM checkpoints').get()!.n ?? 0;
    const first = leaves[0]?.leafIndex ?? size;
    const beyond = this.db.prepare<[number, number], { i: number }>('SELECT leaf_index AS i FROM checkpoint_leaves WHERE leaf_index >= ? AND leaf_index < ? LIMIT 1').get(size, this.recordEnd());
    if (first !== size || beyond || first + leaves.length !== checkpoint.treeSize) {
      throw new CheckpointConflictError(`the record ends at ${beyond ? `leaf ${beyond.i} past the newest checkpoint (${size})` : size}; a checkpoint of size ${checkpoint.treeSize} adding ${leaves.length} does not extend it`);
    }
    return first;
  }

  private insertLeaves(leaves: readonly LeafRecord[]): void {
    const insertLeaf = this.db.prepare('INSERT OR REPLACE INTO checkpoint_leaves (leaf_index, position, hash, stream_id, revision, event_id, type) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const l of leaves) insertLeaf.run(l.leafIndex, l.position, l.hash, l.streamId, l.revision, l.eventId, l.type);
  }

  /**
   * Stores a checkpoint and its leaves, all or nothing. `turns` (the checkpoint signer's, D78): many leaves
   * are written in transactions of LEAF_CHUNK with a turn of the event loop between them, under a mark that
   * keeps them out of the record; the checkpoint and the end of the mark come last, in one transaction that
   * finds every leaf in place. A crash between chunks leaves marked leaves that no reader sees; the next
   * signer writes them again (the same leaves, derived from the same log) or, writing at once, first removes them.
   */
  async add(checkpoint: SignedCheckpoint, leaves: readonly LeafRecord[], options: Readonly<{ turns?: boolean }> = {}) {
    const chunked = options.turns === true && leaves.length > this.leafChunk;
    if (chunked) {
      // The chunks are not the record yet: committed without an fsync each (WAL), which held the thread about as
      // long as the write itself on a busy disk; the last transaction's fsync makes them durable with it.
      this.db.pragma('synchronous = NORMAL');
      try {
        for (let i = 0; i < leaves.length; i += this.leafChunk) {
          this.db
            .transaction(() => {
              const first = this.extends(checkpoint, leaves);
              this.db.prepare('INSERT OR REPLACE INTO checkpoint_pending (id, from_index) VALUES (1, ?)').run(first);
              this.insertLeaves(leaves.slice(i, i + this.leafChunk));
            })
            .immediate();
          this.afterChunk?.(i + this.leafChunk);
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      } finally {
        this.db.pragma('synchronous = FULL');
      }
    }
    const insertCheckpoint = this.db.prepare('INSERT INTO checkpoints (tree_size, body) VALUES (?, ?)');
    this.db
      .transaction(() => {
        const first = this.extends(checkpoint, leaves);
        if (chunked) {
          const written = this.db.prepare<[number, number], { n: number }>('SELECT COUNT(*) AS n FROM checkpoint_leaves WHERE leaf_index >= ? AND leaf_index < ?').get(first, checkpoint.treeSize)!.n;
          if (written !== leaves.length || this.recordEnd() !== first) {
            throw new CheckpointConflictError(`another signer wrote over the leaves of a checkpoint of size ${checkpoint.treeSize} (${written} of ${leaves.length} in place)`);
          }
          this.db.prepare('DELETE FROM checkpoint_leaves WHERE leaf_index >= ?').run(checkpoint.treeSize);
        } else {
          this.db.prepare('DELETE FROM checkpoint_leaves WHERE leaf_index >= ?').run(first); // an unfinished signer's marked leaves
          this.insertLeaves(leaves);
        }
        this.db.prepare('DELETE FROM checkpoint_pending').run();
        insertCheckpoint.run(checkpoint.treeSize, JSON.stringify(checkpoint));
      })
      .immediate();
  }
  async close() {
    if (this.db.open) this.db.close();
  }
}
