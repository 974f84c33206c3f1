import { join } from 'node:path';
import { EventStoreDbEventStore } from './esdb/eventstoredb-event-store';
import type { EventStore } from './event-store.port';
import type { CheckpointStore } from './integrity/checkpoint-store';
import { SqliteCheckpointStore } from './integrity/sqlite-checkpoint-store';
import { InMemoryEventStore } from './memory/in-memory-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export type EventStoreConfig = Readonly<{
  /** EventStoreDB connection string; when absent the embedded store is used. */
  eventStoreUrl?: string;
  /** PostgreSQL connection string (DATABASE_URL); when absent the embedded store is used. */
  databaseUrl?: string;
  /** Data directory of the embedded store. */
  dataDir: string;
  inMemory?: boolean;
  /** PostgreSQL only: open an existing store, create no tables (read commands). */
  mustExist?: boolean;
  /** The embedded store only: commit on a thread of its own (the API process, D66). */
  writerThread?: boolean;
  /** The embedded store only: subscriptions share the parse of what they read (default on; D72). */
  sharedReads?: boolean;
}>;

/**
 * Adapter selection in one place: EVENTSTORE_URL → EventStoreDB, DATABASE_URL → PostgreSQL,
 * otherwise the embedded store. Both URLs at once is a configuration error, not a silent choice.
 */
export const createEventStore = (config: EventStoreConfig): EventStore => {
  if (config.inMemory) return new InMemoryEventStore();
  if (config.eventStoreUrl && config.databaseUrl) throw new Error('EVENTSTORE_URL and DATABASE_URL are both set: choose one event store');
  if (config.eventStoreUrl) return new EventStoreDbEventStore({ connectionString: config.eventStoreUrl });
  if (config.databaseUrl) return new PostgresEventStore({ connectionString: config.databaseUrl, mustExist: config.mustExist });
  return new SqliteEventStore({ file: join(config.dataDir, 'events.db'), writerThread: config.writerThread, sharedReads: config.sharedReads });
};

/**
 * Where the checkpoints of `log` live: beside it, never in it — tables of the same database for the
 * embedded and PostgreSQL stores, `checkpointDir/checkpoints.db` for EventStoreDB (whose $all is not ours).
 */
export const createCheckpointStore = (config: Readonly<{ dataDir: string; checkpointDir: string }>, log: EventStore): CheckpointStore => {
  if (log instanceof PostgresEventStore) return log.checkpoints;
  if (log.kind === 'eventstoredb') return new SqliteCheckpointStore(join(config.checkpointDir, 'checkpoints.db'));
  return new SqliteCheckpointStore(join(config.dataDir, 'events.db'));
};
