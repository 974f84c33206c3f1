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
