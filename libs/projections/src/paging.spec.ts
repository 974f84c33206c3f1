import type { StoredEvent } from '@asb/event-store';
import type { Projection } from './projection';
import { ReadModelStore } from './read-model-store';
import { sqliteReadModels } from './read-models.port';
import { pageWhere } from './paging';

const counts: Projection<{ n: number }> = {
  name: 'counts',
  version: 1,
  handles: ['Counted'],
  keysOf: (e) => [String((e.data as { key: string }).key)],
  initialState: () => ({ n: 0 }),
  evolve: (s) => ({ n: s.n + 1 }),
};

const event = (position: number, key: string) => ({ position, type: 'Counted', data: { key } }) as unknown as StoredEvent;

/** pageWhere (D54): a page of the documents a selection keeps, in key order, over as many batches as it takes. */
describe('a page of the documents a selection keeps', () => {
  const store = new ReadModelStore(':memory:');
  const readModels = sqliteReadModels(store);
  // 450 keys (more than one batch of 200): k000 … k449; every third is kept.
  const keys = Array.from({ length: 450 }, (_, i) => `k${String(i).padStart(3, '0')}`);
  beforeAll(() => store.applyBatch(counts, keys.map((k, i) => event(i + 1, k))));
  afterAll(() => store.close());
  const kept = keys.filter((_, i) => i % 3 === 0);
  const everyThird = ({ key }: { key: string }) => (Number(key.slice(1)) % 3 === 0 ? key : null);

  it('walks every kept document exactly once, page after page, and says null only on the last page', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await pageWhere(readModels, 'counts', 'k', { after, limit: 40 }, everyThird);
      seen.push(...page.items);
      if (page.next === null) break;
      expect(page.items).toHaveLength(40);
      after = page.next;
    }
    expect(seen).toEqual(kept);
  });

  it('takes a selection that asks elsewhere first (a promise), with the same pages', async () => {
    const sync = await pageWhere(readModels, 'counts', 'k', { after: 'k100', limit: 25 }, everyThird);
    const async = await pageWhere(readModels, 'counts', 'k', { after: 'k100', limit: 25 }, async (d) => everyThird(d));
    expect(async).toEqual(sync);
    expect(sync.items[0]).toBe('k102');
    expect(sync.next).toBe(sync.items[24]);
  });

  it('answers an empty last page after the last key, and nothing outside the prefix', async () => {
    expect(await pageWhere(readModels, 'counts', 'k', { after: 'k449', limit: 10 }, everyThird)).toEqual({ items: [], next: null });
    expect(await pageWhere(readModels, 'counts', 'x', { limit: 10 }, everyThird)).toEqual({ items: [], next: null });
  });
});
