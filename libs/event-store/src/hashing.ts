import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { EventBody, NewEvent, StoredEvent } from './event-envelope';

/** The prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const toEventBody = (event: NewEvent, streamId: string, revision: number, prevHash: string): EventBody => {
  const body: EventBody = {
    id: event.id,
    streamId,
    revision,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    prevHash,
    ...(event.personal ? { personal: event.personal } : {}),
  };
  return body;
};

/** Only the hashed fields, in canonical form: what an adapter stores and a verifier re-hashes. */
export const canonicalBody = (event: EventBody): string =>
  canonicalJson({
    id: event.id,
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    prevHash: event.prevHash,
    ...(event.personal ? { personal: event.personal } : {}),
  });

/** The hash a verifier expects: over the stored bytes where the engine keeps them. */
export const recomputeHash = (event: StoredEvent): string => sha256Hex(event.raw ?? canonicalBody(event));
