/**
 * Child process for the crash test: appends as fast as it can and prints the id of every event
 * whose append has returned. The parent kills it with SIGKILL mid-burst.
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@asb/event-store';

const file = process.argv[2];
const store = new SqliteEventStore({ file });

const main = async () => {
  for (let i = 0; ; i++) {
    const id = randomUUID();
    const stream = `farm-${i % 50}`;
    await store.append(stream, [
      { id, type: 'BalanceDataSubmitted', schemaVersion: 1, data: { i, payload: 'x'.repeat(200) },
        metadata: { actor: { id: 'burst', role: 'system' }, recordedAt: new Date().toISOString(), correlationId: id, causationId: id } },
    ], 'any');
    process.stdout.write(`${id}\n`);
  }
};
void main();
