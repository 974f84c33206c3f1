import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { DecimalInteger } from './input/decimal-integer';

/**
 * Cursor pagination (D54): a cursor is the base64url of where the page before ended — a read
 * model's key, a log position, a checkpoint's tree size — opaque to clients, and stable across
 * writes, because a page starts after it, never at an offset.
 */
export const CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,400}$/;
export const encodeCursor = (after: string | number): string => Buffer.from(String(after), 'utf8').toString('base64url');
export const decodeCursor = (cursor: string | undefined): string | undefined => (cursor === undefined ? undefined : Buffer.from(cursor, 'base64url').toString('utf8'));

/** A cursor that names a position or a size: a whole number, else the start. */
export const decodeNumberCursor = (cursor: string | undefined, start: number): number => {
  const n = Number(decodeCursor(cursor));
  return cursor !== undefined && Number.isSafeInteger(n) && n >= 0 ? n : start;
};

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

/** A query's page as the API answers it: the items mapped, where it ended as the next cursor. */
export const cursorPage = <A, B>(page: { items: readonly A[]; next: string | number | null }, map: (item: A) => B): CursorPage<B> => ({
  items: page.items.map(map),
  nextCursor: page.next === null ? null : encodeCursor(page.next),
});
