import type Database from 'better-sqlite3';
import type { StoredEvent } from '@asb/event-store';

/**
 * An event one subscriber (a projection or a reactor) could not process: it is set aside for that
 * subscriber only, so the subscriber — and every write waiting for it — goes on (D34).
 */
export type SubscriberFailure = Readonly<{
  /** Order of recording: the cursor of the list. */
  id: number;
  subscriber: string;
  position: number;
  streamId: string;
  revision: number;
  eventId: string;
  eventType: string;
  error: string;
  /** Attempts so far, over every run (a reactor retries a parked event once per start). */
  attempts: number;
  failedAt: string;
  /** Set when a later attempt succeeded; the record stays for the audit trail. */
  resolvedAt: string | null;
}>;

/** What a subscriber reports when it parks an event; the log adds the id and the time. */
export type ParkedEvent = Omit<SubscriberFailure, 'id' | 'failedAt' | 'resolvedAt'>;

/** A parked event as a store holds it; PostgreSQL answers its bigint columns as strings. */
export type SubscriberFailureRow = {
  id: number | string; subscriber: string; position: number | string; stream_id: string; revision: number; event_id: string;
  event_type: string; error: string; attempts: number; failed_at: string; resolved_at: string | null;
};
type Row = SubscriberFailureRow;

/** Error messages are kept short: a stack or a huge payload in a message should not fill the table. */
const MAX_MESSAGE = 2000;

export const describeError = (error: unknown): string => {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
};

export const parkedEvent = (subscriber: string, event: StoredEvent, error: unknown, attempts: number): ParkedEvent => ({
  subscriber,
  position: event.position,
  streamId: event.streamId,
  revision: event.revision,
  eventId: event.id,
  eventType: event.type,
  error: describeError(error),
  attempts,
});

/**
 * The table of parked events, in the read-model file: a failure is written in the same transaction
 * as the checkpoint that moves past it, so a crash never loses one nor moves past one unrecorded.
 */
export class SubscriberFailureLog {
  /** Called after a failure is committed: the process logs it (error level). */
  onRecorded: (failure: ParkedEvent) => void = () => undefined;
  private readonly stmt;

  constructor(db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS subscriber_failures (
        id INTEGER PRIMARY KEY AUTOINCREMENT, subscriber TEXT NOT NULL, position INTEGER NOT NULL,
        stream_id TEXT NOT NULL, revision INTEGER NOT NULL, event_id TEXT NOT NULL, event_type TEXT NOT NULL,
        error TEXT NOT NULL, attempts INTEGER NOT NULL, failed_at TEXT NOT NULL, resolved_at TEXT,
        UNIQUE (subscriber, position));
    `);
    this.stmt = {
      // A second failure of the same event (a retry after a restart) adds its attempts and parks it again.
      record: db.prepare(`
        INSERT INTO subscriber_failures (subscriber, position, stream_id, revision, event_id, event_type, error, attempts, failed_at)
        VALUES (@subscriber, @position, @streamId, @revision, @eventId, @eventType, @error, @attempts, @failedAt)
        ON CONFLICT (subscriber, position) DO UPDATE SET error = excluded.error, attempts = attempts + excluded.attempts,
          failed_at = excluded.failed_at, resolved_at = NULL`),
      resolve: db.prepare<[string, string, number]>('UPDATE subscriber_failures SET resolved_at = ? WHERE subscriber = ? AND position = ?'),
      list: db.prepare<[number, number], Row>('SELECT * FROM subscriber_failures WHERE id > ? ORDER BY id LIMIT ?'),
      parked: db.prepare<[string, number], Row>('SELECT * FROM subscriber_failures WHERE subscriber = ? AND resolved_at IS NULL ORDER BY position LIMIT ?'),
      parkedCounts: db.prepare<[], { subscriber: string; n: number }>(
        'SELECT subscriber, COUNT(*) AS n FROM subscriber_failures WHERE resolved_at IS NULL GROUP BY subscriber ORDER BY subscriber',
      ),
      clear: db.prepare<[string]>('DELETE FROM subscriber_failures WHERE subscriber = ?'),
    };
  }

  /** Inside the caller's transaction (with the checkpoint move); call `announce` after it commits. */
  record(failure: ParkedEvent): void {
    this.stmt.record.run({ ...failure, failedAt: new Date().toISOString() });
  }

  announce(failures: readonly ParkedEvent[]): void {
    for (const failure of failures) this.onRecorded(failure);
  }

  resolve(subscriber: string, position: number): void {
    this.stmt.resolve.run(new Date().toISOString(), subscriber, position);
  }

  /** Every failure, parked or resolved, in recording order after the cursor `after` (an id). */
  list(options: { after?: number; limit: number }): SubscriberFailure[] {
    return this.stmt.list.all(options.after ?? 0, options.limit).map(subscriberFailureFromRow);
  }

  /** A subscriber's events still parked, oldest first. */
  parked(subscriber: string, limit = 1000): SubscriberFailure[] {
    return this.stmt.parked.all(subscriber, limit).map(subscriberFailureFromRow);
  }

  /** Parked events per subscriber (resolved ones not counted). */
  parkedCounts(): Record<string, number> {
    return Object.fromEntries(this.stmt.parkedCounts.all().map((r) => [r.subscriber, r.n]));
  }

  /** A rebuilt projection starts without failures: the rebuild parks again what still fails. */
  clear(subscriber: string): void {
    this.stmt.clear.run(subscriber);
  }
}

/** One reading of a parked event's row, for the embedded and the PostgreSQL store alike. */
export const subscriberFailureFromRow = (r: SubscriberFailureRow): SubscriberFailure => ({
  id: Number(r.id),
  subscriber: r.subscriber,
  position: Number(r.position),
  streamId: r.stream_id,
  revision: r.revision,
  eventId: r.event_id,
  eventType: r.event_type,
  error: r.error,
  attempts: r.attempts,
  failedAt: r.failed_at,
  resolvedAt: r.resolved_at,
});
