import type { EventMetadata } from './event-envelope';

/** One textual form for recorded times, so that as-of comparisons on strings are also time comparisons. */
export const normaliseRecordedAt = (metadata: EventMetadata): EventMetadata => {
  const instant = new Date(metadata.recordedAt);
  if (Number.isNaN(instant.getTime())) throw new Error(`metadata.recordedAt is not a valid instant: ${metadata.recordedAt}`);
  return { ...metadata, recordedAt: instant.toISOString() };
};
