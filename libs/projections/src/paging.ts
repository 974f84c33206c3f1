import type { ReadModelDocument, ReadModels } from './read-models.port';

/** A page of a query's answer in key order; `next` is the key to page on after (opaque to callers), null on the last page. */
export type QueryPage<T> = Readonly<{ items: T[]; next: string | null }>;

export type PageRequest = Readonly<{ after?: string; limit: number }>;

/** Read models are read a batch at a time while looking for matches: big enough for a page, small enough to stay cheap. */
const BATCH = 200;

/**
 * One page of the documents of a projection under `prefix` that `select` keeps (null: not on the
 * page), after the key `after`. It reads on until it holds one item more than the page, so `next`
 * is null exactly on the last page (D54). `select` may ask elsewhere (a farm's authorisations).
 */
export const pageWhere = async <State, Item>(
  readModels: ReadModels,
  projection: string,
  prefix: string,
  request: PageRequest,
  select: (document: ReadModelDocument<State>) => Item | null | Promise<Item | null>,
): Promise<QueryPage<Item>> => {
  const found: Array<{ key: string; item: Item }> = [];
  let after = request.after ?? '';
  while (found.length <= request.limit) {
    const batch = await readModels.page<State>(projection, { prefix, after, limit: BATCH });
    for (const document of batch.items) {
      const item = await select(document);
      if (item !== null) found.push({ key: document.key, item });
      if (found.length > request.limit) break;
    }
    if (!batch.next) break;
    after = batch.next;
  }
  const items = found.slice(0, request.limit);
  return { items: items.map((f) => f.item), next: found.length > request.limit ? items[items.length - 1]!.key : null };
};
