import { InMemoryEventStore } from './in-memory-event-store';
import { eventStoreContract } from '../../../../test/contract/event-store.contract';

eventStoreContract('in-memory', async () => new InMemoryEventStore());
