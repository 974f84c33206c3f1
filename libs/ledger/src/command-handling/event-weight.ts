import type { StoredEvent } from '@asb/event-store';

/**
 * About how many bytes of heap a stored event read off the log holds: its stored bytes (`raw`, one byte a
 * character for the JSON's ASCII) and the object parsed from them, which measured at about 1.2 times the
 * bytes for a KLW submission (1,303 bytes stored, 2,894 held; D79). An event without its stored bytes (the
 * in-memory store) is weighed by its data's JSON once, and remembered.
 */
export const eventWeight = (event: StoredEvent): number => {
  if (event.raw !== undefined) return 2 * event.raw.length + OBJECT_OVERHEAD;
  let weight = weighed.get(event);
  if (weight === undefined) {
    weight = 2 * (JSON.stringify(event.data)?.length ?? 0) + OBJECT_OVERHEAD;
    weighed.set(event, weight);
  }
  return weight;
};

/** The envelope's own fields (ids, hashes, position, revision, metadata) beyond its stored bytes. */
const OBJECT_OVERHEAD = 300;
const weighed = new WeakMap<StoredEvent, number>();
