import type { PoolClient } from 'pg';

/**
 * The tables of the PostgreSQL store: the same shape as the embedded store's, so the integrity
 * machinery reads the same things from both.
 *
 * * `events`: one row per event; `body` is the exact canonical bytes that were hashed (text, never
 *   jsonb: jsonb would re-serialise them). Read-by columns (stream, revision, id, type, recorded
 *   time) sit beside the bytes, in the "C" collation so that string order is byte order.
 * * `streams`: each stream's head, written in the append's transaction (`stream_head_differs`).
 * * `log_head`: one row, the highest position ever assigned. Every append locks it first: appends
 *   are serialised, positions are assigned in commit order and never skip (D48).
 * * `checkpoints`, `checkpoint_leaves`: signed checkpoints and the leaf record, beside the log.
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS events (
  position    bigint  PRIMARY KEY,
  event_id    text    COLLATE "C" NOT NULL UNIQUE,
  stream_id   text    COLLATE "C" NOT NULL,
  revision    integer NOT NULL,
  type        text    COLLATE "C" NOT NULL,
  recorded_at text    COLLATE "C" NOT NULL,
  body        text    NOT NULL,
  hash        text    NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE INDEX IF NOT EXISTS events_recorded_at ON events (recorded_at);
CREATE TABLE IF NOT EXISTS streams (
  stream_id text    COLLATE "C" PRIMARY KEY,
  revision  integer NOT NULL,
  last_hash text    NOT NULL
);
CREATE TABLE IF NOT EXISTS log_head (
  id       smallint PRIMARY KEY CHECK (id = 1),
  position bigint   NOT NULL
);
INSERT INTO log_head (id, position) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
CREATE TABLE IF NOT EXISTS checkpoints (
  tree_size bigint PRIMARY KEY,
  body      text   NOT NULL
);
CREATE TABLE IF NOT EXISTS checkpoint_leaves (
  leaf_index bigint  PRIMARY KEY,
  position   bigint  NOT NULL,
  hash       text    NOT NULL,
  stream_id  text    COLLATE "C" NOT NULL,
  revision   integer NOT NULL,
  event_id   text    COLLATE "C" NOT NULL,
  type       text    COLLATE "C" NOT NULL
);
-- Bytes that are not JSON are the verifier's content finding; the index check skips them.
CREATE OR REPLACE FUNCTION asb_try_jsonb(t text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN t::jsonb;
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$$;
`;

/** Any fixed number: every process creating the schema at once takes this lock first. */
const SCHEMA_LOCK = 4_815_162_342;

export const createSchema = async (client: PoolClient): Promise<void> => {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query(SCHEMA_SQL);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};

export const schemaExists = async (client: PoolClient): Promise<boolean> => {
  const { rows } = await client.query<{ found: string | null }>("SELECT to_regclass('events')::text AS found");
  return rows[0]?.found != null;
};
