import type { EventStore } from '@asb/event-store';

/** At most this many appends in one look; beyond (another process imported a great deal) every listener starts over. */
const MOST_IN_ONE_LOOK = 10_000;

/** What a look at the log tells: each append since the last look, or that there were too many to list. */
export type LogListener = Readonly<{
  appended(position: number, streamId: string, revision: number, type: string): void;
  /** More than a look lists were appended: anything held may have moved (up to `head`). */
  overflowed(head: number): void;
}>;

/**
 * One look at the log per turn of the event loop, instead of one revision read per stream a request
 * loads and a checkpoint read for the catalogue (D84; issue 18: better-sqlite3's `get` was 5.9 % of the
 * request thread). A look lists what was appended since the last one, by any connection or process
 * (`EventStore.appendedAfter`: stream, revision and type from the engine's columns, no bytes); the
 * listeners (the folds of `CommandService`, the `NormSetCatalogue`) note which of what they hold moved.
 *
 * Why a turn may share one look: a request's loads run only after its bytes arrived, so a look taken in
 * the turn that runs them is later than the request; whatever another process committed before the
 * request is seen. What commits after the look is concurrent with the request, as it was with a read
 * per stream. This process's own appends end the turn's look (the store counts its commits), so code
 * that appends and loads in one turn (the in-memory store answers in the same turn) sees its append.
 *
 * Inactive (every caller reads as before) when the store cannot list its appends in commit order
 * (PostgreSQL, EventStoreDB) or LOG_WATCH=off.
 */
export class LogWatch {
  readonly active: boolean;
  private seen: number | null = null;
  private looked = false;
  private commitsAtLook = -1;
  private readonly listeners: LogListener[] = [];
  private readonly endTurn = () => {
    this.looked = false;
  };

  constructor(
    private readonly log: EventStore,
    on = true,
    private readonly most = MOST_IN_ONE_LOOK,
  ) {
    this.active = on && typeof log.appendedAfter === 'function';
  }

  listen(listener: LogListener): void {
    this.listeners.push(listener);
  }

  /** Brings every listener up to the log as it is now, unless this turn looked already; the position looked up to. */
  look(): number {
    if (this.looked && this.commitsAtLook === this.log.commits) return this.seen!;
    this.commitsAtLook = this.log.commits ?? 0;
    const { head, appended, complete } = this.log.appendedAfter!(this.seen, this.most);
    if (complete) {
      for (const [position, streamId, revision, type] of appended) for (const l of this.listeners) l.appended(position, streamId, revision, type);
      this.seen = head;
    } else {
      // Listeners let go of what they hold, so what lies between needs no listing: on from the head.
      const now = this.log.appendedAfter!(null, 0).head;
      for (const l of this.listeners) l.overflowed(now);
      this.seen = now;
    }
    if (!this.looked) {
      this.looked = true;
      // After every promise of this turn has run and before the next I/O, timer or immediate.
      process.nextTick(this.endTurn);
    }
    return this.seen;
  }
}
