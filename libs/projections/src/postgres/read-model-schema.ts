import type { PoolClient } from 'pg';

/**
 * The read models' tables on PostgreSQL, beside the log in the same database: documents (the exact
 * JSON text a fold produced, never jsonb, which would re-serialise it and change the digest; keys in
 * the "C" collation so key order is byte order, as in the embedded store), each subscriber's
 * checkpoint, and the events a subscriber parked. Names start with `rm_` so they never meet the
 * event store's own `checkpoints`.
 */
export const readModelSchemaSql = (schema: string): string => `
CREATE SCHEMA IF NOT EXISTS ${schema};
CREATE TABLE IF NOT EXISTS ${schema}.rm_documents (
  projection text COLLATE "C" NOT NULL,
  key        text COLLATE "C" NOT NULL,
  doc        text NOT NULL,
  PRIMARY KEY (projection, key)
);
CREATE TABLE IF NOT EXISTS ${schema}.rm_checkpoints (
  projection     text COLLATE "C" PRIMARY KEY,
  position       bigint  NOT NULL,
  version        integer NOT NULL,
  events_applied bigint  NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS ${schema}.rm_subscriber_failures (
  id          bigserial PRIMARY KEY,
  subscriber  text COLLATE "C" NOT NULL,
  position    bigint  NOT NULL,
  stream_id   text    NOT NULL,
  revision    integer NOT NULL,
  event_id    text    NOT NULL,
  event_type  text    NOT NULL,
  error       text    NOT NULL,
  attempts    integer NOT NULL,
  failed_at   text    NOT NULL,
  resolved_at text,
  UNIQUE (subscriber, position)
);
`;

/** The first of the two keys of every advisory lock the read models take (the second names the subscriber). */
export const READ_MODEL_LOCK_CLASS = 0x0a5b_0001;

export const createReadModelSchema = async (client: PoolClient, schema: string): Promise<void> => {
  await client.query('BEGIN');
  try {
    // Processes starting at once would race on CREATE … IF NOT EXISTS (a unique violation in the catalogue).
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [READ_MODEL_LOCK_CLASS]);
    await client.query(readModelSchemaSql(schema));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};
