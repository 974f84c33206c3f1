import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { EventBody, NewEvent, StoredEvent } from './event-envelope';

/** The prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** One call, no hash object per text (D85: each event hashed on every thread that verifies it; the same digest, tested). */
export const sha256Hex = (text: string): string => hash('sha256', text, 'hex');

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
