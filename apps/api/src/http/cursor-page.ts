import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import type { ReadModelDocument, ReadModels } from '@asb/projections';
import { DecimalInteger } from './input/decimal-integer';

/**
 * Cursor pagination (D54): a cursor is the base64url of the last key (or log position) of the page
 * before — opaque to clients, and stable across writes, because a page starts after a key, not at
 * an offset.
 */
export const CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,400}$/;
export const encodeCursor = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');
export const decodeCursor = (cursor: string | undefined): string => (cursor === undefined ? '' : Buffer.from(cursor, 'base64url').toString('utf8'));

export class CursorPageQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the page before; leave out for the first page' })
  @IsOptional()
  @IsString()
  @Matches(CURSOR_PATTERN, { message: 'cursor must be the nextCursor of a page' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @DecimalInteger({ min: 1, max: 3 })
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export type CursorPage<T> = Readonly<{ items: T[]; nextCursor: string | null }>;

/** Read models are read a batch at a time while looking for matches: big enough to answer a page, small enough to stay cheap. */
const BATCH = 200;

/**
 * One page of the documents of a projection under `prefix` that `select` turns into an item (null:
 * not on the page), in key order, after the cursor. It reads on until it holds one item more than
 * the page, so `nextCursor` is null exactly on the last page.
 */
export const pageOf = async <State, Item>(
  readModels: ReadModels,
  projection: string,
  query: { prefix?: string; cursor?: string; limit?: number },
  select: (document: ReadModelDocument<State>) => Item | null | Promise<Item | null>,
): Promise<CursorPage<Item>> => {
  const limit = query.limit ?? 20;
  const found: Array<{ key: string; item: Item }> = [];
  let after = decodeCursor(query.cursor);
  while (found.length <= limit) {
    const batch = await readModels.page<State>(projection, { prefix: query.prefix, after, limit: BATCH });
    for (const document of batch.items) {
      const item = await select(document);
      if (item !== null) found.push({ key: document.key, item });
      if (found.length > limit) break;
    }
    if (!batch.next) break;
    after = batch.next;
  }
  const items = found.slice(0, limit);
  return { items: items.map((f) => f.item), nextCursor: found.length > limit ? encodeCursor(items[items.length - 1]!.key) : null };
};

export const refusal = { description: 'refused, in the one error shape {statusCode, code, message, field}' };
