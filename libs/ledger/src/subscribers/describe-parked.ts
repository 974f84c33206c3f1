import type { ParkedEvent } from '@asb/projections';

/** One line for the log about an event a projection or reactor set aside. */
export const describeParked = (f: ParkedEvent): string =>
  `${f.subscriber} parked ${f.eventType} ${f.streamId}@${f.revision} (position ${f.position}, event ${f.eventId}) after ${f.attempts} attempt(s): ${f.error}`;
