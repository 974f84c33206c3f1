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
`;

type LeafRow = { leaf_index: number; position: number; hash: string; stream_id: string; revision: number; event_id: string; type: string };

/**
 * Checkpoints and the leaf record in SQLite tables of their own: in `events.db` beside the embedded
 * log (one file to back up), or in `DATA_DIR/checkpoints.db` when the log is EventStoreDB.
 */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly db: Database.Database;

  constructor(file: string, options: { readonly?: boolean } = {}) {
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
  async leafCount() {
    return this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM checkpoint_leaves').get()!.n;
  }
  async leaves(fromIndex: number, limit: number): Promise<LeafRecord[]> {
    return this.db
      .prepare<[number, number], LeafRow>('SELECT * FROM checkpoint_leaves WHERE leaf_index >= ? ORDER BY leaf_index LIMIT ?')
      .all(fromIndex, limit)
      .map((r) => ({ leafIndex: r.leaf_index, position: r.position, hash: r.hash, streamId: r.stream_id, revision: r.revision, eventId: r.event_id, type: r.type }));
  }
  async add(checkpoint: SignedCheckpoint, leaves: readonly LeafRecord[]) {
    const insertLeaf = this.db.prepare('INSERT INTO checkpoint_leaves (leaf_index, position, hash, stream_id, revision, event_id, type) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insertCheckpoint = this.db.prepare('INSERT INTO checkpoints (tree_size, body) VALUES (?, ?)');
    this.db
      .transaction(() => {
        const count = this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM checkpoint_leaves').get()!.n;
        if ((leaves[0]?.leafIndex ?? count) !== count || count + leaves.length !== checkpoint.treeSize) {
          throw new CheckpointConflictError(`the leaf record holds ${count} leaves; a checkpoint of size ${checkpoint.treeSize} adding ${leaves.length} does not extend it`);
        }
        for (const l of leaves) insertLeaf.run(l.leafIndex, l.position, l.hash, l.streamId, l.revision, l.eventId, l.type);
        insertCheckpoint.run(checkpoint.treeSize, JSON.stringify(checkpoint));
      })
      .immediate();
  }
  async close() {
    if (this.db.open) this.db.close();
  }
}
