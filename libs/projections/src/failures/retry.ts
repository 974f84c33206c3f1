import { WrongExpectedRevisionError } from '@asb/event-store';

/**
 * Failures that say nothing about the event: a concurrent writer on the same stream, a busy or
 * locked SQLite file, an EventStoreDB connection that dropped. These are retried before an event
 * is parked; anything else is a property of the event and is parked at once.
 */
export const isTransientFailure = (error: unknown): boolean => {
  if (error instanceof WrongExpectedRevisionError) return true;
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)) return true;
  // PostgreSQL: a serialization failure or a deadlock the server broke (SQLSTATE 40001, 40P01).
  if (code === '40001' || code === '40P01') return true;
  return typeof name === 'string' && ['UnavailableError', 'DeadlineExceededError'].includes(name);
};

export type RetryPolicy = Readonly<{
  /** Attempts in all, the first included. */
  attempts: number;
  /** Wait before the second attempt; doubles after each. */
  backoffMs: number;
}>;

export const SUBSCRIBER_RETRIES: RetryPolicy = { attempts: 5, backoffMs: 20 };

/** The outcome of a bounded run of attempts: what it returned, or the last error and how many it took. */
export type Attempted<T> = { ok: true; value: T; attempts: number } | { ok: false; error: unknown; attempts: number };

/** Runs `work`, retrying transient failures with exponential backoff, at most `policy.attempts` times. */
export const attempt = async <T>(work: () => Promise<T> | T, policy: RetryPolicy = SUBSCRIBER_RETRIES): Promise<Attempted<T>> => {
  for (let n = 1; ; n++) {
    try {
      return { ok: true, value: await work(), attempts: n };
    } catch (error) {
      if (!isTransientFailure(error) || n >= policy.attempts) return { ok: false, error, attempts: n };
      await new Promise((resolve) => setTimeout(resolve, policy.backoffMs * 2 ** (n - 1)));
    }
  }
};
