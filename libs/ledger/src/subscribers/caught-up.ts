import type { SubscriberReport } from './subscriber-report';

/**
 * Read-your-writes with a bound, for an answer that reads read models after a write: true when the
 * subscribers in this process include `position` (default: everything appended) within `ms`.
 */
export abstract class CaughtUp {
  abstract within(position: number | undefined, ms: number): Promise<boolean>;
}

/** Where every subscriber running in this process stands, and what is parked (/health, the regulator's failures page). */
export abstract class SubscriberStatusReader {
  abstract report(): Promise<SubscriberReport>;
}
