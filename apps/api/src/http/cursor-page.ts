import { BadRequestException } from '@nestjs/common';
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

const WHOLE_NUMBER = /^(?:0|[1-9][0-9]{0,15})$/;
/** A cursor this list never handed out (tampered with, or another list's): 400 naming `cursor`, nothing read. */
export const cursorRefused = (list?: string) => new BadRequestException({ code: 'INVALID_INPUT', message: `cursor must be the nextCursor of a page${list ? ` of ${list}` : ''}`, field: 'cursor' });
/** The whole number a cursor of positions, sizes, years or ranks names; any other text is no page's end (400). */
const wholeNumberOf = (after: string): number => {
  const n = Number(after);
  if (!WHOLE_NUMBER.test(after) || !Number.isSafeInteger(n)) throw cursorRefused();
  return n;
};

/**
 * A cursor that names a position or a size: the start when there is none. One that names no whole
 * number is refused: read as the start it began the list again, and a client paging on looped (or,
 * compared as NaN, an empty page read as the end).
 */
export const decodeNumberCursor = (cursor: string | undefined, start: number): number => {
  const after = decodeCursor(cursor);
  return after === undefined ? start : wholeNumberOf(after);
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

/**
 * A page of a list the API holds whole (a farm's years, authorisations, findings, history; the
 * catalogue), in its order: the page starts at the first item that `follows` the cursor's key, so
 * a write between two pages neither repeats nor skips an item that was there (D54).
 */
export const pageOfList = <T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  follows: (key: string, after: string) => boolean,
  { cursor, limit = 20 }: CursorPageQuery,
): CursorPage<T> => {
  const after = decodeCursor(cursor);
  const rest = after === undefined ? items : items.filter((item) => follows(keyOf(item), after));
  const page = rest.slice(0, limit);
  return { items: page, nextCursor: rest.length > limit ? encodeCursor(keyOf(page[page.length - 1]!)) : null };
};
/** Keys in ascending text order. */
export const ascending = (key: string, after: string): boolean => key > after;
/** Keys that are whole numbers, ascending (log positions) or descending (years, newest first). */
export const numberAscending = (key: string, after: string): boolean => Number(key) > wholeNumberOf(after);
export const numberDescending = (key: string, after: string): boolean => Number(key) < wholeNumberOf(after);
