import { PostgresServer } from '../../../../test/support/postgres-server';
import { eventStoreContract } from '../../../../test/contract/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';

/** The shared contract on a real PostgreSQL (Debian's, started on a loopback port for this file). */
const server = new PostgresServer();
let url: string;
beforeAll(async () => {
  await server.start();
  url = await server.createDatabase();
});
afterAll(() => server.stop());

eventStoreContract('PostgreSQL', async () => new PostgresEventStore({ connectionString: url, pollMs: 20 }));
