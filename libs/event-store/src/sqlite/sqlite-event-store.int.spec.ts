import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';
import { eventStoreContract } from '../../../../test/contract/event-store.contract';

let dir: string;
eventStoreContract(
  'embedded (SQLite)',
  async () => {
    dir = mkdtempSync(join(tmpdir(), 'asb-es-'));
    return new SqliteEventStore({ file: join(dir, 'events.db'), pollMs: 20 });
  },
  async () => rmSync(dir, { recursive: true, force: true }),
);
