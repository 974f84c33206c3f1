import type { StoredEvent } from './event-envelope';
import { CorruptStoreError } from './errors';

/**
 * An event read for `streamId@revision` must say so in its own (hashed) bytes: a row whose stream or
 * revision columns were moved while the hash still holds is refused, so a decision never folds another
 * stream's fact. Every store that reads streams by its columns checks this.
 */
export const checkStreamPosition = (event: StoredEvent, streamId: string, revision: number, described: string): StoredEvent => {
  if (event.streamId !== streamId || event.revision !== revision) {
    throw new CorruptStoreError(`event ${described} was read as ${streamId}@${revision}: the store's columns disagree with its bytes`, event.position);
  }
  return event;
};

/** Names a stored row as well as its bytes allow: type, stream, revision, id and position. */
export const describeRow = (row: Readonly<{ position: number | string; body: string }>): string => {
  try {
    const e = JSON.parse(row.body) as { type?: string; streamId?: string; revision?: number; id?: string };
    return `${e.type} ${e.streamId}@${e.revision} (id ${e.id}, position ${row.position})`;
  } catch {
    return `at position ${row.position} (not readable as JSON)`;
  }
};
