import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';
import { eventStoreContract } from '../../../../test/contract/event-store.contract';
import { newEvent } from '../../../../test/support/new-event';

let dir: string;
eventStoreContract(
  'embedded (SQLite)',
  async () => {
    dir = mkdtempSync(join(tmpdir(), 'asb-es-'));
    return new SqliteEventStore({ file: join(dir, 'events.db'), pollMs: 20 });
  },
  async () => rmSync(dir, { recursive: true, force: true }),
);

describe('the embedded store, one very large append', () => {
  it('commits and answers an append of 130,000 events (a national allocation writes one per candidate)', async () => {
    const large = mkdtempSync(join(tmpdir(), 'asb-es-large-'));
    const store = new SqliteEventStore({ file: join(large, 'events.db'), pollMs: 20 });
    try {
      const events = Array.from({ length: 130_000 }, (_, i) => newEvent('SubsidyGranted', { rank: i + 1 }));
      // Math.max(...positions) threw past about 120,000 arguments, after the commit: the append never answered.
      const result = await store.append('budget-large', events, 'no_stream');
      expect(result.positions).toHaveLength(130_000);
      expect(result.positions[129_999]).toBe(130_000);
      expect(await store.append('budget-large', [newEvent('BudgetReservationReleased', {})], 129_999)).toMatchObject({ positions: [130_001] });
    } finally {
      await store.close();
      rmSync(large, { recursive: true, force: true });
    }
  }, 120_000);
});
