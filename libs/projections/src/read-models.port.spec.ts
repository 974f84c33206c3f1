import type { StoredEvent } from '@asb/event-store';
import type { Projection } from './projection';
import { ReadModelStore } from './read-model-store';
import { sqliteReadModels } from './read-models.port';

const tags: Projection<{ n: number }> = {
  name: 'tags',
  version: 1,
  handles: ['Tagged'],
  keysOf: (e) => [String((e.data as { key: string }).key)],
  initialState: () => ({ n: 0 }),
  evolve: (s) => ({ n: s.n + 1 }),
};

const event = (position: number, key: string) => ({ position, type: 'Tagged', data: { key } }) as unknown as StoredEvent;

describe('the read-model port over the embedded store', () => {
  const store = new ReadModelStore(':memory:');
  const port = sqliteReadModels(store);
  beforeAll(() => store.applyBatch(tags, ['a:1', 'a:2', 'a:3', 'b:1', 'a:2'].map((k, i) => event(i + 1, k))));
  afterAll(() => store.close());

  it('pages through a prefix in key order and says when more may follow', async () => {
    const first = await port.page<{ n: number }>('tags', { prefix: 'a:', limit: 2 });
    expect(first.items.map((d) => d.key)).toEqual(['a:1', 'a:2']);
    expect(first.items[1].doc).toEqual({ n: 2 });
    expect(first.next).toBe('a:2');
    const second = await port.page('tags', { prefix: 'a:', after: first.next!, limit: 2 });
    expect(second.items.map((d) => d.key)).toEqual(['a:3']);
    expect(second.next).toBeNull();
  });

  it('never leaves the prefix, whatever cursor is sent', async () => {
    expect((await port.page('tags', { prefix: 'a:', after: '0', limit: 10 })).items.map((d) => d.key)).toEqual(['a:1', 'a:2', 'a:3']);
    expect((await port.page('tags', { prefix: 'a:', after: 'a:9', limit: 10 })).items).toEqual([]);
  });

  it('answers documents, counts and checkpoints as the store holds them', async () => {
    expect(await port.get('tags', 'b:1')).toEqual({ n: 1 });
    expect(await port.get('tags', 'c:1')).toBeUndefined();
    expect(await port.count('tags')).toBe(4);
    expect((await port.checkpoint('tags'))?.position).toBe(5);
    expect((await port.list('tags', 'b:')).map((d) => d.key)).toEqual(['b:1']);
    expect((await port.listMatching('tags', 'a:', '3')).map((d) => d.key)).toEqual(['a:3']);
  });
});
