import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { eventStoreContract } from '../../../../test/contract/event-store.contract';

/**
 * The contract against a real EventStoreDB server. `npm test` runs it against a scripted gRPC server
 * instead (eventstoredb-scripted-server.int.spec.ts, D47), which is not the same thing.
 * Needs a reachable EventStoreDB server, 22.10 or later (no server can run on the project's build machines):
 *   docker compose -f docker/docker-compose.yml up -d eventstoredb
 *   EVENTSTORE_URL=esdb://localhost:2113?tls=false npm test -- eventstoredb
 */
const url = process.env.EVENTSTORE_URL;
if (url) {
  eventStoreContract('EventStoreDB', async () => new EventStoreDbEventStore({ connectionString: url }));
} else {
  describe('event store contract: EventStoreDB (set EVENTSTORE_URL to run)', () => {
    it.todo('runs the shared contract when EVENTSTORE_URL points at a server');
  });
}
