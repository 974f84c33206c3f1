import { WrongExpectedRevisionError, IdempotencyConflictError } from './errors';
import type { ExpectedRevision, NewEvent } from './event-envelope';

/** Shared by the local adapters so both apply one rule for optimistic concurrency. */
export const checkExpectedRevision = (streamId: string, expected: ExpectedRevision, current: number | null): void => {
  if (expected === 'any') return;
  if (expected === 'no_stream') {
    if (current !== null) throw new WrongExpectedRevisionError(streamId, 'no_stream', current);
    return;
  }
  if (expected === 'stream_exists') {
    if (current === null) throw new WrongExpectedRevisionError(streamId, 'stream_exists', 'no_stream');
    return;
  }
  if (current !== expected) throw new WrongExpectedRevisionError(streamId, expected, current ?? 'no_stream');
};

export type KnownEvent = { id: string; streamId: string; position: number; revision: number };

/**
 * A retried append carries the same event ids. If every id is already stored, in order, on the
 * same stream, the retry is answered with the original positions; a partial overlap is an error.
 */
export const resolveIdempotentRetry = (
  streamId: string,
  events: readonly NewEvent[],
  known: (id: string) => KnownEvent | undefined,
): KnownEvent[] | null => {
  const found = events.map((e) => known(e.id));
  if (found.every((f) => f === undefined)) return null;
  if (found.some((f) => f === undefined)) {
    const existing = found.find((f) => f !== undefined)!;
    throw new IdempotencyConflictError(existing.id, 'part of this batch was already appended; a retry must resend the same batch');
  }
  for (let i = 0; i < found.length; i++) {
    const f = found[i]!;
    if (f.streamId !== streamId) throw new IdempotencyConflictError(f.id, `already stored on stream ${f.streamId}`);
    if (i > 0 && f.revision !== found[i - 1]!.revision + 1) {
      throw new IdempotencyConflictError(f.id, 'a retry must resend the batch in its original order');
    }
  }
  return found as KnownEvent[];
};

export const assertUniqueIds = (events: readonly NewEvent[]): void => {
  const seen = new Set<string>();
  for (const e of events) {
    if (seen.has(e.id)) throw new IdempotencyConflictError(e.id, 'the same event id appears twice in one append');
    seen.add(e.id);
  }
};
