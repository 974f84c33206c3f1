import type { Pool } from 'pg';
import type { SignedCheckpoint } from '../integrity/checkpoint';
import { CheckpointConflictError, type CheckpointStore, type LeafRecord } from '../integrity/checkpoint-store';

type LeafRow = { leaf_index: string; position: string; hash: string; stream_id: string; revision: number; event_id: string; type: string };

/**
 * Checkpoints and the leaf record in tables of the PostgreSQL store's database, beside the log as
 * on the embedded store (one database to back up). Shares the event store's pool; the event store
 * owns it and closes it.
 */
export class PostgresCheckpointStore implements CheckpointStore {
  constructor(
    private readonly pool: Pool,
    private readonly ready: Promise<void>,
  ) {}

  private async query<R extends object>(text: string, values: unknown[] = []): Promise<R[]> {
    await this.ready;
    return (await this.pool.query<R>(text, values)).rows;
  }

  private parse(row: { body: string } | undefined): SignedCheckpoint | null {
    return row ? (JSON.parse(row.body) as SignedCheckpoint) : null;
  }

  async latest() {
    return this.parse((await this.query<{ body: string }>('SELECT body FROM checkpoints ORDER BY tree_size DESC LIMIT 1'))[0]);
  }
  async at(treeSize: number) {
    return this.parse((await this.query<{ body: string }>('SELECT body FROM checkpoints WHERE tree_size = $1', [treeSize]))[0]);
  }
  async all() {
    return (await this.query<{ body: string }>('SELECT body FROM checkpoints ORDER BY tree_size')).map((r) => this.parse(r)!);
  }
  async leafCount() {
    return Number((await this.query<{ n: string }>('SELECT COUNT(*) AS n FROM checkpoint_leaves'))[0]!.n);
  }
  async leaves(fromIndex: number, limit: number): Promise<LeafRecord[]> {
    const rows = await this.query<LeafRow>('SELECT * FROM checkpoint_leaves WHERE leaf_index >= $1 ORDER BY leaf_index LIMIT $2', [fromIndex, limit]);
    return rows.map((r) => ({
      leafIndex: Number(r.leaf_index),
      position: Number(r.position),
      hash: r.hash,
      streamId: r.stream_id,
      revision: r.revision,
      eventId: r.event_id,
      type: r.type,
    }));
  }
  async add(checkpoint: SignedCheckpoint, leaves: readonly LeafRecord[]) {
    await this.ready;
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      // One signer at a time, as BEGIN IMMEDIATE does on the embedded store; readers are not blocked.
      await client.query('LOCK TABLE checkpoint_leaves IN SHARE ROW EXCLUSIVE MODE');
      const count = Number((await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM checkpoint_leaves')).rows[0]!.n);
      if ((leaves[0]?.leafIndex ?? count) !== count || count + leaves.length !== checkpoint.treeSize) {
        throw new CheckpointConflictError(`the leaf record holds ${count} leaves; a checkpoint of size ${checkpoint.treeSize} adding ${leaves.length} does not extend it`);
      }
      for (let i = 0; i < leaves.length; i += 5000) {
        const chunk = leaves.slice(i, i + 5000);
        await client.query(
          `INSERT INTO checkpoint_leaves (leaf_index, position, hash, stream_id, revision, event_id, type)
           SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[])`,
          [chunk.map((l) => l.leafIndex), chunk.map((l) => l.position), chunk.map((l) => l.hash), chunk.map((l) => l.streamId), chunk.map((l) => l.revision), chunk.map((l) => l.eventId), chunk.map((l) => l.type)],
        );
      }
      await client.query('INSERT INTO checkpoints (tree_size, body) VALUES ($1, $2)', [checkpoint.treeSize, JSON.stringify(checkpoint)]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw error;
    } finally {
      client.release(broken);
    }
  }
  /** The pool is the event store's: it closes it. */
  async close() {}
}
