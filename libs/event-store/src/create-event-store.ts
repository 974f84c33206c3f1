import { join } from 'node:path';
import { EventStoreDbEventStore } from './esdb/eventstoredb-event-store';
import type { EventStore } from './event-store.port';
import { InMemoryEventStore } from './memory/in-memory-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export type EventStoreConfig = Readonly<{
  /** EventStoreDB connection string; when absent the embedded store is used. */
  eventStoreUrl?: string;
  /** Data directory of the embedded store. */
  dataDir: string;
  inMemory?: boolean;
}>;

/** Adapter selection in one place: EVENTSTORE_URL → EventStoreDB, otherwise the embedded store. */
export const createEventStore = (config: EventStoreConfig): EventStore => {
  if (config.inMemory) return new InMemoryEventStore();
  if (config.eventStoreUrl) return new EventStoreDbEventStore({ connectionString: config.eventStoreUrl });
  return new SqliteEventStore({ file: join(config.dataDir, 'events.db') });
};
